/**
 * "Copy as a new board": creates a board on the server and writes a moment's
 * board into it through a connection of its own. The copy is in this
 * browser's IndexedDB as soon as it is written, so the new board's page has
 * it even if the upload is still under way when that page opens.
 */
import type { Board } from '../../board/types';
import { SyncedDoc } from '../../sync/connection';
import { restoreBoard } from '../../sync/history-actions';
import { createUndoManager } from '../../sync/undo';
import { createBoard } from '../home/create-board';

const UPLOAD_WAIT_MS = 5_000;

/** Creates the copy and returns its interviewer link. */
export async function copyAsNewBoard(board: Board, title: string): Promise<string> {
  const link = await createBoard({ title });
  const url = new URL(link, location.origin);
  const id = url.pathname.split('/').at(-1)!;
  const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
  const synced = new SyncedDoc(id, token);
  try {
    await synced.whenLoaded();
    restoreBoard(synced.doc, createUndoManager(synced.doc), { ...board, title });
    await synced.local.whenSynced;
    // Give the socket a moment to send the state; IndexedDB holds it either way.
    const deadline = Date.now() + UPLOAD_WAIT_MS;
    while (Date.now() < deadline && (!synced.provider.wsconnected || (synced.provider.ws?.bufferedAmount ?? 0) > 0))
      await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 200));
  } finally {
    synced.destroy();
  }
  return url.toString();
}
