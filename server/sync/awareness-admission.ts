/**
 * What a connection may say in awareness, decided before the room applies
 * it: only states of the client ids that connection introduced (at most
 * MAX_AWARENESS_IDS_PER_CONNECTION, none introduced by another connection).
 * The stock client sends back every state the server relays to it (its
 * awareness handler ignores the origin), so an entry for someone else's id
 * with a clock the room already has is an echo and is dropped quietly; one
 * with a newer clock can only be a forgery and closes the sender. Also:
 * clocks below MAX_AWARENESS_CLOCK (a pinned clock would keep a ghost after
 * its owner left), states no larger than MAX_AWARENESS_STATE_BYTES. The
 * person's role is stamped from the connection's token, and a name that is
 * not text is replaced by the role's, so no one can claim the interviewer's
 * badge or break the others' pages with a number for a name.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { jsonDepth } from '../../src/board/nesting';
import { MAX_AUTHOR_NAME_CHARS, MAX_AWARENESS_CLOCK, MAX_NESTING_DEPTH } from '../../src/limits';
import {
  CLOSE_AWARENESS_NOT_YOURS,
  CLOSE_AWARENESS_TOO_LARGE,
  CLOSE_MALFORMED_MESSAGE,
} from '../../src/protocol/close-codes';
import type { ParticipantRole } from '../../src/protocol/roles';
import type { Refusal } from './update-admission';

/** What the check needs to know of the sending connection. */
export interface AwarenessSender {
  role: ParticipantRole;
  /** Client ids this connection introduced; they stay its own until it closes. */
  introducedAwarenessIds: Set<number>;
}

export interface AwarenessLimits {
  maxAwarenessStateBytes: number;
  maxAwarenessIdsPerConnection: number;
}

const COLOR = /^#[0-9a-f]{3,8}$/i;

/** What the room knows of a client id. */
export interface AwarenessRoomView {
  /** The connection that introduced the id, if one in the room did. */
  ownerOf(clientId: number): AwarenessSender | undefined;
  /** The room's clock for the id (kept after the state is removed), if it ever had one. */
  clockOf(clientId: number): number | undefined;
  /** Whether the room shows a state for the id now. */
  hasState(clientId: number): boolean;
}

/**
 * The awareness update to apply in the sender's stead (only its own entries,
 * roles stamped; null when nothing is left to apply) and the states the
 * sender still shows that the room removed (`stale`: id and the room's clock,
 * to tell it), or the refusal.
 */
export function admitAwareness(
  sender: AwarenessSender,
  update: Uint8Array,
  room: AwarenessRoomView,
  limits: AwarenessLimits,
): { update: Uint8Array | null; stale: Array<[clientId: number, clock: number]> } | Refusal {
  const decoder = decoding.createDecoder(update);
  const encoder = encoding.createEncoder();
  const count = decoding.readVarUint(decoder);
  // Each entry takes at least three bytes: a count beyond that is a lie about the length.
  if (count > update.byteLength)
    return { code: CLOSE_MALFORMED_MESSAGE, detail: 'an entry count larger than the message' };
  const entries: Array<{ clientId: number; clock: number; state: unknown }> = [];
  const newIds = new Set<number>();
  const stale: Array<[number, number]> = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const start = decoder.pos;
    const json = decoding.readVarString(decoder);
    if (decoder.pos - start > limits.maxAwarenessStateBytes)
      return {
        code: CLOSE_AWARENESS_TOO_LARGE,
        detail: `the limit is ${limits.maxAwarenessStateBytes} bytes`,
      };
    const owner = room.ownerOf(clientId);
    const known = room.clockOf(clientId);
    if (owner !== sender) {
      const echo = known !== undefined && clock <= known;
      if (echo) {
        // A state the room removed (its connection left, its process died): the sender is told, so it
        // drops it, or, when it is the sender's own (a page that reconnected), announces itself anew.
        if (!room.hasState(clientId)) stale.push([clientId, known]);
        continue;
      }
      if (owner !== undefined)
        return { code: CLOSE_AWARENESS_NOT_YOURS, detail: 'a client another connection introduced' };
      // Shown for another process's client (shared mode): dropped, not punished. It is this
      // connection's own when that client has just moved here from a process that died; once
      // that process's presence is dropped, the client announces itself again and is admitted.
      if (room.hasState(clientId)) continue;
      newIds.add(clientId);
    }
    if (sender.introducedAwarenessIds.size + newIds.size > limits.maxAwarenessIdsPerConnection)
      return { code: CLOSE_AWARENESS_NOT_YOURS, detail: 'too many client ids' };
    if (clock > MAX_AWARENESS_CLOCK) return { code: CLOSE_AWARENESS_NOT_YOURS, detail: 'a clock out of range' };
    let state: unknown;
    try {
      state = JSON.parse(json);
    } catch {
      return { code: CLOSE_MALFORMED_MESSAGE, detail: 'presence that is not JSON' };
    }
    if (jsonDepth(state) > MAX_NESTING_DEPTH)
      return { code: CLOSE_AWARENESS_TOO_LARGE, detail: `nested past ${MAX_NESTING_DEPTH} levels` };
    entries.push({ clientId, clock, state: stampUser(state, sender.role) });
  }
  for (const id of newIds) sender.introducedAwarenessIds.add(id);
  if (entries.length === 0) return { update: null, stale };
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return { update: encoding.toUint8Array(encoder), stale };
}

/** The state with `user.role` from the token, and `user.name` and `user.color` kept only when they are what the app expects. */
function stampUser(state: unknown, role: ParticipantRole): unknown {
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return state === null ? null : {};
  const { user, ...rest } = state as { user?: unknown };
  if (user === undefined) return rest;
  const claimed = (user !== null && typeof user === 'object' ? user : {}) as { name?: unknown; color?: unknown };
  const name = typeof claimed.name === 'string' ? claimed.name.trim().slice(0, MAX_AUTHOR_NAME_CHARS) : '';
  return {
    ...rest,
    user: {
      ...claimed,
      name: name || role.charAt(0).toUpperCase() + role.slice(1),
      ...(typeof claimed.color === 'string' && COLOR.test(claimed.color)
        ? { color: claimed.color }
        : { color: '#888888' }),
      role,
    },
  };
}
