import { createContext, useContext } from 'react';
import type * as Y from 'yjs';
import type { BoardAccess, Role, SyncedDoc } from '../../sync/connection';
import type { PresenceSender } from '../../sync/presence';

/** Everything a component of an open board needs: the doc, undo, who we are. */
export interface BoardRuntime {
  id: string;
  token: string;
  access: BoardAccess;
  role: Role;
  /** Observers look but do not touch; the server drops their writes too. */
  readOnly: boolean;
  synced: SyncedDoc;
  doc: Y.Doc;
  undo: Y.UndoManager;
  presence: PresenceSender;
  /** The interviewer's private document (notes, scorecard); interviewers only. */
  privateDoc: { synced: SyncedDoc; undo: Y.UndoManager } | null;
}

export const BoardContext = createContext<BoardRuntime | null>(null);

export function useBoard(): BoardRuntime {
  const board = useContext(BoardContext);
  if (!board) throw new Error('useBoard outside an open board');
  return board;
}
