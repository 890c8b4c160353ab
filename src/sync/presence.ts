/**
 * Presence scope: who is here, where their cursor is, what they have selected
 * and what they are looking at. It travels through Yjs awareness, is never
 * persisted, and vanishes when a person leaves.
 */
import type { Awareness } from 'y-protocols/awareness';
import { isParticipantRole, type ParticipantRole } from '../protocol/roles';
import { CURSOR_SYNC_INTERVAL_MS } from '../limits';

export interface PresenceUser {
  name: string;
  color: string;
  role: ParticipantRole;
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

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
/** Shown for a person whose awareness state has no usable name. */
export const UNNAMED = 'Someone';
const warned = new Set<string>();

function warnOnce(clientId: number, field: string): void {
  const message = `Archboard: ignored a bad presence value from client ${clientId}: ${field}.`;
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(message);
}

/**
 * One peer's awareness state, every field checked: anyone can put anything in
 * awareness, so a wrong-typed field reads as missing (one console warning), never throws.
 */
function readPeer(clientId: number, state: unknown): Peer | null {
  if (!isRecord(state) || !isRecord(state.user)) return null;
  const { name, color, role } = state.user;
  if (typeof name !== 'string') warnOnce(clientId, 'user.name');
  if (typeof color !== 'string' || !/^#[0-9a-f]{3,8}$/i.test(color)) warnOnce(clientId, 'user.color');
  if (!isParticipantRole(role)) warnOnce(clientId, 'user.role');
  const p = state.pointer;
  const v = state.viewport;
  const l = state.laser;
  return {
    clientId,
    user: {
      name: typeof name === 'string' && name !== '' ? name : UNNAMED,
      color: typeof color === 'string' && /^#[0-9a-f]{3,8}$/i.test(color) ? color : '#94a3b8',
      role: isParticipantRole(role) ? role : 'observer',
    },
    pointer: isRecord(p) && isNumber(p.x) && isNumber(p.y) ? { x: p.x, y: p.y } : null,
    selection: Array.isArray(state.selection) ? state.selection.filter((id) => typeof id === 'string') : [],
    viewport:
      isRecord(v) && [v.x, v.y, v.zoom, v.width, v.height].every(isNumber)
        ? (v as NonNullable<PresenceState['viewport']>)
        : null,
    laser: isRecord(l) && isNumber(l.x) && isNumber(l.y) ? { x: l.x, y: l.y } : null,
  };
}

const isId = (v: unknown) => isRecord(v) && isNumber(v.client) && isNumber(v.clock);
const isIdOrNull = (v: unknown) => v === null || isId(v);

/** A Yjs relative position as it travels in JSON: what Y.createAbsolutePositionFromRelativePosition reads. */
function isRelativePosition(v: unknown): boolean {
  return (
    isRecord(v) &&
    isIdOrNull(v.item) &&
    isIdOrNull(v.type) &&
    (v.tname === null || typeof v.tname === 'string') &&
    (v.assoc === undefined || isNumber(v.assoc))
  );
}

/**
 * Checks, as they arrive, the fields of others' awareness states that code
 * other than `peersOf` reads: y-codemirror.next draws everyone's caret in the
 * shared notes from `cursor` and throws on a malformed one, which switches the
 * carets off for good. A `cursor` that is not two relative positions is
 * replaced by null (no caret), with one console warning. Register it before
 * any other listener of the awareness, so they see the checked states.
 */
export function guardRemoteStates(awareness: Awareness): () => void {
  const onChange = ({ added, updated }: { added: number[]; updated: number[] }) => {
    for (const clientId of [...added, ...updated]) {
      if (clientId === awareness.clientID) continue;
      const state = awareness.states.get(clientId);
      const cursor = (state as { cursor?: unknown } | undefined)?.cursor;
      if (cursor === undefined || cursor === null) continue;
      if (isRecord(cursor) && isRelativePosition(cursor.anchor) && isRelativePosition(cursor.head)) continue;
      warnOnce(clientId, 'cursor');
      awareness.states.set(clientId, { ...state, cursor: null });
    }
  };
  awareness.on('change', onChange);
  return () => awareness.off('change', onChange);
}

/** Everyone else on the board with a name, in a stable order. */
export function peersOf(awareness: Awareness): Peer[] {
  const peers: Peer[] = [];
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID) return;
    const peer = readPeer(clientId, state);
    if (peer) peers.push(peer);
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
