/**
 * A board as the app opens it, without a server: a doc with its skeleton,
 * the store, the undo manager and the editor. For the tests of the editing
 * API and the binding.
 */
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { ensureDocSkeleton } from '../doc/board-doc';
import { BoardStore } from './board-store';
import { Editor } from './editor';
import type { ParticipantRole } from '../protocol/roles';
import { createUndoManager } from './undo';

export function openTestBoard(
  doc = new Y.Doc(),
  options: { readOnly?: boolean; warnings?: string[]; role?: ParticipantRole; controlDoc?: Y.Doc } = {},
) {
  ensureDocSkeleton(doc);
  const store = new BoardStore(doc, (m) => options.warnings?.push(m), options.controlDoc ?? null);
  const undo = createUndoManager(doc);
  const editor = new Editor(doc, store, undo, new Awareness(doc), options.readOnly ?? false, {
    role: options.role ?? 'interviewer',
    controls: null,
  });
  return { doc, store, undo, editor };
}

/** Sends every update of `from` to `to` as a remote peer would (not LOCAL: never undoable). */
export function syncOnce(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'remote');
}
