/**
 * Presence derived for rendering: the peers, and for each block or link the
 * peer who has it selected. Cards subscribe to their own id only, so a peer's
 * selection change re-renders just the cards it touches.
 */
import { create } from 'zustand';
import type { Peer } from '../../sync/presence';

interface PresenceView {
  peers: Peer[];
  selectedBy: Record<string, { name: string; color: string }>;
  setPeers: (peers: Peer[]) => void;
}

export const usePresenceView = create<PresenceView>()((set, get) => ({
  peers: [],
  selectedBy: {},
  setPeers: (peers) => {
    const selectedBy: PresenceView['selectedBy'] = {};
    for (const p of peers) for (const id of p.selection) selectedBy[id] ??= { name: p.user.name, color: p.user.color };
    const prev = get().selectedBy;
    const same =
      Object.keys(prev).length === Object.keys(selectedBy).length &&
      Object.entries(selectedBy).every(([id, s]) => prev[id]?.color === s.color && prev[id]?.name === s.name);
    set({ peers, selectedBy: same ? prev : selectedBy });
  },
}));

export function useSelectedBy(id: string) {
  return usePresenceView((s) => s.selectedBy[id]);
}
