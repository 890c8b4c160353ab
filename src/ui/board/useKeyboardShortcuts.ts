import { useEffect } from 'react';
import { actionFor, isEditable } from '../shortcuts/shortcuts';
import { useSession } from '../common/session-store';
import type { BoardCommands } from './useBoardCommands';

/**
 * Keyboard shortcuts and the clipboard. Copy, cut and paste use the browser's
 * clipboard events, so a copied selection pastes into another board or tab
 * without asking for clipboard permission. Off while `enabled` is false
 * (the replay is in front of the board: no shortcut may edit the live board).
 */
export function useKeyboardShortcuts(commands: BoardCommands, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const hit = actionFor(event);
      if (!hit) return;
      const session = useSession.getState();
      const run: Record<typeof hit.action, () => void> = {
        undo: commands.undo,
        redo: commands.redo,
        copy: () => {},
        cut: () => {},
        paste: () => {},
        duplicate: commands.duplicate,
        delete: commands.deleteSelection,
        selectAll: commands.selectAll,
        deselect: () => {
          if (session.tool !== 'select') session.set({ tool: 'select' });
          else commands.deselect();
        },
        tool: () => session.set({ tool: hit.tool ?? 'select' }),
        nudge: () => commands.nudge(hit.dx ?? 0, hit.dy ?? 0),
        nudgeFar: () => commands.nudge((hit.dx ?? 0) * 5, (hit.dy ?? 0) * 5),
        zoomIn: commands.zoomIn,
        zoomOut: commands.zoomOut,
        zoomReset: commands.zoomReset,
        fitView: commands.fitView,
        autoLayout: () => void commands.autoLayout(),
        toggleSnap: () => session.set({ snapToGrid: !session.snapToGrid }),
        toggleTheme: () => session.set({ theme: session.theme === 'dark' ? 'light' : 'dark' }),
        search: () => document.querySelector<HTMLInputElement>('[data-palette-search]')?.focus(),
        align: () => commands.align(hit.align ?? 'left'),
        distribute: () => commands.distribute(hit.axis ?? 'horizontal'),
        reorder: () => commands.reorder(hit.where ?? 'front'),
        help: () => session.set({ shortcutsOpen: !session.shortcutsOpen }),
      };
      event.preventDefault();
      run[hit.action]();
    };
    const onCopy = (event: ClipboardEvent, cut: boolean) => {
      if (isEditable(event.target)) return;
      const fragment = cut ? commands.cutSelection() : commands.copySelection();
      if (!fragment) return;
      event.clipboardData?.setData('text/plain', JSON.stringify(fragment));
      event.preventDefault();
    };
    const copy = (e: ClipboardEvent) => onCopy(e, false);
    const cut = (e: ClipboardEvent) => onCopy(e, true);
    const paste = (event: ClipboardEvent) => {
      if (isEditable(event.target)) return;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      event.preventDefault();
      commands.paste(text);
    };
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', copy);
    document.addEventListener('cut', cut);
    document.addEventListener('paste', paste);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', copy);
      document.removeEventListener('cut', cut);
      document.removeEventListener('paste', paste);
    };
  }, [commands, enabled]);
}
