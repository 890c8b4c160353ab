/**
 * The keyboard shortcuts: one list drives the `?` sheet and the handler.
 * "Mod" is Ctrl, or Cmd on a Mac.
 */
import type { Alignment, Axis } from '../../board/arrange';
import type { DrawTool } from '../common/session-store';

export type ShortcutAction =
  | 'undo'
  | 'redo'
  | 'copy'
  | 'cut'
  | 'paste'
  | 'duplicate'
  | 'delete'
  | 'selectAll'
  | 'deselect'
  | 'nudge'
  | 'nudgeFar'
  | 'zoomIn'
  | 'zoomOut'
  | 'zoomReset'
  | 'fitView'
  | 'autoLayout'
  | 'toggleSnap'
  | 'toggleTheme'
  | 'search'
  | 'help'
  | 'tool'
  | 'align'
  | 'distribute'
  | 'reorder';

export interface Shortcut {
  action: ShortcutAction;
  /** As shown in the sheet. */
  keys: string[];
  description: string;
  group: 'Edit' | 'Select and move' | 'View' | 'Board' | 'Draw';
  /** For `tool`: which one. */
  tool?: DrawTool;
  /** For `align`: which edge or centre. */
  align?: Alignment;
}

/** Align and distribute keys, as Figma has them (Alt plus a letter; by the key's place, so Alt on a Mac works). */
const ALIGN_KEYS: readonly [string, Alignment, string][] = [
  ['KeyA', 'left', 'Align left edges'],
  ['KeyH', 'center', 'Align horizontal centres'],
  ['KeyD', 'right', 'Align right edges'],
  ['KeyW', 'top', 'Align top edges'],
  ['KeyV', 'middle', 'Align vertical centres'],
  ['KeyS', 'bottom', 'Align bottom edges'],
];
const ALIGN_BY_CODE = new Map(ALIGN_KEYS.map(([code, how]) => [code, how]));

/** One key per drawing tool, as Excalidraw and Miro have them. */
const TOOL_KEYS: readonly [string, DrawTool, string][] = [
  ['v', 'select', 'Select and move'],
  ['p', 'pen', 'Pen (draw freehand)'],
  ['t', 'text', 'Text'],
  ['r', 'rectangle', 'Rectangle'],
  ['o', 'ellipse', 'Ellipse'],
  ['a', 'arrow', 'Arrow (start or end on a block to bind it)'],
  ['l', 'laser', 'Laser pointer (everyone sees its trail)'],
  ['e', 'eraser', 'Eraser (strokes, shapes, text, arrows)'],
  ['c', 'comment', 'Comment (click a block, a link or the canvas)'],
];
const TOOL_BY_KEY = new Map(TOOL_KEYS.map(([key, tool]) => [key, tool]));

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'undo', keys: ['Mod', 'Z'], description: 'Undo your last edit', group: 'Edit' },
  { action: 'redo', keys: ['Mod', 'Shift', 'Z'], description: 'Redo (also Mod + Y)', group: 'Edit' },
  { action: 'copy', keys: ['Mod', 'C'], description: 'Copy the selection with the links among it', group: 'Edit' },
  { action: 'cut', keys: ['Mod', 'X'], description: 'Cut', group: 'Edit' },
  {
    action: 'paste',
    keys: ['Mod', 'V'],
    description: 'Paste (a Mermaid, Excalidraw or draw.io diagram is added; other text becomes a sticky note)',
    group: 'Edit',
  },
  { action: 'duplicate', keys: ['Mod', 'D'], description: 'Duplicate the selection', group: 'Edit' },
  { action: 'delete', keys: ['Delete'], description: 'Delete the selection (also Backspace)', group: 'Edit' },
  { action: 'selectAll', keys: ['Mod', 'A'], description: 'Select everything', group: 'Select and move' },
  { action: 'deselect', keys: ['Esc'], description: 'Clear the selection', group: 'Select and move' },
  {
    action: 'nudge',
    keys: ['←', '↑', '→', '↓'],
    description: 'Nudge the selection one grid step',
    group: 'Select and move',
  },
  { action: 'nudgeFar', keys: ['Shift', 'Arrow'], description: 'Nudge five grid steps', group: 'Select and move' },
  ...ALIGN_KEYS.map(([code, align, description]) => ({
    action: 'align' as const,
    keys: ['Alt', code.slice(3)],
    description,
    group: 'Select and move' as const,
    align,
  })),
  {
    action: 'distribute',
    keys: ['Alt', 'Shift', 'H'],
    description: 'Distribute horizontally (equal gaps)',
    group: 'Select and move',
  },
  { action: 'distribute', keys: ['Alt', 'Shift', 'V'], description: 'Distribute vertically', group: 'Select and move' },
  { action: 'reorder', keys: ['Mod', 'Shift', ']'], description: 'Bring to front', group: 'Select and move' },
  { action: 'reorder', keys: ['Mod', 'Shift', '['], description: 'Send to back', group: 'Select and move' },
  { action: 'zoomIn', keys: ['+'], description: 'Zoom in', group: 'View' },
  { action: 'zoomOut', keys: ['-'], description: 'Zoom out', group: 'View' },
  { action: 'zoomReset', keys: ['Shift', '0'], description: 'Zoom to 100%', group: 'View' },
  { action: 'fitView', keys: ['Shift', '1'], description: 'Fit the whole diagram', group: 'View' },
  { action: 'toggleSnap', keys: ['Shift', 'G'], description: 'Snap to grid on or off', group: 'View' },
  { action: 'toggleTheme', keys: ['Shift', 'T'], description: 'Light or dark theme', group: 'View' },
  { action: 'autoLayout', keys: ['Shift', 'L'], description: 'Arrange the board (or the selection)', group: 'Board' },
  { action: 'search', keys: ['/'], description: 'Search the palette', group: 'Board' },
  { action: 'help', keys: ['?'], description: 'Show or hide this sheet', group: 'Board' },
  ...TOOL_KEYS.map(([key, tool, description]) => ({
    action: 'tool' as const,
    keys: [key.toUpperCase()],
    description,
    group: 'Draw' as const,
    tool,
  })),
];

/** Mouse gestures, for the sheet. */
export const GESTURES: readonly { gesture: string; description: string }[] = [
  { gesture: 'Drag on empty canvas', description: 'Box-select' },
  { gesture: 'Shift or Mod + click', description: 'Add to the selection' },
  { gesture: 'Scroll, or drag with the middle or right button, or Space + drag', description: 'Pan' },
  { gesture: 'Mod + scroll, or pinch', description: 'Zoom' },
  { gesture: 'Drag from a dot on a block’s side', description: 'Connect two blocks' },
  { gesture: 'Double-click a block, group or note', description: 'Edit its text in place' },
  { gesture: 'Drop a board, Mermaid, Excalidraw or draw.io file on the canvas', description: 'Import it' },
];

/** Whether a key press or clipboard event belongs to a text field rather than the board. */
export function isEditable(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** The action a key press asks for, or null. Key presses inside text fields are theirs. */
export function actionFor(event: KeyboardEvent): {
  action: ShortcutAction;
  dx?: number;
  dy?: number;
  tool?: DrawTool;
  align?: Alignment;
  axis?: Axis;
  where?: 'front' | 'back';
} | null {
  if (isEditable(event.target)) return null;
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key;
  const lower = key.toLowerCase();
  if (mod && event.shiftKey && !event.altKey) {
    if (event.code === 'BracketRight') return { action: 'reorder', where: 'front' };
    if (event.code === 'BracketLeft') return { action: 'reorder', where: 'back' };
  }
  if (event.altKey && !mod) {
    if (event.shiftKey && event.code === 'KeyH') return { action: 'distribute', axis: 'horizontal' };
    if (event.shiftKey && event.code === 'KeyV') return { action: 'distribute', axis: 'vertical' };
    const align = event.shiftKey ? undefined : ALIGN_BY_CODE.get(event.code);
    if (align) return { action: 'align', align };
  }
  if (mod && !event.altKey) {
    if (lower === 'z') return { action: event.shiftKey ? 'redo' : 'undo' };
    if (lower === 'y') return { action: 'redo' };
    if (lower === 'd') return { action: 'duplicate' };
    if (lower === 'a') return { action: 'selectAll' };
    return null; // Mod+C, X, V arrive as copy, cut and paste events.
  }
  if (event.altKey) return null;
  const arrows: Record<string, [number, number]> = {
    ArrowLeft: [-1, 0],
    ArrowRight: [1, 0],
    ArrowUp: [0, -1],
    ArrowDown: [0, 1],
  };
  const arrow = arrows[key];
  if (arrow) return { action: event.shiftKey ? 'nudgeFar' : 'nudge', dx: arrow[0], dy: arrow[1] };
  if (key === 'Delete' || key === 'Backspace') return { action: 'delete' };
  if (key === 'Escape') return { action: 'deselect' };
  if (key === '?') return { action: 'help' };
  if (key === '/') return { action: 'search' };
  if (key === '+' || key === '=') return { action: 'zoomIn' };
  if (key === '-' || key === '_') return { action: 'zoomOut' };
  if (event.shiftKey && (event.code === 'Digit0' || key === ')')) return { action: 'zoomReset' };
  if (event.shiftKey && (event.code === 'Digit1' || key === '!')) return { action: 'fitView' };
  const tool = !event.shiftKey ? TOOL_BY_KEY.get(lower) : undefined;
  if (tool) return { action: 'tool', tool };
  if (event.shiftKey && lower === 'l') return { action: 'autoLayout' };
  if (event.shiftKey && lower === 'g') return { action: 'toggleSnap' };
  if (event.shiftKey && lower === 't') return { action: 'toggleTheme' };
  return null;
}
