/**
 * Edits to a board as data: the one language every change to a board is
 * written in. The UI, the quick fixes and imports build lists of ops; the
 * sync layer's interpreter (src/doc/board-doc.ts `applyOpsToDoc`) applies them
 * to the Y.Doc in one LOCAL transaction (one undo step), and `applyOps`
 * applies them to a plain board for the CLI and the tests. A property test
 * checks that both find the same board.
 */
import type { Block, Board, BoardSettings, FeatureFlag, Link, Requirements, ScaleField } from './types';

/** Requirement fields set whole (the lists and maps with their own ops aside). */
export type ScalarRequirement = 'prompt' | 'latencyP99Ms' | 'availability' | 'consistency' | 'assumptions';

export type BoardOp =
  | { op: 'add-block'; block: Block }
  | { op: 'update-block'; id: string; set: Partial<Block> }
  | { op: 'remove-block'; id: string }
  | { op: 'add-link'; link: Link }
  | { op: 'update-link'; id: string; set: Partial<Link> }
  | { op: 'remove-link'; id: string }
  /** An empty or undefined title removes it. */
  | { op: 'set-title'; title: string | undefined }
  /** Sets board settings; a field set to undefined is removed. */
  | { op: 'set-settings'; set: Partial<BoardSettings> }
  /** Sets (or with undefined, an empty text or an empty list, clears) a requirement. */
  | { op: 'set-requirement'; field: ScalarRequirement; value: Requirements[ScalarRequirement] }
  | { op: 'set-feature'; flag: FeatureFlag; on: boolean }
  | { op: 'set-scale'; field: ScaleField; value: number | undefined }
  | { op: 'insert-functional'; index: number; text: string }
  | { op: 'update-functional'; index: number; text: string }
  | { op: 'remove-functional'; index: number }
  | { op: 'move-functional'; from: number; to: number }
  /** Replaces a note topic's whole text (live typing goes through the collaborative text instead). */
  | { op: 'set-note'; topic: string; text: string }
  /** Replaces every document-scope field with a board's (import). */
  | { op: 'replace-board'; board: Board };

/** Sets fields; a field set to `undefined` is removed. */
function patch<T extends object>(target: T, set: Partial<T>): T {
  const next = { ...target };
  for (const [key, value] of Object.entries(set)) {
    if (value === undefined) delete (next as Record<string, unknown>)[key];
    else (next as Record<string, unknown>)[key] = value;
  }
  return next;
}

/** A block and, if it is a group, every block inside it, at any depth. */
export function withDescendants(blocks: readonly Block[], id: string): Set<string> {
  const ids = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const b of blocks) {
      if (b.parent !== undefined && ids.has(b.parent) && !ids.has(b.id)) {
        ids.add(b.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** A requirement value that says nothing: it is removed rather than stored. */
export function isEmptyRequirement(value: unknown): boolean {
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Where `insert-functional` puts an item in a list of `length`: clamped into the list. */
export function clampInsertIndex(index: number, length: number): number {
  return Math.max(0, Math.min(length, Math.floor(index)));
}

/** The functional list after a list op; unchanged (same array) when the op does not apply. */
export function editList(list: readonly string[], op: BoardOp): readonly string[] {
  const next = [...list];
  switch (op.op) {
    case 'insert-functional':
      next.splice(clampInsertIndex(op.index, next.length), 0, op.text);
      return next;
    case 'update-functional':
      if (op.index < 0 || op.index >= next.length || next[op.index] === op.text) return list;
      next[op.index] = op.text;
      return next;
    case 'remove-functional':
      if (op.index < 0 || op.index >= next.length) return list;
      next.splice(op.index, 1);
      return next;
    case 'move-functional': {
      const { from, to } = op;
      if (from === to || from < 0 || to < 0 || from >= next.length || to >= next.length) return list;
      const [item] = next.splice(from, 1);
      next.splice(to, 0, item!);
      return next;
    }
    default:
      return list;
  }
}

/** Drops a map-valued field when it became empty, as the document reads it back. */
function withoutEmpty<T extends object>(owner: T, key: keyof T): T {
  const value = owner[key];
  if (value !== null && typeof value === 'object' && Object.keys(value).length === 0) {
    const next = { ...owner };
    delete next[key];
    return next;
  }
  return owner;
}

function applyRequirementOp(req: Requirements, op: BoardOp): Requirements {
  switch (op.op) {
    case 'set-requirement':
      return isEmptyRequirement(op.value) ? patch(req, { [op.field]: undefined }) : { ...req, [op.field]: op.value };
    case 'set-feature':
      return withoutEmpty(
        { ...req, features: patch(req.features ?? {}, { [op.flag]: op.on ? true : undefined }) },
        'features',
      );
    case 'set-scale':
      return withoutEmpty({ ...req, scale: patch(req.scale ?? {}, { [op.field]: op.value }) }, 'scale');
    default: {
      const functional = editList(req.functional ?? [], op);
      return functional.length > 0 ? { ...req, functional: [...functional] } : patch(req, { functional: undefined });
    }
  }
}

/**
 * A new board with the ops applied in order. Removing a block removes its
 * links and what sits inside it; adding a block or link with an existing id
 * replaces it (as in the document, where entries are keyed by id).
 */
export function applyOps(board: Board, ops: readonly BoardOp[]): Board {
  let out: Board = { ...board, blocks: [...board.blocks], links: [...board.links] };
  for (const op of ops) {
    switch (op.op) {
      case 'add-block':
        out.blocks = [...out.blocks.filter((b) => b.id !== op.block.id), op.block];
        break;
      case 'update-block':
        out.blocks = out.blocks.map((b) => (b.id === op.id ? patch(b, op.set) : b));
        break;
      case 'remove-block': {
        if (!out.blocks.some((b) => b.id === op.id)) break;
        const removed = withDescendants(out.blocks, op.id);
        out.blocks = out.blocks.filter((b) => !removed.has(b.id));
        out.links = out.links.filter((l) => !removed.has(l.from) && !removed.has(l.to));
        break;
      }
      case 'add-link':
        out.links = [...out.links.filter((l) => l.id !== op.link.id), op.link];
        break;
      case 'update-link':
        out.links = out.links.map((l) => (l.id === op.id ? patch(l, op.set) : l));
        break;
      case 'remove-link':
        out.links = out.links.filter((l) => l.id !== op.id);
        break;
      case 'set-title':
        out = patch(out, { title: op.title });
        break;
      case 'set-settings': {
        const { title: _title, ...set } = op.set;
        out = withoutEmpty({ ...out, settings: patch(out.settings ?? {}, set) }, 'settings');
        break;
      }
      case 'set-requirement':
      case 'set-feature':
      case 'set-scale':
      case 'insert-functional':
      case 'update-functional':
      case 'remove-functional':
      case 'move-functional':
        out = withoutEmpty({ ...out, requirements: applyRequirementOp(out.requirements ?? {}, op) }, 'requirements');
        break;
      case 'set-note':
        out = { ...out, notes: { ...out.notes, [op.topic]: op.text } };
        break;
      case 'replace-board':
        out = { ...op.board, blocks: [...op.board.blocks], links: [...op.board.links] };
        break;
    }
  }
  return out;
}

/**
 * A board in canonical form: blocks and links sorted by id, empty notes and
 * empty requirement lists and maps left out. Two boards that say the same
 * thing compare equal in this form (the live document stores boards this way).
 */
export function canonicalBoard(board: Board): Board {
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const out: Board = { ...board, blocks: [...board.blocks].sort(byId), links: [...board.links].sort(byId) };
  if (board.notes) {
    const notes = Object.fromEntries(Object.entries(board.notes).filter(([, v]) => v !== ''));
    if (Object.keys(notes).length > 0) out.notes = notes;
    else delete out.notes;
  }
  if (board.settings && Object.keys(board.settings).length === 0) delete out.settings;
  if (board.requirements) {
    const req = Object.fromEntries(
      Object.entries(board.requirements).filter(([, v]) => {
        if (Array.isArray(v)) return v.length > 0;
        if (v !== null && typeof v === 'object') return Object.keys(v).length > 0;
        return v !== undefined;
      }),
    );
    if (Object.keys(req).length > 0) out.requirements = req;
    else delete out.requirements;
  }
  return out;
}

/** A short random id for new blocks and links: unique enough for one board, readable in files. */
export function newId(prefix: string): string {
  const random = Math.random().toString(36).slice(2, 8) + Date.now().toString(36).slice(-3);
  return `${prefix}-${random}`;
}
