/**
 * Session-scope state: what one person sees and prefers, never synced.
 * Theme, snapping, panels and the user's name survive reloads in localStorage.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type Theme = 'light' | 'dark';
/** The tool in hand (V select, P pen, T text, R rectangle, O ellipse, A arrow, L laser, E eraser, C comment). */
export type DrawTool =
  | 'select'
  | 'pen'
  | 'highlighter'
  | 'text'
  | 'rectangle'
  | 'ellipse'
  | 'diamond'
  | 'arrow'
  | 'laser'
  | 'eraser'
  | 'comment';

export type SideTab = 'properties' | 'requirements' | 'findings' | 'notes' | 'comments' | 'interviewer' | 'practice';

export interface SessionState {
  theme: Theme;
  snapToGrid: boolean;
  showMinimap: boolean;
  sideTab: SideTab;
  sidePanelOpen: boolean;
  paletteOpen: boolean;
  shortcutsOpen: boolean;
  /** The name others see on this person's cursor; asked once. */
  userName: string;
  userColor: string;
  tool: DrawTool;
  /** The pen's colour for new strokes, arrows and text. */
  inkColor: string;
  /** A block that should open its text for editing when it mounts (a text or shape just drawn). */
  editRequest: string | null;
  /** On a tablet, the panel open as a drawer over the canvas (not remembered: it starts closed). */
  drawer: 'palette' | 'side' | null;
  /** The awareness client id of the person whose view we follow, if any. */
  following: number | null;
  set: (patch: Partial<Omit<SessionState, 'set'>>) => void;
}

/** Cursor colours: distinct on light and dark backgrounds. */
export const USER_COLORS = ['#e11d48', '#2563eb', '#059669', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];

function preferredTheme(): Theme {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light';
}

export const useSession = create<SessionState>()(
  persist(
    (set) => ({
      theme: preferredTheme(),
      snapToGrid: true,
      showMinimap: true,
      sideTab: 'properties',
      sidePanelOpen: true,
      paletteOpen: true,
      shortcutsOpen: false,
      userName: '',
      userColor: USER_COLORS[Math.floor(Math.random() * USER_COLORS.length)]!,
      following: null,
      drawer: null,
      tool: 'select',
      inkColor: '#1e293b',
      editRequest: null,
      set: (patch) => set(patch),
    }),
    {
      name: 'archboard:session',
      partialize: ({ theme, snapToGrid, showMinimap, sidePanelOpen, paletteOpen, userName, userColor }) => ({
        theme,
        snapToGrid,
        showMinimap,
        sidePanelOpen,
        paletteOpen,
        userName,
        userColor,
      }),
    },
  ),
);
