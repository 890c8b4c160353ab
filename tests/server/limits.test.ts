/** Server limits with shortened values: dead connections, full rooms, a full server, failing storage. */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CLOSE_ROOM_FULL, CLOSE_SERVER_AT_CAPACITY, CLOSE_STORAGE_FAILURE } from '../../src/protocol/close-codes';
import { applyOpsToDoc, blocksOf } from '../../src/doc/board-doc';
import type { ArchboardServerOptions } from '../../server/app';
import type { UpdateOrigin } from '../../server/storage/storage';
import { MemoryStorage } from '../../server/storage/memory-storage';
import { connectClient, createBoard, openRawSocket, syncUrl, type SyncClient } from '../helpers/sync-clients';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';

const addBlock = (client: SyncClient, id: string) =>
  client.doc.transact(() => applyOpsToDoc(client.doc, [{ op: 'add-block', block: { id, kind: 'queue', x: 0, y: 0 } }]));

/** MemoryStorage whose appends fail while `failing` is set, as a full disk would. */
class FlakyStorage extends MemoryStorage {
  failing = false;
  override append(docKey: string, update: Uint8Array, origin: UpdateOrigin): void {
    if (this.failing) throw new Error('disk full');
    super.append(docKey, update, origin);
  }
}

describe('server limits', () => {
  let server: TestServer | undefined;
  const clients: SyncClient[] = [];
  const sockets: WebSocket[] = [];

  async function start(options: ArchboardServerOptions) {
    server = await startTestServer(options);
    return server;
  }
  const connect = (room: string, token: string) => {
    const client = connectClient(server!.url, room, token);
    clients.push(client);
    return client;
  };

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const socket of sockets.splice(0)) socket.terminate();
    await server?.stop();
    server = undefined;
  });

  it('drops a connection that stops answering pings and keeps the live ones', async () => {
    const s = await start({ limits: { pingIntervalMs: 50 } });
    const board = await createBoard(s.url);
    const live = connect(board.id, board.tokens.interviewer);
    await live.synced;
    const dead = new WebSocket(`${syncUrl(s.url)}/${board.id}?token=${board.tokens.candidate}`, { autoPong: false });
    sockets.push(dead);
    const closed = new Promise<number>((resolve) => dead.once('close', (code) => resolve(code)));
    dead.on('error', () => {});
    expect(await closed).toBe(1006);
    const other = connect(board.id, board.tokens.candidate);
    addBlock(live, 'still-here');
    await waitFor(() => blocksOf(other.doc).has('still-here'), 'sync after the dead one was dropped');
    expect(live.provider.wsconnected).toBe(true);
  });

  it('closes connections past the room’s limit with 4503', async () => {
    const s = await start({ limits: { maxConnectionsPerRoom: 2 } });
    const board = await createBoard(s.url);
    const a = connect(board.id, board.tokens.interviewer);
    const b = connect(board.id, board.tokens.candidate);
    await Promise.all([a.synced, b.synced]);
    const third = await openRawSocket(`${syncUrl(s.url)}/${board.id}?token=${board.tokens.observer}`);
    expect((await third.closed).code).toBe(CLOSE_ROOM_FULL);
    addBlock(a, 'fine');
    await waitFor(() => blocksOf(b.doc).has('fine'), 'the two still in sync');
  });

  it('refuses a new room past the limit with 4507, unloading an idle room first when there is one', async () => {
    const s = await start({ limits: { maxLoadedRooms: 1, roomUnloadGraceMs: 60_000 } });
    const first = await createBoard(s.url);
    const second = await createBoard(s.url);
    const a = connect(first.id, first.tokens.interviewer);
    await a.synced;
    addBlock(a, 'kept');
    const refused = await openRawSocket(`${syncUrl(s.url)}/${second.id}?token=${second.tokens.interviewer}`);
    expect((await refused.closed).code).toBe(CLOSE_SERVER_AT_CAPACITY);

    a.provider.disconnect();
    await waitFor(() => s.rooms.size === 1 && !a.provider.wsconnected, 'the first room idle');
    const b = connect(second.id, second.tokens.interviewer);
    await b.synced;
    expect(s.rooms.isLoaded(first.id)).toBe(false);
    // The evicted room was compacted, not lost: with the second room idle in its turn, the first comes back.
    b.provider.disconnect();
    await waitFor(() => !b.provider.wsconnected, 'the second room idle');
    const again = connect(first.id, first.tokens.candidate);
    await waitFor(() => blocksOf(again.doc).has('kept'), 'the first board back with its block');
  });

  it('closes the room with 4500 when storage fails, sends nothing it could not store, and recovers', async () => {
    const storage = new FlakyStorage();
    const s = await start({ storage });
    const board = await createBoard(s.url);
    const writer = connect(board.id, board.tokens.interviewer);
    const reader = connect(board.id, board.tokens.candidate);
    await Promise.all([writer.synced, reader.synced]);
    const codes: number[] = [];
    reader.provider.on('connection-close', (event) => event && codes.push(event.code));

    storage.failing = true;
    addBlock(writer, 'unstored');
    await waitFor(() => codes.includes(CLOSE_STORAGE_FAILURE), 'the room closed for storage failure');
    expect(blocksOf(reader.doc).has('unstored')).toBe(false);

    storage.failing = false;
    // The clients retry (45xx is transient), the room reloads, and the writer's resync stores and delivers the edit.
    await waitFor(() => blocksOf(reader.doc).has('unstored'), 'the edit after recovery', 20_000);
    expect(await storage.loadUpdates(board.id)).not.toHaveLength(0);
    const metrics = await s.metrics.registry.getSingleMetricAsString('archboard_storage_errors_total');
    expect(metrics).toMatch(/archboard_storage_errors_total [1-9]/);
  });
});
