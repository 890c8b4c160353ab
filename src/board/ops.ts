/**
 * Edits to a board as data. A quick fix is a list of ops; the sync layer
 * applies them to the Y.Doc in one transaction (one undo step), and
 * `applyOps` applies them to a plain board for the CLI and the tests.
 */
import type { Block, Board, Link } from './types';

export type BoardOp =
  | { op: 'add-block'; block: Block }
  | { op: 'update-block'; id: string; set: Partial<Block> }
  | { op: 'remove-block'; id: string }
  | { op: 'add-link'; link: Link }
  | { op: 'update-link'; id: string; set: Partial<Link> }
  | { op: 'remove-link'; id: string };

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

/** A new board with the ops applied in order. Removing a block removes its links and what sits inside it. */
export function applyOps(board: Board, ops: readonly BoardOp[]): Board {
  let blocks = [...board.blocks];
  let links = [...board.links];
  for (const op of ops) {
    switch (op.op) {
      case 'add-block':
        blocks.push(op.block);
        break;
      case 'update-block':
        blocks = blocks.map((b) => (b.id === op.id ? patch(b, op.set) : b));
        break;
      case 'remove-block': {
        const removed = withDescendants(blocks, op.id);
        blocks = blocks.filter((b) => !removed.has(b.id));
        links = links.filter((l) => !removed.has(l.from) && !removed.has(l.to));
        break;
      }
      case 'add-link':
        links.push(op.link);
        break;
      case 'update-link':
        links = links.map((l) => (l.id === op.id ? patch(l, op.set) : l));
        break;
      case 'remove-link':
        links = links.filter((l) => l.id !== op.id);
        break;
    }
  }
  return { ...board, blocks, links };
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
