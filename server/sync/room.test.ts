/**
 * A room after Yjs throws midway through an update: the
 * stack overflow of a deeply nested value used to leave the document's
 * transaction bookkeeping stuck, so later edits were neither stored nor
 * broadcast. The room must reload from storage and go on.
 */
import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { applyOpsToDoc, blocksOf } from '../../src/doc/board-doc';
import { createLogger } from '../logger';
import { createMetrics } from '../metrics';
import { DEFAULT_SERVER_LIMITS } from '../server-limits';
import { MemoryStorage } from '../storage/memory-storage';
import type { Connection } from './connection';
import { MESSAGE_SYNC, SYNC_STEP1, SYNC_UPDATE } from './protocol';
import { Room } from './room';

/** A connection that records what the room sends it. */
function fakeConnection(role: Connection['role'] = 'candidate'): Connection & { sent: Uint8Array[] } {
  const sent: Uint8Array[] = [];
  return {
    sent,
    role,
    awarenessClients: new Set<number>(),
    introducedAwarenessIds: new Set<number>(),
    log: createLogger('silent'),
    send: (message: Uint8Array) => sent.push(message),
    attach: () => {},
    detach: () => {},
    close: () => {},
  } as unknown as Connection & { sent: Uint8Array[] };
}

function kindOf(message: Uint8Array): 'step1' | 'update' | 'other' {
  const decoder = decoding.createDecoder(message);
  if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return 'other';
  const step = decoding.readVarUint(decoder);
  return step === SYNC_STEP1 ? 'step1' : step === SYNC_UPDATE ? 'update' : 'other';
}

describe('room after a failed update', () => {
  it('reloads from storage, greets everyone again, and stores and sends later edits', async () => {
    const storage = new MemoryStorage();
    const room = new Room('abcdefgh', 'abcdefgh', {
      storage,
      metrics: createMetrics(),
      logger: createLogger('silent'),
      limits: DEFAULT_SERVER_LIMITS,
      onFailure: () => {},
      receive: () => {},
    });
    await room.load(undefined);
    const attacker = fakeConnection();
    const other = fakeConnection();
    room.add(attacker);
    room.add(other);

    const writer = new Y.Doc();
    const edit = (id: string) => {
      const before = Y.encodeStateVector(writer);
      applyOpsToDoc(writer, [{ op: 'add-block', block: { id, kind: 'cache', x: 0, y: 0 } }]);
      return Y.encodeStateAsUpdate(writer, before);
    };
    room.applyClientUpdate(attacker, edit('before'));

    // Find the stack depth at which Yjs throws after integrating (the case that froze rooms).
    // Any throw inside Yjs's transaction cleanup (a stack overflow deep in a nested value did this) leaves the
    // document stuck: later transactions then emit no update. A listener that throws once stands in for it.
    let armed = true;
    room.doc.on('afterTransaction', () => {
      if (!armed) return;
      armed = false;
      throw new Error('Maximum call stack size exceeded');
    });
    expect(() => room.applyClientUpdate(attacker, edit('lost'))).toThrow(/call stack/);
    const greetings = () => other.sent.filter((m) => kindOf(m) === 'step1').length;
    await expect.poll(() => room.isReady).toBe(true);
    expect(greetings()).toBe(2);
    expect(blocksOf(room.doc).has('before')).toBe(true);

    const sentBefore = other.sent.length;
    room.applyClientUpdate(attacker, edit('after'));
    expect(other.sent.slice(sentBefore).some((m) => kindOf(m) === 'update')).toBe(true);
    const stored = new Y.Doc();
    for (const update of await storage.loadUpdates('abcdefgh')) Y.applyUpdate(stored, update);
    // 'lost' is there only if Yjs emitted it (stored, then sent) before the throw: the room holds what storage holds.
    expect([...blocksOf(stored).keys()].filter((k) => k !== 'lost').sort()).toEqual(['after', 'before']);
    // What the room holds is exactly what storage holds.
    expect(Y.encodeStateAsUpdate(stored)).toEqual(Y.encodeStateAsUpdate(room.doc));
    room.destroy();
  });
});
