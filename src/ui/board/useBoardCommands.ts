/**
 * The commands of an open board, shared by the keyboard, the toolbar and the
 * panels, gathered from their units in ./commands: editing the selection, the
 * view and layout, exports; history and import are the editing API's own.
 */
import { useMemo } from 'react';
import type { FlowBinding } from '../../sync/flow-binding';
import { useBoard } from './board-context';
import { importBoardFile } from '../export/import-board';
import { useEditCommands, type EditCommands } from './commands/useEditCommands';
import { useExportCommands, type ExportCommands } from './commands/useExportCommands';
import { useViewCommands, type ViewCommands } from './commands/useViewCommands';

export interface BoardCommands extends EditCommands, ViewCommands, ExportCommands {
  undo: () => void;
  redo: () => void;
  importFile: (file: File) => Promise<boolean>;
}

export function useBoardCommands(binding: FlowBinding): BoardCommands {
  const { editor, readOnly } = useBoard();
  const edit = useEditCommands(binding);
  const view = useViewCommands(binding);
  const exports = useExportCommands();
  return useMemo(
    () => ({
      ...edit,
      ...view,
      ...exports,
      undo: () => editor.undo(),
      redo: () => editor.redo(),
      importFile: async (file) => {
        if (readOnly || !(await importBoardFile(editor, file))) return false;
        // Frame what came in, as after a layout: an import is often larger than the view.
        // Two frames: one for React Flow to receive the nodes, one to place them.
        requestAnimationFrame(() => requestAnimationFrame(view.fitView));
        return true;
      },
    }),
    [edit, editor, exports, readOnly, view],
  );
}
