/**
 * The interviewer's private document (`/sync/<id>/private`, interviewer token
 * only; the server refuses candidates and observers):
 *
 *   notes      Y.Text  free notes
 *   scorecard  Y.Map   level, overall, and `dimension:<id>` -> { rating, note }
 *   pins       Y.Map   evidence pinned to moments (src/sync/history-actions.ts)
 *   comments   Y.Map   the interviewer's private comment threads, in the flat
 *                      form of src/board/comments.ts; a thread may name the
 *                      scorecard dimension it is evidence for
 *
 * Top-level types only, so no two clients can create competing nested types.
 */
import * as Y from 'yjs';
import {
  DIMENSIONS,
  readScorecard,
  type DimensionId,
  type DimensionScore,
  type LevelId,
  type Scorecard,
  type Signal,
} from '../interview/scorecard';
import { LOCAL } from './origin';
import {
  newComment,
  newReply,
  resolveEntry,
  threadKey,
  threadsFromEntries,
  type CommentDraft,
  type CommentThread,
} from '../board/comments';

export const privateNotesOf = (doc: Y.Doc) => doc.getText('notes');
export const scorecardOf = (doc: Y.Doc) => doc.getMap<unknown>('scorecard');

/** The scorecard as plain data (validated: unknown values read as unrated). */
export function readPrivateScorecard(doc: Y.Doc): Scorecard {
  const map = scorecardOf(doc);
  const dimensions: Record<string, unknown> = {};
  for (const d of DIMENSIONS) dimensions[d.id] = map.get(`dimension:${d.id}`);
  return readScorecard({
    level: map.get('level'),
    overall: map.get('overall'),
    dimensions,
    notes: privateNotesOf(doc).toString(),
  });
}

export function setScorecardLevel(doc: Y.Doc, level: LevelId | null): void {
  doc.transact(() => (level === null ? scorecardOf(doc).delete('level') : scorecardOf(doc).set('level', level)), LOCAL);
}

export function setScorecardOverall(doc: Y.Doc, overall: Signal | null): void {
  doc.transact(
    () => (overall === null ? scorecardOf(doc).delete('overall') : scorecardOf(doc).set('overall', overall)),
    LOCAL,
  );
}

export function setDimensionScore(doc: Y.Doc, id: DimensionId, score: DimensionScore): void {
  doc.transact(() => scorecardOf(doc).set(`dimension:${id}`, score), LOCAL);
}

/** Undo for the private document: this interviewer's own edits. */
export function createPrivateUndoManager(doc: Y.Doc): Y.UndoManager {
  return new Y.UndoManager([privateNotesOf(doc), scorecardOf(doc)], {
    trackedOrigins: new Set([LOCAL]),
    captureTimeout: 500,
  });
}

export const privateCommentsOf = (doc: Y.Doc) => doc.getMap<unknown>('comments');

/** The private comment threads, oldest first; malformed values are left out. */
export function readPrivateComments(doc: Y.Doc): CommentThread[] {
  return threadsFromEntries(privateCommentsOf(doc).entries()).map((t) =>
    t.dimension === undefined || DIMENSIONS.some((d) => d.id === t.dimension) ? t : { ...t, dimension: undefined },
  );
}

/** Pins a private comment (seen only by interviewers); returns its id, or null when nothing was written. */
export function addPrivateComment(doc: Y.Doc, draft: CommentDraft): string | null {
  const made = newComment(readPrivateComments(doc), draft, 'interviewer', Date.now());
  if (!made) return null;
  doc.transact(() => privateCommentsOf(doc).set(made.key, made.value), LOCAL);
  return made.id;
}

export function replyToPrivateComment(doc: Y.Doc, threadId: string, draft: Omit<CommentDraft, 'anchor'>): boolean {
  const made = newReply(readPrivateComments(doc), threadId, draft, 'interviewer', Date.now());
  if (!made) return false;
  doc.transact(() => privateCommentsOf(doc).set(made.key, made.value), LOCAL);
  return true;
}

export function setPrivateCommentResolved(doc: Y.Doc, threadId: string, resolved: boolean, by: string): void {
  const entry = resolveEntry(readPrivateComments(doc), threadId, resolved, by, Date.now());
  if (entry) doc.transact(() => privateCommentsOf(doc).set(entry.key, entry.value), LOCAL);
}

/** Attaches a private thread to a scorecard dimension as evidence, or (null) detaches it. */
export function setPrivateCommentDimension(doc: Y.Doc, threadId: string, dimension: DimensionId | null): void {
  const map = privateCommentsOf(doc);
  const key = threadKey(threadId);
  const head = map.get(key);
  if (typeof head !== 'object' || head === null) return;
  const { dimension: _old, ...rest } = head as Record<string, unknown>;
  doc.transact(() => map.set(key, dimension === null ? rest : { ...rest, dimension }), LOCAL);
}
