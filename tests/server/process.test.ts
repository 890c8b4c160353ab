/**
 * The server as a separate process: an update a client has received survives
 * kill -9, and SIGTERM shuts down cleanly. Clients are destroyed before the
 * restart, so nothing can be resent to the new process: what the new process
 * serves came from disk.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyOpsToDoc, blocksOf } from '../../src/doc/board-doc';
import { startServerProcess, type ServerProcess } from '../helpers/server';
import { connectClient, createBoard, type SyncClient } from '../helpers/sync-clients';
import { removeTempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

const addBlock = (client: SyncClient, id: string) =>
  client.doc.transact(() => applyOpsToDoc(client.doc, [{ op: 'add-block', block: { id, kind: 'cache', x: 1, y: 2 } }]));

describe('server process', () => {
  const processes: ServerProcess[] = [];
  const clients: SyncClient[] = [];
  const dataDirs = new Set<string>();

  async function start(dataDir?: string): Promise<ServerProcess> {
    const server = await startServerProcess({ dataDir });
    processes.push(server);
    dataDirs.add(server.dataDir);
    return server;
  }
  function connect(server: ServerProcess, room: string, token: string): SyncClient {
    const client = connectClient(server.url, room, token);
    clients.push(client);
    return client;
  }

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const server of processes.splice(0)) await server.kill();
    for (const dir of dataDirs) await removeTempDir(dir);
    dataDirs.clear();
  });

  it('keeps an update a second client received when killed with SIGKILL', async () => {
    const first = await start();
    const board = await createBoard(first.url, { title: 'Crash test' });
    const writer = connect(first, board.id, board.tokens.interviewer);
    const reader = connect(first, board.id, board.tokens.candidate);
    await Promise.all([writer.synced, reader.synced]);

    addBlock(writer, 'survivor');
    await waitFor(() => blocksOf(reader.doc).has('survivor'), 'the broadcast at the second client');
    await first.kill();
    writer.destroy();
    reader.destroy();

    const second = await start(first.dataDir);
    const after = connect(second, board.id, board.tokens.observer);
    await after.synced;
    expect(blocksOf(after.doc).get('survivor')?.toJSON()).toEqual({ id: 'survivor', kind: 'cache', x: 1, y: 2 });
  });

  it('keeps a burst of updates, all received, through SIGKILL', async () => {
    const first = await start();
    const board = await createBoard(first.url);
    const writer = connect(first, board.id, board.tokens.interviewer);
    const reader = connect(first, board.id, board.tokens.candidate);
    await Promise.all([writer.synced, reader.synced]);
    for (let i = 0; i < 300; i++) addBlock(writer, `b${i}`);
    await waitFor(() => blocksOf(reader.doc).size === 300, 'all 300 blocks at the second client');
    await first.kill();
    writer.destroy();
    reader.destroy();

    const second = await start(first.dataDir);
    const after = connect(second, board.id, board.tokens.observer);
    await after.synced;
    expect(blocksOf(after.doc).size).toBe(300);
  });

  it('shuts down cleanly on SIGTERM: 1001 to clients, storage flushed, exit 0', async () => {
    const first = await start();
    const board = await createBoard(first.url);
    const writer = connect(first, board.id, board.tokens.interviewer);
    const reader = connect(first, board.id, board.tokens.candidate);
    await Promise.all([writer.synced, reader.synced]);
    const closeCodes: number[] = [];
    reader.provider.on('connection-close', (event) => event && closeCodes.push(event.code));
    addBlock(writer, 'kept');
    await waitFor(() => blocksOf(reader.doc).has('kept'), 'the broadcast');

    expect(await first.stop()).toBe(0);
    await waitFor(() => closeCodes.length > 0, 'the close at the client');
    expect(closeCodes[0]).toBe(1001);
    // Everything was folded into LevelDB: no log is left to replay.
    expect(readdirSync(join(first.dataDir, 'wal'))).toEqual([]);
    writer.destroy();
    reader.destroy();

    const second = await start(first.dataDir);
    const after = connect(second, board.id, board.tokens.observer);
    await after.synced;
    expect(blocksOf(after.doc).has('kept')).toBe(true);
  });

  it('keeps its secret across restarts, so links stay valid', async () => {
    const first = await start();
    const board = await createBoard(first.url);
    await first.stop();
    const second = await start(first.dataDir);
    const res = await fetch(`${second.url}/api/boards/${board.id}`, {
      headers: { Authorization: `Bearer ${board.tokens.candidate}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { role: string }).role).toBe('candidate');
  });
});
