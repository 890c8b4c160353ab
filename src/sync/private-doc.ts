/**
 * The interviewer's private document (`/sync/<id>/private`, interviewer token
 * only; the server refuses candidates and observers):
 *
 *   notes      Y.Text  free notes
 *   scorecard  Y.Map   level, overall, and `dimension:<id>` -> { rating, note }
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
