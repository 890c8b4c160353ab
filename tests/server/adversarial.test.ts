/**
 * The hostile participant's attacks against the real server process (server/main.ts as a
 * child, default limits): each attack as a test that failed on the server
 * before the fix. While it runs, two honest clients keep editing the same
 * board (tests/helpers/attack-probe.ts): their edits must still arrive within a
 * second, and the server's memory must stay bounded.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { applyOpsToDoc, blocksOf } from '../../src/doc/board-doc';
import {
  BOARD_CREATE_BURST,
  HTTP_HEADERS_TIMEOUT_MS,
  HTTP_TIMEOUT_CHECK_INTERVAL_MS,
  MAX_AWARENESS_IDS_PER_CONNECTION,
} from '../../src/limits';
import {
  CLOSE_AWARENESS_NOT_YOURS,
  CLOSE_AWARENESS_TOO_LARGE,
  CLOSE_BYTE_RATE_LIMITED,
  CLOSE_DOCUMENT_TOO_LARGE,
  CLOSE_TOO_MUCH_PENDING,
  CLOSE_UPDATE_TOO_DEEP,
  CLOSE_WRONG_FIELD_TYPE,
} from '../../src/protocol/close-codes';
import { startServerProcess, type ServerProcess } from '../helpers/server';
import { openDescriptors, probeDuring } from '../helpers/attack-probe';
import { awarenessMessage, updateMessage } from '../helpers/raw-messages';
import {
  connectClient,
  createBoard,
  openRawSocket,
  syncUrl,
  type CreatedBoard,
  type SyncClient,
} from '../helpers/sync-clients';
import { removeTempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

/**
 * Honest edits must keep arriving while an attack runs: a frozen or starved room
 * delivers nothing for good, so the bound is set far from the ~0.1 s a quiet
 * machine shows (each test prints its slowest edit) and from the 1 s aimed at,
 * because the machines that run the suite are shared and their load varies.
 */
const STARVED_AFTER_MS = 5_000;
/** Growth of the server's resident memory an attack may cause. */
const MEMORY_GROWTH_MB = 150;

let server: ServerProcess;

beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(async () => {
  await server.kill();
  await removeTempDir(server.dataDir);
});

async function attackBoard(): Promise<CreatedBoard> {
  return createBoard(server.url, { title: 'Under attack' });
}

function expectBounded(report: { maxDeliveryMs: number; baselineMb: number; peakMb: number }): void {
  expect(report.maxDeliveryMs).toBeLessThan(STARVED_AFTER_MS);
  expect(report.peakMb - report.baselineMb).toBeLessThan(MEMORY_GROWTH_MB);
}

describe('HTTP', () => {
  it('frees 500 requests that never finish their headers (file descriptors)', async () => {
    const pid = server.child.pid!;
    const before = openDescriptors(pid);
    const sockets: Socket[] = [];
    const board = await attackBoard();
    try {
      const report = await probeDuring('500 stalled requests', server, board, async () => {
        for (let i = 0; i < 500; i++) {
          await new Promise<void>((resolve) => {
            const socket = connect(server.port, '127.0.0.1', () => {
              socket.write('GET / HTTP/1.1\r\nHost: localhost\r\nX-Never-Ends: ');
              socket.pause(); // never reads
              resolve();
            });
            socket.on('error', () => {});
            sockets.push(socket);
          });
        }
        await waitFor(() => openDescriptors(pid) >= before + 450, 'the server to hold the stalled sockets', 10_000);
        await waitFor(
          () => openDescriptors(pid) <= before + 5,
          'the stalled sockets to be freed',
          HTTP_HEADERS_TIMEOUT_MS + 2 * HTTP_TIMEOUT_CHECK_INTERVAL_MS + 2_000,
          100,
        );
      });
      expectBounded(report);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  }, 60_000);

  it('stops one address from creating boards without bound', async () => {
    // A server of its own: the flood spends this address's budget, which the
    // other tests' server must keep for the boards they create.
    const own = await startServerProcess();
    try {
      const statuses = await Promise.all(
        Array.from({ length: 200 }, () =>
          fetch(`${own.url}/api/boards`, { method: 'POST', body: '{}' }).then((res) => res.status),
        ),
      );
      expect(statuses.filter((s) => s === 201).length).toBe(BOARD_CREATE_BURST);
      expect(statuses.filter((s) => s === 429).length).toBe(200 - BOARD_CREATE_BURST);
    } finally {
      await own.stop();
    }
  });
});

/** A raw socket on the board with a role's token, as an attacker holds it. */
async function attacker(
  board: CreatedBoard,
  role: 'candidate' | 'observer' | 'interviewer' = 'candidate',
  on: ServerProcess = server,
): Promise<{ socket: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
  return openRawSocket(`${syncUrl(on.url)}/${board.id}?token=${board.tokens[role]}`);
}

/** Sends messages one after another until the server closes the socket; resolves with the close and how many went. */
async function sendUntilClosed(
  raw: { socket: WebSocket; closed: Promise<{ code: number; reason: string }> },
  messages: () => Iterable<Uint8Array>,
): Promise<{ code: number; reason: string; sent: number }> {
  let open = true;
  void raw.closed.then(() => (open = false));
  let sent = 0;
  for (const message of messages()) {
    if (!open) break;
    await new Promise<void>((resolve) => raw.socket.send(message, () => resolve()));
    sent++;
  }
  return { ...(await raw.closed), sent };
}

/** The update that adds `change` to a doc that has seen `base`. */
function updateOn(base: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  doc.transact(() => change(doc));
  return Y.encodeStateAsUpdate(doc, before);
}

function nestedMapsUpdate(depth: number): Uint8Array {
  return updateOn(new Y.Doc(), (doc) => {
    let map = doc.getMap<unknown>('elsewhere');
    for (let i = 0; i < depth; i++) {
      const child = new Y.Map<unknown>();
      map.set('x', child);
      map = child;
    }
  });
}

async function synced(client: SyncClient): Promise<SyncClient> {
  await client.synced;
  return client;
}

describe('document updates', () => {
  it('refuses 3,000 nested maps and 6,000-deep JSON, and the room keeps storing and sending', async () => {
    const own = await startServerProcess();
    try {
      const board = await createBoard(own.url);
      const report = await probeDuring('deep nesting', own, board, async () => {
        const maps = nestedMapsUpdate(3_000);
        expect(maps.byteLength).toBeLessThan(40_000);
        const first = await sendUntilClosed(await attacker(board, 'candidate', own), () => [updateMessage(maps)]);
        expect(first.code).toBe(CLOSE_UPDATE_TOO_DEEP);
        // JSON nested 6,000 deep, written by hand: Yjs's own encoder would overflow building it.
        const json = '{"a":'.repeat(6_000) + '1' + '}'.repeat(6_000);
        const deepJson = updateOn(new Y.Doc(), (doc) => doc.getMap('session').set('extra', 'PLACEHOLDER'));
        const swapped = swapAnyString(deepJson, 'PLACEHOLDER', json);
        const second = await sendUntilClosed(await attacker(board, 'candidate', own), () => [updateMessage(swapped)]);
        expect([CLOSE_UPDATE_TOO_DEEP, 4400, 4422]).toContain(second.code);
      });
      expectBounded(report);
      // What the others received survives a clean restart: the room never stopped storing.
      const writer = await synced(connectClient(own.url, board.id, board.tokens.interviewer));
      writer.doc.transact(() =>
        applyOpsToDoc(writer.doc, [{ op: 'add-block', block: { id: 'kept', kind: 'cache', x: 0, y: 0 } }]),
      );
      const reader = await synced(connectClient(own.url, board.id, board.tokens.candidate));
      await waitFor(() => blocksOf(reader.doc).has('kept'), 'the edit at another client');
      writer.destroy();
      reader.destroy();
      expect(await own.stop()).toBe(0);
      const again = await startServerProcess({ dataDir: own.dataDir });
      try {
        const after = await synced(connectClient(again.url, board.id, board.tokens.observer));
        expect(blocksOf(after.doc).has('kept')).toBe(true);
        expect(blocksOf(after.doc).size).toBe(report.deliveries + 1);
        after.destroy();
      } finally {
        await again.kill();
      }
    } finally {
      await own.kill();
      await removeTempDir(own.dataDir);
    }
  }, 90_000);

  it('refuses a label that is an object, and nobody receives or keeps it', async () => {
    const board = await attackBoard();
    const base = await synced(connectClient(server.url, board.id, board.tokens.interviewer));
    base.doc.transact(() =>
      applyOpsToDoc(base.doc, [{ op: 'add-block', block: { id: 'b1', kind: 'cache', x: 0, y: 0, label: 'Cache' } }]),
    );
    const reader = await synced(connectClient(server.url, board.id, board.tokens.candidate));
    await waitFor(() => blocksOf(reader.doc).has('b1'), 'the block at the reader');
    const report = await probeDuring('object label', server, board, async () => {
      const evil = updateOn(reader.doc, (doc) => blocksOf(doc).get('b1')!.set('label', { evil: true }));
      expect((await sendUntilClosed(await attacker(board), () => [updateMessage(evil)])).code).toBe(
        CLOSE_WRONG_FIELD_TYPE,
      );
    });
    expectBounded(report);
    const late = await synced(connectClient(server.url, board.id, board.tokens.observer));
    expect(blocksOf(late.doc).get('b1')!.get('label')).toBe('Cache');
    expect(blocksOf(reader.doc).get('b1')!.get('label')).toBe('Cache');
    for (const client of [base, reader, late]) client.destroy();
  });
});

/** Replaces a JSON string value inside an encoded update by raw JSON text of any depth (lib0 writes Any strings as type 119 + varstring). */
function swapAnyString(update: Uint8Array, placeholder: string, json: string): Uint8Array {
  // The update holds the value as an Any string; rewrite it as a JSON item (ContentJSON would need Yjs to encode it).
  // Simplest faithful hostile form: an Any object nested by hand, bytes 118 (object) 1 (one key) "a".
  const marker = Buffer.from([119, placeholder.length, ...Buffer.from(placeholder)]);
  const at = Buffer.from(update).indexOf(marker);
  if (at < 0) throw new Error('placeholder not found');
  const depth = (json.match(/\{/g) ?? []).length;
  const nested: number[] = [];
  for (let i = 0; i < depth; i++) nested.push(118, 1, 1, 97); // object, 1 key, key "a"
  nested.push(125, 1); // integer 1
  return Buffer.concat([
    Buffer.from(update.subarray(0, at)),
    Buffer.from(nested),
    Buffer.from(update.subarray(at + marker.length)),
  ]);
}

describe('awareness', () => {
  async function interviewerWithPresence(board: CreatedBoard): Promise<SyncClient> {
    const client = await synced(connectClient(server.url, board.id, board.tokens.interviewer));
    client.provider.awareness.setLocalStateField('user', { name: 'Ivy', color: '#336699', role: 'interviewer' });
    return client;
  }

  it('refuses setting, deleting or pinning another client’s presence, and 500 fake people', async () => {
    const board = await attackBoard();
    const ivy = await interviewerWithPresence(board);
    const watcher = await synced(connectClient(server.url, board.id, board.tokens.candidate));
    const ivyId = ivy.doc.clientID;
    await waitFor(() => watcher.provider.awareness.getStates().get(ivyId)?.user?.name === 'Ivy', 'Ivy at the watcher');
    const ivyClock = () => ivy.provider.awareness.meta.get(ivyId)!.clock;
    const report = await probeDuring('awareness forgery', server, board, async () => {
      const forge = (state: unknown, clock = ivyClock() + 1) => awarenessMessage([{ clientId: ivyId, clock, state }]);
      for (const message of [
        forge({ user: { name: 'Ivy', role: 'interviewer' }, pointer: { x: 1, y: 1 } }),
        forge(null),
        forge({ user: { name: 'Ivy' } }, 2 ** 53),
      ]) {
        expect((await sendUntilClosed(await attacker(board, 'observer'), () => [message])).code).toBe(
          CLOSE_AWARENESS_NOT_YOURS,
        );
      }
      const crowd = awarenessMessage(
        Array.from({ length: 500 }, (_, i) => ({
          clientId: 900_000 + i,
          clock: 1,
          state: { user: { name: `Fake ${i}` } },
        })),
      );
      expect((await sendUntilClosed(await attacker(board), () => [crowd])).code).toBe(CLOSE_AWARENESS_NOT_YOURS);
      const pinned = awarenessMessage([{ clientId: 777, clock: 2 ** 53, state: { user: { name: 'Pinned' } } }]);
      expect((await sendUntilClosed(await attacker(board), () => [pinned])).code).toBe(CLOSE_AWARENESS_NOT_YOURS);
    });
    expectBounded(report);
    const states = watcher.provider.awareness.getStates();
    expect(states.get(ivyId)?.user).toMatchObject({ name: 'Ivy', role: 'interviewer' });
    expect(states.get(ivyId)?.pointer).toBeUndefined();
    expect(states.size).toBeLessThanOrEqual(2 + MAX_AWARENESS_IDS_PER_CONNECTION);
    ivy.destroy();
    watcher.destroy();
  });

  it('shows the role of the token and a text name, whatever the client claims', async () => {
    const board = await attackBoard();
    const watcher = await synced(connectClient(server.url, board.id, board.tokens.interviewer));
    const raw = await attacker(board, 'candidate');
    raw.socket.send(
      awarenessMessage([{ clientId: 4242, clock: 1, state: { user: { name: 42, role: 'interviewer' } } }]),
    );
    await waitFor(() => watcher.provider.awareness.getStates().has(4242), 'the candidate’s presence');
    expect(watcher.provider.awareness.getStates().get(4242)?.user).toMatchObject({
      name: 'Candidate',
      role: 'candidate',
    });
    raw.socket.close();
    watcher.destroy();
  });
});

describe('floods by bytes', () => {
  it('refuses updates held back for a first part never sent, before holding them', async () => {
    const board = await attackBoard();
    const report = await probeDuring('pending flood (300 x 0.9 MB)', server, board, async () => {
      const result = await sendUntilClosed(await attacker(board), function* () {
        const doc = new Y.Doc();
        const text = doc.getText('flood');
        text.insert(0, 'withheld first part');
        for (let i = 0; i < 300; i++) {
          const before = Y.encodeStateVector(doc);
          text.insert(text.length, 'x'.repeat(900_000));
          yield updateMessage(Y.encodeStateAsUpdate(doc, before));
          text.delete(0, text.length - 1); // keep the attacker's own memory small
        }
      });
      expect([CLOSE_TOO_MUCH_PENDING, CLOSE_BYTE_RATE_LIMITED]).toContain(result.code);
    });
    expectBounded(report);
  }, 60_000);

  it('refuses a connection sending legal 1 MB updates faster than its byte rate, and a board past its size', async () => {
    const board = await attackBoard();
    const closes: number[] = [];
    const report = await probeDuring('1 MB updates (250 in 8 s)', server, board, async () => {
      for (let connection = 0; connection < 6; connection++) {
        // A fresh client each time: what the server refused from the last one would be a gap in this one's clock.
        const doc = new Y.Doc();
        const result = await sendUntilClosed(await attacker(board), function* () {
          for (let i = 0; i < 250; i++) {
            const before = Y.encodeStateVector(doc);
            doc.getText(`big${connection}-${i}`).insert(0, 'y'.repeat(900_000));
            yield updateMessage(Y.encodeStateAsUpdate(doc, before));
          }
        });
        closes.push(result.code);
      }
    });
    expect(closes).toContain(CLOSE_BYTE_RATE_LIMITED);
    expect(closes).toContain(CLOSE_DOCUMENT_TOO_LARGE);
    expectBounded(report);
  }, 90_000);

  it('refuses an awareness state of 0.9 MB before relaying it', async () => {
    const board = await attackBoard();
    const watcher = await synced(connectClient(server.url, board.id, board.tokens.candidate));
    let relayedBytes = 0;
    watcher.provider.ws?.addEventListener('message', (event: { data: ArrayBuffer }) => {
      relayedBytes += event.data.byteLength;
    });
    const report = await probeDuring('awareness flood (300 x 0.9 MB)', server, board, async () => {
      const result = await sendUntilClosed(await attacker(board), function* () {
        for (let i = 0; i < 300; i++)
          yield awarenessMessage([
            { clientId: 5000, clock: i + 1, state: { user: { name: 'Big' }, junk: 'z'.repeat(900_000) } },
          ]);
      });
      expect(result.code).toBe(CLOSE_AWARENESS_TOO_LARGE);
    });
    expectBounded(report);
    expect(relayedBytes).toBeLessThan(100_000);
    watcher.destroy();
  }, 60_000);
});
