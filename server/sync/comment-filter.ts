/**
 * Comment authorship, enforced on the board document: the role shown on a
 * comment is the role of the connection that wrote it, whatever its client
 * claims. Per connection role (`mayPutComment` / `mayRemoveComment` in
 * src/board/comments.ts):
 *
 * - a new thread or reply must name the writer's role as its author;
 * - a thread or reply is changed only by its author's role;
 * - it is removed only by its author's role or the interviewer;
 * - a resolved state (`s:`) is anyone's to write;
 * - nothing else is written under `comments` (no other keys, no nested types).
 *
 * A forbidden part of an update is dropped the way the lock filter drops one
 * (lock-filter.ts): its items become collected structs of the same ids and its
 * deletions leave the delete set, so the rest applies, the sender's clock stays
 * whole and its later edits still apply, and the dropped part reaches no
 * document, store or screen. An item whose place is unknown (it depends on
 * structs the server lacks, so Yjs would hold it back and integrate it later
 * without a check) is dropped too, and so is a candidate's deletion of clocks
 * the server has not seen from another client (Yjs would keep it and delete
 * that client's next comment when it arrives).
 *
 * It reads what the update check already decoded: an update that touches no
 * comment costs a look at its items' places and its deleted ranges, no decode.
 */
import * as Y from 'yjs';
import { mayPutComment, mayRemoveComment } from '../../src/board/comments';
import { collected, encodeUpdateV1, keptRanges, type Range } from './lock-filter';
import type { ReadUpdate, Struct } from './update-check';

export interface CommentFilterResult {
  update: Uint8Array;
  /** How many items and deleted ranges were taken out (0: `update` is the one given). */
  dropped: number;
}

const COMMENTS = 'comments';

/** Rewrites a board update of a connection of `role` so that no comment write its role may not make survives. */
export function filterCommentWrites(
  doc: Y.Doc,
  update: Uint8Array,
  read: ReadUpdate,
  role: string,
): CommentFilterResult {
  const comments = doc.share.get(COMMENTS) as Y.AbstractType<unknown> | undefined;
  let dropped = 0;
  let structs: Struct[] | null = null;
  for (let i = 0; i < read.structs.length; i++) {
    const s = read.structs[i]!;
    if (!(s instanceof Y.Item) || s.id.clock + s.length <= Y.getState(doc.store, s.id.client)) continue;
    const place = read.placeOf(s);
    if (!place.unknown && place.top !== COMMENTS) continue;
    if (!place.unknown && place.rootKey === COMMENTS && place.key !== null) {
      const value: unknown =
        s.content instanceof Y.ContentAny && s.content.arr.length === 1 ? (s.content.arr[0] as unknown) : undefined;
      const current = comments instanceof Y.Map ? (comments as Y.Map<unknown>).get(place.key) : undefined;
      if (mayPutComment(role, place.key, value, current)) continue;
    }
    structs ??= read.structs.slice();
    structs[i] = collected(s);
    dropped++;
  }
  let dsChanged = false;
  // Only a live entry of the comments map is anyone's to protect: an empty map needs no look at the ranges.
  const guarded = comments && comments._map.size > 0 ? comments : null;
  const checksUnseen = role !== 'interviewer';
  // The usual deletion (an overwritten position, a removed card) names none of it: kept as it is, nothing allocated.
  let anyNeedsLook = false;
  for (const [client, ranges] of read.ds.clients)
    if (needsLook(doc, client, ranges, checksUnseen, guarded, role)) {
      anyNeedsLook = true;
      break;
    }
  const clients = new Map<number, Range[]>();
  if (anyNeedsLook)
    for (const [client, ranges] of read.ds.clients) {
      if (!needsLook(doc, client, ranges, checksUnseen, guarded, role)) {
        clients.set(client, ranges);
        continue;
      }
      let kept = guarded
        ? ranges.flatMap((r) => keptRanges(doc, client, r, (d) => mayRemove(guarded, d, role)))
        : ranges;
      if (checksUnseen) {
        const end = ownEnd(read.structs, client);
        kept = kept.flatMap((r) => clipUnseen(doc, client, r, end));
      }
      if (kept.reduce((n, r) => n + r.len, 0) !== ranges.reduce((n, r) => n + r.len, 0)) {
        dsChanged = true;
        dropped++;
      }
      if (kept.length > 0) clients.set(client, kept);
    }
  if (dropped === 0) return { update, dropped: 0 };
  return { update: encodeUpdateV1(structs ?? read.structs, dsChanged ? { clients } : read.ds), dropped };
}

/** Whether a client's deleted ranges need a closer look: clocks not seen yet (unless interviewer), or a guarded comment. */
function needsLook(
  doc: Y.Doc,
  client: number,
  ranges: readonly Range[],
  checksUnseen: boolean,
  guarded: Y.AbstractType<unknown> | null,
  role: string,
): boolean {
  const state = Y.getState(doc.store, client);
  for (const r of ranges)
    if (
      (checksUnseen && r.clock + r.len > state) ||
      (guarded !== null && forbidsRemoval(doc, client, r, guarded, role))
    )
      return true;
  return false;
}

/** Whether a deleted range takes a live comment that `role` may not remove. */
function forbidsRemoval(doc: Y.Doc, client: number, range: Range, comments: Y.AbstractType<unknown>, role: string) {
  const structs = doc.store.clients.get(client);
  if (!structs) return false;
  const end = Math.min(range.clock + range.len, Y.getState(doc.store, client));
  for (let i = range.clock < end ? Y.findIndexSS(structs, range.clock) : structs.length; i < structs.length; i++) {
    const struct = structs[i]!;
    if (struct.id.clock >= end) break;
    if (!mayRemove(comments, struct, role)) return true;
  }
  return false;
}

/** Where the update's own structs of a client end (0 when it has none). */
function ownEnd(structs: readonly Struct[], client: number): number {
  let end = 0;
  for (const s of structs) if (s.id.client === client) end = Math.max(end, s.id.clock + s.length);
  return end;
}

/** Whether deleting a document struct is allowed: anything outside the comments, and what `mayRemoveComment` allows. */
function mayRemove(comments: Y.AbstractType<unknown>, struct: Struct, role: string): boolean {
  if (!(struct instanceof Y.Item) || struct.deleted) return true;
  if (struct.parent !== comments || struct.parentSub === null) return true;
  const value: unknown = struct.content instanceof Y.ContentAny ? (struct.content.arr[0] as unknown) : undefined;
  return mayRemoveComment(role, struct.parentSub, value);
}

/** The part of a deleted range that the document holds or the update itself brings; the rest names clocks not seen yet. */
function clipUnseen(doc: Y.Doc, client: number, range: Range, ownEnd: number): Range[] {
  const limit = Math.max(Y.getState(doc.store, client), ownEnd);
  if (range.clock + range.len <= limit) return [range];
  return range.clock < limit ? [{ clock: range.clock, len: limit - range.clock }] : [];
}
