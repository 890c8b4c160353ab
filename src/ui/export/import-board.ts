/**
 * Import of a diagram file (file picker or drop on the canvas): a board
 * (.json), Mermaid (.mmd, .md), Excalidraw (.excalidraw) or draw.io (.drawio,
 * .xml). A file that cannot be read changes nothing and says why; a good one
 * replaces the board's content as one undoable step, and the toast says what
 * the import recognised.
 */
import { MAX_BOARD_FILE_BYTES } from '../../limits';
import type { Editor } from '../../sync/editor';
import { LOCKED_BY } from '../../sync/editor';
import { showError, showSticky } from '../common/toast-store';

/** What the file picker offers. */
export const IMPORT_ACCEPT = '.json,application/json,.mmd,.mermaid,.md,.markdown,.excalidraw,.drawio,.xml';

// The importers (zod, the XML reader, inflate, dagre) load with the first import: nothing before it needs them.
export const loadImporters = () => import('../../board/import');

/** What the candidate is told when the interviewer keeps imports locked. */
export const importLockedText = (holder: string = LOCKED_BY) =>
  `Importing is locked by ${holder}: it would replace the whole board for everyone.`;

export async function importBoardFile(editor: Editor, file: File): Promise<boolean> {
  if (editor.importLocked()) {
    showError(`Could not import ${file.name}. ${importLockedText()}`);
    return false;
  }
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
  if (!editor.replaceBoard(board.title ? board : { ...board, title: file.name.replace(/\.[^.]+$/, '') })) {
    showError(`Could not import ${file.name}. ${importLockedText()}`);
    return false;
  }
  const what =
    report.format === 'archboard'
      ? `${board.blocks.length} blocks, ${board.links.length} links`
      : importSummary(report);
  // The undo stays until dismissed: replacing a whole board is worth a way back that does not vanish.
  showSticky(`Imported ${file.name}: ${what}.`, { label: 'Undo', run: () => editor.undo() });
  return true;
}
