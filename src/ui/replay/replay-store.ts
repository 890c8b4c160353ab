/** Whether the replay is open, and at which moment it opens (session scope, never synced). */
import { create } from 'zustand';

interface ReplayState {
  /** null: closed; a number: open, starting at that server time; 'end': open at the latest moment. */
  openAt: number | 'end' | null;
  /** The side tab the replay opens on. */
  tab: ReplayTab;
  open: (at?: number, tab?: ReplayTab) => void;
  close: () => void;
}

export type ReplayTab = 'findings' | 'requirements' | 'notes' | 'versions' | 'evidence';

export const useReplay = create<ReplayState>()((set) => ({
  openAt: null,
  tab: 'findings',
  open: (at, tab = 'findings') => set({ openAt: at ?? 'end', tab }),
  close: () => set({ openAt: null }),
}));

/** The moment a link asks the replay to open at (`#…&replay=<ms>`), if any. */
export function replayMomentFromHash(hash: string): number | undefined {
  const value = new URLSearchParams(hash.slice(1)).get('replay');
  return value !== null && /^\d{1,16}$/.test(value) ? Number(value) : undefined;
}
