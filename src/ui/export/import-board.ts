/**
 * Import of a diagram file (file picker or drop on the canvas): a board
 * (.json), Mermaid (.mmd, .md), Excalidraw (.excalidraw) or draw.io (.drawio,
 * .xml). A file that cannot be read changes nothing and says why; a good one
 * replaces the board's content as one undoable step, and the toast says what
 * the import recognised.
 */
import { MAX_BOARD_FILE_BYTES } from '../../limits';
import type { Editor } from '../../sync/editor';
import { showError, showInfo } from '../common/toast-store';

/** What the file picker offers. */
export const IMPORT_ACCEPT = '.json,application/json,.mmd,.mermaid,.md,.markdown,.excalidraw,.drawio,.xml';

// The importers (zod, the XML reader, inflate, dagre) load with the first import: nothing before it needs them.
export const loadImporters = () => import('../../board/import');

export async function importBoardFile(editor: Editor, file: File): Promise<boolean> {
  if (file.size > MAX_BOARD_FILE_BYTES) {
    showError(`Could not import ${file.name}: it is larger than ${MAX_BOARD_FILE_BYTES / 1024 / 1024} MB.`);
    return false;
  }
  const { importDiagram, importSummary } = await loadImporters();
  let result;
  try {
    result = importDiagram(await file.text(), file.name);
  } catch (err) {
    const message = (err as Error).message;
    showError(
      message.includes(file.name) ? `Could not import: ${message}` : `Could not import ${file.name}: ${message}`,
    );
    return false;
  }
  const { board, report } = result;
  editor.replaceBoard(board.title ? board : { ...board, title: file.name.replace(/\.[^.]+$/, '') });
  const what =
    report.format === 'archboard'
      ? `${board.blocks.length} blocks, ${board.links.length} links`
      : importSummary(report);
  showInfo(`Imported ${file.name}: ${what}.`, { label: 'Undo', run: () => editor.undo() });
  return true;
}
