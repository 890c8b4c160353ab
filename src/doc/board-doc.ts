/**
 * The board's Y.Doc layout (a contract: ARCHITECTURE.md describes it) and lossless
 * conversion between it and a plain board.
 *
 *   blocks        Y.Map<Y.Map>  keyed by block id; one key per field, so
 *                               concurrent edits to different fields merge
 *   links         Y.Map<Y.Map>  keyed by link id
 *   requirements  Y.Map         prompt, functional (Y.Array<string>),
 *                               features (Y.Map), scale (Y.Map), latencyP99Ms,
 *                               availability, consistency
 *   notes         Y.Map<Y.Text> keyed by topic (api, dataModel, tradeoffs)
 *   session       Y.Map         settings (Y.Map: title and the board's
 *                               settings, such as disabledRules), timer (plain
 *                               JSON, written whole: see src/interview/timer.ts),
 *                               templateId, template (plain JSON), extra
 *                               (unknown top-level fields of an imported file)
 *   comments      Y.Map         comment threads, flat: plain values keyed
 *                               t:<thread>, r:<thread>:<reply>, s:<thread>
 *                               (src/board/comments.ts), each written once
 *                               or, for s:, whole by whoever resolves last
 *
 * The nested types are created once with the board (ensureDocSkeleton) and
 * written into afterwards, never replaced: see ensureDocSkeleton for why.
 */
import * as Y from 'yjs';
import type { Block, Board, BoardSettings, Link, Requirements } from '../board/types';
import { BOARD_FORMAT, NOTE_TOPICS } from '../board/types';
import type { BoardOp } from '../board/ops';
import { clampInsertIndex, editList, isEmptyRequirement } from '../board/ops';
import type { TimerState } from '../interview/timer';
import { threadsFromEntries, threadsToEntries } from '../board/comments';

export type FieldMap = Y.Map<unknown>;

export const blocksOf = (doc: Y.Doc) => doc.getMap<FieldMap>('blocks');
export const linksOf = (doc: Y.Doc) => doc.getMap<FieldMap>('links');
export const requirementsOf = (doc: Y.Doc) => doc.getMap<unknown>('requirements');
export const notesOf = (doc: Y.Doc) => doc.getMap<Y.Text>('notes');
export const sessionOf = (doc: Y.Doc) => doc.getMap<unknown>('session');

/**
 * The session key an import or a restore (the `replace-board` op) counts up in
 * the same transaction: what makes a whole-board replacement recognisable to
 * the server, which drops a candidate's while imports are locked. Deleting
 * blocks, however many, is ordinary editing and carries no mark.
 */
export const REPLACEMENT_MARK = 'replacements';
/** Comment threads in their flat form (see src/board/comments.ts); a top-level map, so no one creates it twice. */
export const commentsOf = (doc: Y.Doc) => doc.getMap<unknown>('comments');

/** Makes a flat comment map hold exactly `entries`, writing only the values that differ. */
export function replaceCommentEntries(target: Y.Map<unknown>, entries: readonly (readonly [string, object])[]): void {
  const wanted = new Map(entries);
  for (const key of [...target.keys()]) if (!wanted.has(key)) target.delete(key);
  for (const [key, value] of wanted) if (!sameJson(target.get(key), value)) target.set(key, value);
}

/** Whether two plain values say the same, whatever the order of their keys (a value read back through a schema keeps none). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) =>
      Object.prototype.hasOwnProperty.call(b, k) &&
      sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/** The settings map inside `session`, created on first use. */
export function settingsOf(doc: Y.Doc): Y.Map<unknown> {
  return nestedMap(sessionOf(doc), 'settings');
}

/** A Y.Map stored under `key` of `parent`; created (in the caller's transaction) when missing. */
export function nestedMap(parent: Y.Map<unknown>, key: string): Y.Map<unknown> {
  const existing = parent.get(key);
  if (existing instanceof Y.Map) return existing as Y.Map<unknown>;
  const created = new Y.Map<unknown>();
  parent.set(key, created);
  return created;
}

/** Copies the defined fields of a plain object into a Y.Map. */
function fieldsToMap(fields: object): FieldMap {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) map.set(key, value);
  return map;
}

/** Sets fields of a Y.Map, deleting those set to undefined; unchanged values are not rewritten. */
export function setFields(map: FieldMap, set: object): void {
  for (const [key, value] of Object.entries(set)) {
    if (value === undefined) {
      if (map.has(key)) map.delete(key);
    } else if (map.get(key) !== value) {
      map.set(key, value);
    }
  }
}

export function mapToBlock(map: FieldMap): Block {
  return map.toJSON() as Block;
}

export function mapToLink(map: FieldMap): Link {
  return map.toJSON() as Link;
}

/** The nested types every board has. The server creates them with the board (see ensureDocSkeleton). */
const SKELETON_NOTE_TOPICS = NOTE_TOPICS.map((t) => t.id);

/**
 * Creates the nested shared types of a board when they are missing. Two clients
 * that each create a nested type under the same key concurrently lose one of
 * them with its content, so the server runs this once when it creates a board,
 * and clients write into these types instead of replacing them.
 */
export function ensureDocSkeleton(doc: Y.Doc): void {
  doc.transact(() => {
    const requirements = requirementsOf(doc);
    if (!(requirements.get('functional') instanceof Y.Array)) requirements.set('functional', new Y.Array<string>());
    nestedMap(requirements, 'features');
    nestedMap(requirements, 'scale');
    const notes = notesOf(doc);
    for (const topic of SKELETON_NOTE_TOPICS) if (!(notes.get(topic) instanceof Y.Text)) notes.set(topic, new Y.Text());
    nestedMap(sessionOf(doc), 'settings');
  });
}

/** Makes a Y.Map hold exactly the defined fields of a plain object, keeping the map itself. */
function replaceFields(map: Y.Map<unknown>, fields: object): void {
  const wanted = Object.entries(fields).filter(([, v]) => v !== undefined);
  const keys = new Set(wanted.map(([k]) => k));
  for (const key of [...map.keys()]) if (!keys.has(key)) map.delete(key);
  for (const [key, value] of wanted) if (map.get(key) !== value) map.set(key, value);
}

/** Replaces the whole content of a Y.Text. */
function replaceText(text: Y.Text, content: string): void {
  if (text.toString() === content) return;
  text.delete(0, text.length);
  text.insert(0, content);
}

function requirementsToDoc(req: Requirements, target: Y.Map<unknown>): void {
  const { functional, features, scale, ...scalars } = req;
  replaceFields(target, {
    ...scalars,
    functional: target.get('functional'),
    features: target.get('features'),
    scale: target.get('scale'),
  });
  const list = target.get('functional') as Y.Array<string>;
  list.delete(0, list.length);
  if (functional) list.push(functional);
  replaceFields(nestedMap(target, 'features'), features ?? {});
  replaceFields(nestedMap(target, 'scale'), scale ?? {});
}

/** Requirements without empty containers: an empty list or map says nothing. */
function requirementsFromDoc(source: Y.Map<unknown>): Requirements | undefined {
  const out: Requirements = {};
  const fields: Record<string, unknown> = source.toJSON();
  for (const [key, value] of Object.entries(fields)) {
    if (Array.isArray(value) && value.length === 0) continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)
      continue;
    out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Makes a map of blocks or links hold exactly `items`, keeping the Y.Map of
 * each item that stays: only what differs is written, so a restore or a
 * replay frame changes (and re-renders) only the items that changed.
 */
function replaceItems(target: Y.Map<FieldMap>, items: readonly { id: string }[]): void {
  const wanted = new Map(items.map((item) => [item.id, item]));
  for (const id of [...target.keys()]) if (!wanted.has(id)) target.delete(id);
  for (const [id, item] of wanted) {
    const existing = target.get(id);
    if (existing instanceof Y.Map) replaceFields(existing, item);
    else target.set(id, fieldsToMap(item));
  }
}

/** Replaces every document-scope field of the doc with the board's, keeping the nested types. Run it inside a transaction. */
function writeBoardIntoDoc(doc: Y.Doc, board: Board): void {
  ensureDocSkeleton(doc);
  const blocks = blocksOf(doc);
  const links = linksOf(doc);
  const session = sessionOf(doc);
  replaceItems(blocks, board.blocks);
  replaceItems(links, board.links);
  requirementsToDoc(board.requirements ?? {}, requirementsOf(doc));
  const notes = notesOf(doc);
  const topics = { ...Object.fromEntries(SKELETON_NOTE_TOPICS.map((t) => [t, ''])), ...board.notes };
  for (const key of [...notes.keys()]) if (!(key in topics)) notes.delete(key);
  for (const [topic, content] of Object.entries(topics)) {
    const existing = notes.get(topic);
    if (existing instanceof Y.Text) replaceText(existing, content);
    else notes.set(topic, new Y.Text(content));
  }
  replaceFields(settingsOf(doc), { ...board.settings, title: board.title });
  if (board.template !== undefined) session.set('template', board.template);
  else session.delete('template');
  replaceCommentEntries(commentsOf(doc), threadsToEntries(board.comments ?? []));
  const {
    format: _format,
    title: _t,
    settings: _s,
    requirements: _r,
    blocks: _b,
    links: _l,
    notes: _n,
    template: _tp,
    comments: _c,
    ...extra
  } = board;
  if (Object.keys(extra).length > 0) session.set('extra', extra);
  else session.delete('extra');
}

/** Fills (or replaces the content of) a doc with a board, in one transaction with the given origin. */
export function boardToDoc(board: Board, doc: Y.Doc = new Y.Doc(), origin: unknown = null): Y.Doc {
  doc.transact(() => writeBoardIntoDoc(doc, board), origin);
  return doc;
}

/**
 * The plain board of a doc: blocks and links sorted by id, so every replica
 * gives the same file; empty notes and empty requirement lists are left out.
 */
export function docToBoard(doc: Y.Doc): Board {
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const blocks = [...blocksOf(doc).values()].map(mapToBlock).sort(byId);
  const links = [...linksOf(doc).values()].map(mapToLink).sort(byId);
  const session = sessionOf(doc);
  const { title, ...settings } = (existingSettings(doc)?.toJSON() ?? {}) as { title?: unknown } & BoardSettings;
  const requirements = requirementsFromDoc(requirementsOf(doc));
  const notes = Object.fromEntries(
    [...notesOf(doc).entries()].map(([k, t]): [string, string] => [k, t.toString()]).filter(([, v]) => v !== ''),
  );
  const board: Board = {
    ...((session.get('extra') as object | undefined) ?? {}),
    format: BOARD_FORMAT,
    ...(typeof title === 'string' ? { title } : {}),
    ...(Object.keys(settings).length > 0 ? { settings } : {}),
    ...(requirements ? { requirements } : {}),
    blocks,
    links,
  };
  if (Object.keys(notes).length > 0) board.notes = notes;
  const template = session.get('template');
  if (template !== undefined) board.template = template as Board['template'];
  const comments = threadsFromEntries(commentsOf(doc).entries());
  if (comments.length > 0) board.comments = comments;
  return board;
}

/** The settings map if it exists, without creating it (reading must not write). */
function existingSettings(doc: Y.Doc): Y.Map<unknown> | undefined {
  const s = sessionOf(doc).get('settings');
  return s instanceof Y.Map ? (s as Y.Map<unknown>) : undefined;
}

/** The board's title, or undefined. */
export function readTitle(doc: Y.Doc): string | undefined {
  const t = existingSettings(doc)?.get('title');
  return typeof t === 'string' ? t : undefined;
}

/**
 * Removes blocks and everything that hangs on them: their links, and the
 * blocks inside removed groups (recursively). Returns the removed block ids.
 */
export function removeBlocksFromDoc(doc: Y.Doc, ids: Iterable<string>): Set<string> {
  const blocks = blocksOf(doc);
  const links = linksOf(doc);
  const removed = new Set<string>();
  const queue = [...ids];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (removed.has(id) || !blocks.has(id)) continue;
    removed.add(id);
    for (const [childId, child] of blocks) if (child.get('parent') === id) queue.push(childId);
  }
  for (const id of removed) blocks.delete(id);
  for (const [linkId, link] of [...links]) {
    if (removed.has(link.get('from') as string) || removed.has(link.get('to') as string)) links.delete(linkId);
  }
  return removed;
}

/** Writes to the document that are not board content: the shared interview timer (session scope). */
export type SessionOp =
  | { op: 'set-timer'; timer: TimerState }
  /** A named moment of the board's history, under the session key `version:<id>` (see src/sync/history-actions.ts). */
  | { op: 'add-version'; key: string; version: object }
  /** One value of the flat comment map (a thread, a reply, a resolved state: src/board/comments.ts). */
  | { op: 'put-comment'; key: string; value: object };
/** Everything the interpreter writes. */
export type DocOp = BoardOp | SessionOp;

/** The functional requirements list, created when a board from an older version lacks it. */
function functionalList(doc: Y.Doc): Y.Array<string> {
  const req = requirementsOf(doc);
  const existing = req.get('functional');
  if (existing instanceof Y.Array) return existing as Y.Array<string>;
  const list = new Y.Array<string>();
  req.set('functional', list);
  return list;
}

/** A list op as the few Y.Array edits it takes; indexes are checked as `editList` checks them. */
function applyListOp(list: Y.Array<string>, op: BoardOp): void {
  const items = list.toArray();
  if (editList(items, op) === items) return;
  switch (op.op) {
    case 'insert-functional':
      list.insert(clampInsertIndex(op.index, list.length), [op.text]);
      break;
    case 'update-functional':
      list.delete(op.index, 1);
      list.insert(op.index, [op.text]);
      break;
    case 'remove-functional':
      list.delete(op.index, 1);
      break;
    case 'move-functional':
      list.delete(op.from, 1);
      list.insert(op.to, [items[op.from]!]);
      break;
    default:
      break;
  }
}

/**
 * The one interpreter of ops on the document. Run it inside a transaction
 * (the editing API does, with the LOCAL origin) so a list of ops is one undo step.
 */
export function applyOpsToDoc(doc: Y.Doc, ops: readonly DocOp[]): void {
  const blocks = blocksOf(doc);
  const links = linksOf(doc);
  for (const op of ops) {
    switch (op.op) {
      case 'add-block':
        blocks.set(op.block.id, fieldsToMap(op.block));
        break;
      case 'update-block': {
        const map = blocks.get(op.id);
        if (map) setFields(map, op.set);
        break;
      }
      case 'remove-block':
        removeBlocksFromDoc(doc, [op.id]);
        break;
      case 'add-link':
        links.set(op.link.id, fieldsToMap(op.link));
        break;
      case 'update-link': {
        const map = links.get(op.id);
        if (map) setFields(map, op.set);
        break;
      }
      case 'remove-link':
        links.delete(op.id);
        break;
      case 'set-title':
        setFields(settingsOf(doc), { title: op.title });
        break;
      case 'set-settings': {
        const { title: _title, ...set } = op.set;
        setFields(settingsOf(doc), set);
        break;
      }
      case 'set-requirement': {
        const req = requirementsOf(doc);
        if (isEmptyRequirement(op.value)) req.delete(op.field);
        else if (req.get(op.field) !== op.value) req.set(op.field, op.value);
        break;
      }
      case 'set-feature':
        setFields(nestedMap(requirementsOf(doc), 'features'), { [op.flag]: op.on ? true : undefined });
        break;
      case 'set-scale':
        setFields(nestedMap(requirementsOf(doc), 'scale'), { [op.field]: op.value });
        break;
      case 'insert-functional':
      case 'update-functional':
      case 'remove-functional':
      case 'move-functional':
        applyListOp(functionalList(doc), op);
        break;
      case 'set-note': {
        const notes = notesOf(doc);
        const existing = notes.get(op.topic);
        if (existing instanceof Y.Text) replaceText(existing, op.text);
        else notes.set(op.topic, new Y.Text(op.text));
        break;
      }
      case 'replace-board':
        writeBoardIntoDoc(doc, op.board);
        // Marks the edit as a replacement, so the server can hold it to the import lock.
        sessionOf(doc).set(REPLACEMENT_MARK, (Number(sessionOf(doc).get(REPLACEMENT_MARK)) || 0) + 1);
        break;
      case 'set-timer':
        sessionOf(doc).set('timer', op.timer);
        break;
      case 'add-version':
        sessionOf(doc).set(op.key, { ...op.version });
        break;
      case 'put-comment':
        commentsOf(doc).set(op.key, op.value);
        break;
    }
  }
}
