import * as Y from 'yjs';
import {
  blocksOf,
  commentsOf,
  ensureDocSkeleton,
  linksOf,
  notesOf,
  requirementsOf,
  settingsOf,
} from '../doc/board-doc';
import { LOCAL } from './origin';
import { UNDO_CAPTURE_MS } from '../limits';

/**
 * Per-user undo: a Y.UndoManager over the document-scope types that tracks only
 * this user's LOCAL transactions, so undo never touches another person's edits.
 */
export function createUndoManager(doc: Y.Doc): Y.UndoManager {
  // Create it after the first sync: boards come with their skeleton from the
  // server, and this only fills in what a board made by an older version lacks.
  ensureDocSkeleton(doc);
  // Comments are written untracked (never an undo step of their own), but an import that
  // replaced them is undone with them.
  const scope = [blocksOf(doc), linksOf(doc), requirementsOf(doc), notesOf(doc), settingsOf(doc), commentsOf(doc)];
  return new Y.UndoManager(scope, {
    trackedOrigins: new Set([LOCAL]),
    captureTimeout: UNDO_CAPTURE_MS,
  });
}

/**
 * Makes everything written until `end()` one undo step, however long it takes
 * (a drag may pause longer than the capture timeout).
 */
export function beginUndoGroup(undo: Y.UndoManager): () => void {
  undo.stopCapturing();
  const saved = undo.captureTimeout;
  undo.captureTimeout = Number.POSITIVE_INFINITY;
  return () => {
    undo.captureTimeout = saved;
    undo.stopCapturing();
  };
}
