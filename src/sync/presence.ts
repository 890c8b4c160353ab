/**
 * Presence scope: who is here, where their cursor is, what they have selected
 * and what they are looking at. It travels through Yjs awareness, is never
 * persisted, and vanishes when a person leaves.
 */
import type { Awareness } from 'y-protocols/awareness';
import type { Role } from './connection';
import { CURSOR_SYNC_INTERVAL_MS } from '../limits';

export interface PresenceUser {
  name: string;
  color: string;
  role: Role;
}

export interface PresenceState {
  user?: PresenceUser;
  /**
   * Pointer in flow coordinates, so it lands on the same spot of the diagram at
   * any zoom. (`cursor` belongs to y-codemirror.next: the caret in shared notes.)
   */
  pointer?: { x: number; y: number } | null;
  /** Selected block and link ids. */
  selection?: string[];
  /** The visible part of the flow, for "follow". */
  viewport?: { x: number; y: number; zoom: number; width: number; height: number } | null;
  /** Where the laser pointer is (flow coordinates) while it is held down; peers draw its fading trail. */
  laser?: { x: number; y: number } | null;
}

export interface Peer extends Required<Pick<PresenceState, 'user'>> {
  clientId: number;
  pointer: PresenceState['pointer'];
  selection: string[];
  viewport: PresenceState['viewport'];
  laser: PresenceState['laser'];
}

/** Everyone else on the board with a name, in a stable order. */
export function peersOf(awareness: Awareness): Peer[] {
  const peers: Peer[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const s = state as PresenceState;
    if (clientId === awareness.clientID || !s.user) return;
    peers.push({
      clientId,
      user: s.user,
      pointer: s.pointer ?? null,
      selection: s.selection ?? [],
      viewport: s.viewport ?? null,
      laser: s.laser ?? null,
    });
  });
  return peers.sort((a, b) => a.clientId - b.clientId);
}

/**
 * Sends local presence fields, throttled: pointers and viewports change every
 * frame, but peers need them only every CURSOR_SYNC_INTERVAL_MS.
 */
export class PresenceSender {
  private pending: Partial<PresenceState> = {};
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastSent = 0;

  constructor(private readonly awareness: Awareness) {}

  setUser(user: PresenceUser): void {
    this.awareness.setLocalStateField('user', user);
  }

  /** Selection goes at once: it is rare, and others should see it immediately. */
  setSelection(ids: string[]): void {
    const current = (this.awareness.getLocalState() as PresenceState | null)?.selection ?? [];
    if (current.length === ids.length && current.every((id, i) => id === ids[i])) return;
    this.awareness.setLocalStateField('selection', ids);
  }

  setPointer(pointer: PresenceState['pointer']): void {
    this.queue({ pointer });
  }

  setViewport(viewport: PresenceState['viewport']): void {
    this.queue({ viewport });
  }

  setLaser(laser: PresenceState['laser']): void {
    this.queue({ laser });
  }

  private queue(fields: Partial<PresenceState>): void {
    Object.assign(this.pending, fields);
    if (this.timer) return;
    const wait = Math.max(0, this.lastSent + CURSOR_SYNC_INTERVAL_MS - Date.now());
    this.timer = setTimeout(this.flush, wait);
  }

  private flush = () => {
    this.timer = null;
    this.lastSent = Date.now();
    const fields = this.pending;
    this.pending = {};
    const state = (this.awareness.getLocalState() ?? {}) as PresenceState;
    this.awareness.setLocalState({ ...state, ...fields });
  };

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
