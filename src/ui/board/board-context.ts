import { createContext, useContext } from 'react';
import type * as Y from 'yjs';
import type { BoardStore } from '../../sync/board-store';
import type { BoardAccess, SyncedDoc } from '../../sync/connection';
import type { ParticipantRole } from '../../protocol/roles';
import type { ControlStore, Drills } from '../../sync/control';
import type { Editor } from '../../sync/editor';
import type { PresenceSender } from '../../sync/presence';

/**
 * Everything a component of an open board needs: the board store to read the
 * board, the editor to change it, who we are. Components never touch the doc.
 */
export interface BoardRuntime {
  id: string;
  token: string;
  access: BoardAccess;
  role: ParticipantRole;
  /** Observers look but do not touch; the server drops their writes too. */
  readOnly: boolean;
  /** The connection (status, awareness); the document inside is the store's and the editor's business. */
  synced: SyncedDoc;
  store: BoardStore;
  editor: Editor;
  presence: PresenceSender;
  /** The interviewer's private document (notes, scorecard); interviewers only. */
  privateDoc: { synced: SyncedDoc; undo: Y.UndoManager } | null;
  /** The control document (interviewer-only settings, read by everyone): its store, and the drill controls (interviewers only write). */
  control: { synced: SyncedDoc; store: ControlStore; drills: Drills };
}

export const BoardContext = createContext<BoardRuntime | null>(null);

export function useBoard(): BoardRuntime {
  const board = useContext(BoardContext);
  if (!board) throw new Error('useBoard outside an open board');
  return board;
}
