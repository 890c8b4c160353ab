/**
 * The y-websocket wire protocol, as the stock client speaks it: every message
 * starts with a varuint type; sync messages carry a y-protocols sync message
 * (step 1 = a state vector, step 2 and update = a Yjs update), awareness
 * messages a y-protocols awareness update, and query-awareness asks for all
 * awareness states.
 */
import * as encoding from 'lib0/encoding';
import type * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
/** Sent by servers that deny access; this server refuses at the upgrade instead and never sends it. */
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export const SYNC_STEP1 = syncProtocol.messageYjsSyncStep1;
export const SYNC_STEP2 = syncProtocol.messageYjsSyncStep2;
export const SYNC_UPDATE = syncProtocol.messageYjsUpdate;

/** Sync step 1: the server's state vector, asking the client for what the server lacks. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** Sync step 2: everything the doc has beyond the given state vector. Throws on a malformed state vector. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

/**
 * A document update to fan out, as one Buffer of its exact size (the bytes
 * y-protocols' writeUpdate writes after the message type): built once per
 * update and handed to every peer's socket as it is (ws wraps anything but a
 * Buffer anew on each send).
 */
export function encodeUpdate(update: Uint8Array): Buffer {
  let lengthBytes = 1;
  for (let n = update.byteLength; n > 0x7f; n = Math.floor(n / 128)) lengthBytes++;
  const message = Buffer.allocUnsafe(2 + lengthBytes + update.byteLength);
  message[0] = MESSAGE_SYNC;
  message[1] = SYNC_UPDATE;
  let pos = 2;
  let n = update.byteLength;
  for (; n > 0x7f; n = Math.floor(n / 128)) message[pos++] = 0x80 | (n & 0x7f);
  message[pos++] = n;
  message.set(update, pos);
  return message;
}

/** The awareness states of the given clients. */
export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  return encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
}

/**
 * An awareness update saying that each client id's state was removed at the
 * given clock. A peer that still shows one of them drops it; the client that
 * owns one announces itself again with a newer clock (y-protocols does so when
 * told its own live state was removed).
 */
export function encodeAwarenessRemovals(
  removals: ReadonlyArray<readonly [clientId: number, clock: number]>,
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, removals.length);
  for (const [clientId, clock] of removals) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, 'null');
  }
  return encoding.toUint8Array(encoder);
}

/** An awareness update (y-protocols encoding) as a y-websocket message. */
export function encodeAwarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
