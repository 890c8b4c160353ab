/**
 * Import of a board file (file picker or drop on the canvas). An invalid file
 * changes nothing and says which field is wrong; a valid one replaces the
 * board's content as one undoable step.
 */
import { MAX_BOARD_FILE_BYTES } from '../../limits';
import type { Editor } from '../../sync/editor';
import { showError, showInfo } from '../common/toast-store';

export async function importBoardFile(editor: Editor, file: File): Promise<boolean> {
  if (file.size > MAX_BOARD_FILE_BYTES) {
    showError(`Could not import ${file.name}: it is larger than ${MAX_BOARD_FILE_BYTES / 1024 / 1024} MB.`);
    return false;
  }
  // The reader (zod) loads with the first import: nothing before it needs it.
  const { BoardFormatError, parseBoardJson } = await import('../../board/format');
  let board;
  try {
    board = parseBoardJson(await file.text(), file.name);
  } catch (err) {
    showError(
      err instanceof BoardFormatError
        ? `Could not import: ${err.message}`
        : `Could not import ${file.name}: ${(err as Error).message}`,
    );
    return false;
  }
  editor.replaceBoard(board);
  showInfo(`Imported ${file.name}: ${board.blocks.length} blocks, ${board.links.length} links.`, {
    label: 'Undo',
    run: () => editor.undo(),
  });
  return true;
}
