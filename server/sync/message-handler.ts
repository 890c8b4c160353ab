/**
 * Reads one y-websocket message from a client and acts on it: answers sync
 * step 1, applies updates (dropped when the connection's role may not write
 * that document: observers anywhere, candidates on the control document; a
 * candidate's board update loses what the interviewer's locks forbid, see
 * lock-filter.ts; any board update loses the comment writes its sender's role
 * may not make, see comment-filter.ts), relays awareness, answers
 * query-awareness. Anything it cannot read closes that client alone.
 */
import * as decoding from 'lib0/decoding';
import { CLOSE_BAD_UPDATE, CLOSE_MALFORMED_MESSAGE } from '../../src/protocol/close-codes';
import { lockedFor, type BoardControls } from '../../src/doc/control-doc';
import { canWrite } from '../capability-tokens';
import type { ServerMetrics } from '../metrics';
import { admitAwareness, type AwarenessLimits } from './awareness-admission';
import type { Connection } from './connection';
import {
  encodeAwarenessMessage,
  encodeAwarenessRemovals,
  encodeSyncStep2,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
} from './protocol';
import { filterCommentWrites } from './comment-filter';
import { filterLockedWrites } from './lock-filter';
import type { Room } from './room';

/** Every lock holding: what a candidate gets when the board's controls cannot be read. */
const ALL_LOCKED = { requirements: true, replacement: true };

/** Handles one message of `conn` in `room` (loaded). */
export function handleMessage(
  room: Room,
  conn: Connection,
  message: Uint8Array,
  metrics: ServerMetrics,
  limits: AwarenessLimits,
  /** The controls of the room's board (null when unreadable); read only for a candidate's board updates. */
  controls: () => BoardControls | null = () => null,
): void {
  let decoded: DecodedMessage;
  try {
    decoded = decodeMessage(message);
  } catch {
    metrics.traffic.received.invalid++;
    conn.close(CLOSE_MALFORMED_MESSAGE);
    return;
  }
  switch (decoded.kind) {
    case 'sync_step1': {
      metrics.traffic.received.sync_step1++;
      let reply: Uint8Array;
      try {
        reply = encodeSyncStep2(room.doc, decoded.payload);
      } catch {
        conn.close(CLOSE_MALFORMED_MESSAGE, 'the state vector could not be read');
        return;
      }
      room.sendAfterWrites(conn, reply, 'sync_step2');
      return;
    }
    case 'sync_step2':
    case 'update': {
      metrics.traffic.received[decoded.kind]++;
      if (!canWrite(conn.role, conn.target.kind)) {
        // Read-only here: the write goes nowhere (the UI hides editing, the server enforces it).
        if (conn.target.kind === 'board') metrics.observerWritesDropped.inc();
        else metrics.controlWritesDropped.inc();
        return;
      }
      const started = performance.now();
      const { refusal, read } = room.budget.admitAndRead(room.doc, decoded.payload);
      if (refusal) {
        metrics.updateSeconds.observe((performance.now() - started) / 1000);
        conn.log.warn({ event: 'message.refused_update', code: refusal.code, detail: refusal.detail });
        conn.close(refusal.code, refusal.detail);
        return;
      }
      try {
        let update = decoded.payload;
        if (conn.target.kind === 'board' && read) {
          const checked = filterCommentWrites(room.doc, update, read, conn.role);
          if (checked.dropped > 0) {
            metrics.commentWritesDropped.labels(conn.role).inc();
            conn.log.info({ event: 'message.comment_write_dropped', parts: checked.dropped });
            update = checked.update;
          }
        }
        if (conn.role === 'candidate' && conn.target.kind === 'board') {
          const current = controls();
          const locks = current ? lockedFor(conn.role, current) : ALL_LOCKED;
          // What the update check read is this update's only while no filter has rewritten it.
          const filtered = filterLockedWrites(
            room.doc,
            update,
            locks,
            update === decoded.payload ? (read ?? undefined) : undefined,
          );
          if (filtered.dropped) {
            metrics.lockedWritesDropped.labels(filtered.dropped).inc();
            conn.log.info({ event: 'message.locked_write_dropped', lock: filtered.dropped });
          }
          update = filtered.update;
        }
        room.applyClientUpdate(conn, update);
      } catch (err) {
        conn.log.warn({ event: 'message.bad_update', err: (err as Error).message });
        conn.close(CLOSE_BAD_UPDATE);
        return;
      } finally {
        metrics.updateSeconds.observe((performance.now() - started) / 1000);
      }
      return;
    }
    case 'awareness': {
      metrics.traffic.received.awareness++;
      try {
        const admitted = admitAwareness(conn, decoded.payload, room, limits);
        if ('code' in admitted) {
          conn.log.warn({ event: 'message.refused_awareness', code: admitted.code, detail: admitted.detail });
          conn.close(admitted.code, admitted.detail);
          return;
        }
        if (admitted.update) room.applyClientAwareness(conn, admitted.update);
        if (admitted.stale.length > 0)
          conn.send(encodeAwarenessMessage(encodeAwarenessRemovals(admitted.stale)), 'awareness');
      } catch {
        conn.close(CLOSE_MALFORMED_MESSAGE, 'the awareness update could not be read');
      }
      return;
    }
    case 'query_awareness':
      metrics.traffic.received.query_awareness++;
      conn.send(room.allAwareness(), 'awareness');
      return;
  }
}

type DecodedMessage =
  { kind: 'sync_step1' | 'sync_step2' | 'update' | 'awareness'; payload: Uint8Array } | { kind: 'query_awareness' };

/** Splits a message into its kind and payload. Throws on anything the protocol does not define. */
function decodeMessage(message: Uint8Array): DecodedMessage {
  const decoder = decoding.createDecoder(message);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MESSAGE_SYNC: {
      const step = decoding.readVarUint(decoder);
      const payload = readPayload(decoder);
      if (step === SYNC_STEP1) return { kind: 'sync_step1', payload };
      if (step === SYNC_STEP2) return { kind: 'sync_step2', payload };
      if (step === SYNC_UPDATE) return { kind: 'update', payload };
      throw new Error(`unknown sync message ${step}`);
    }
    case MESSAGE_AWARENESS:
      return { kind: 'awareness', payload: readPayload(decoder) };
    case MESSAGE_QUERY_AWARENESS:
      return { kind: 'query_awareness' };
    default:
      throw new Error(`unknown message type ${type}`);
  }
}

/** A length-prefixed payload; a length running past the message's end is malformed, not quietly cut short. */
function readPayload(decoder: decoding.Decoder): Uint8Array {
  const length = decoding.readVarUint(decoder);
  if (length > decoder.arr.length - decoder.pos) throw new Error('payload longer than the message');
  // A copy with its own buffer: ws hands out views into shared pool memory, and a length declared inside the payload
  // (a string, a content) must end at the payload's end with a RangeError, not read on into other messages' bytes.
  return decoding.readUint8Array(decoder, length).slice();
}
