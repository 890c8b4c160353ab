/**
 * The document a replay shows: a local Y.Doc, never connected, that each
 * seek rewrites to the board as it was (only what differs is written). Its
 * undo manager and presence go nowhere, so the live board and the people on
 * it never see the replay.
 */
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import type { Board } from '../board/types';
import { boardToDoc, ensureDocSkeleton } from '../doc/board-doc';
import { BoardStore } from './board-store';
import { Editor } from './editor';
import { PresenceSender } from './presence';
import { createUndoManager } from './undo';

export class ReplayDoc {
  readonly doc = new Y.Doc();
  readonly undo: Y.UndoManager;
  private readonly awareness = new Awareness(this.doc);
  readonly presence = new PresenceSender(this.awareness);
  private shown: Board | null = null;
  /** What the replay's canvas and panels read, and a read-only editor: a replay changes nothing. */
  readonly store: BoardStore;
  readonly editor: Editor;

  constructor() {
    ensureDocSkeleton(this.doc);
    this.undo = createUndoManager(this.doc);
    this.store = new BoardStore(this.doc);
    this.editor = new Editor(this.doc, this.store, this.undo, this.awareness, true);
  }

  /** Shows `board`; nothing is written when it is the board already shown. */
  show(board: Board): void {
    if (this.shown === board) return;
    this.shown = board;
    boardToDoc(board, this.doc);
  }

  destroy(): void {
    this.store.destroy();
    this.presence.destroy();
    this.awareness.destroy();
    this.undo.destroy();
    this.doc.destroy();
  }
}
