/**
 * The history contract from outside: the real server process, stock
 * y-websocket clients, and GET /api/boards/<id>/history read as an outside
 * tool would. The board rebuilt from the history at several moments equals
 * what a client saw then, through an unload (with its compaction), a clean
 * restart and a kill -9.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyOpsToDoc, blocksOf } from '../../src/doc/board-doc';
import { privateNotesOf } from '../../src/sync/private-doc';
import { startServerProcess, type ServerProcess } from '../helpers/server';
import { connectClient, createBoard, type CreatedBoard, type SyncClient } from '../helpers/sync-clients';
import { removeTempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

interface WireEntry {
  t: number;
  by: { name: string; role: string } | null;
  update: string;
}

/** What a client saw at a moment: the blocks of the board (or the private notes). */
interface Sighting {
  at: number;
  seen: unknown;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function fetchHistory(url: string, boardId: string, token: string, query = ''): Promise<Response> {
  return fetch(`${url}/api/boards/${boardId}/history${query}`, { headers: { Authorization: `Bearer ${token}` } });
}

async function historyOf(url: string, boardId: string, token: string, query = ''): Promise<WireEntry[]> {
  const res = await fetchHistory(url, boardId, token, query);
  expect(res.status).toBe(200);
  return ((await res.json()) as { entries: WireEntry[] }).entries;
}

/** An empty doc with the updates of every entry at or before `at`, in order. */
function docAt(entries: readonly WireEntry[], at: number): Y.Doc {
  const doc = new Y.Doc();
  for (const entry of entries) if (entry.t <= at) Y.applyUpdate(doc, Buffer.from(entry.update, 'base64'));
  return doc;
}

describe('history endpoint, from outside', () => {
  const processes: ServerProcess[] = [];
  const clients: SyncClient[] = [];
  const dataDirs = new Set<string>();

  async function start(dataDir?: string): Promise<ServerProcess> {
    const server = await startServerProcess({ dataDir, env: { ROOM_UNLOAD_GRACE_MS: '100' } });
    processes.push(server);
    dataDirs.add(server.dataDir);
    return server;
  }

  function connect(server: ServerProcess, room: string, token: string, name: string): SyncClient {
    const client = connectClient(server.url, room, token);
    client.provider.awareness.setLocalStateField('user', { name, color: '#123456', role: 'candidate' });
    clients.push(client);
    return client;
  }

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const server of processes.splice(0)) await server.kill();
    for (const dir of dataDirs) await removeTempDir(dir);
    dataDirs.clear();
  });

  /** Adds blocks one by one through `writer`; after each, records what `reader` saw once it arrived. */
  async function drawAndWatch(writer: SyncClient, reader: SyncClient, ids: string[]): Promise<Sighting[]> {
    const sightings: Sighting[] = [];
    for (const id of ids) {
      writer.doc.transact(() =>
        applyOpsToDoc(writer.doc, [{ op: 'add-block', block: { id, kind: 'service', x: ids.indexOf(id), y: 0 } }]),
      );
      await waitFor(() => blocksOf(reader.doc).has(id), `${id} at the reader`);
      sightings.push({ at: Date.now(), seen: blocksOf(reader.doc).toJSON() });
      // The next edit reaches the server strictly after this sighting.
      await sleep(5);
    }
    return sightings;
  }

  async function expectBoardAsSeen(server: ServerProcess, board: CreatedBoard, sightings: Sighting[]) {
    for (const token of Object.values(board.tokens)) {
      const entries = await historyOf(server.url, board.id, token);
      for (const { at, seen } of sightings) expect(blocksOf(docAt(entries, at)).toJSON()).toEqual(seen);
    }
  }

  async function sessionOn(server: ServerProcess, board: CreatedBoard) {
    const candidate = connect(server, board.id, board.tokens.candidate, 'Cal');
    const observer = connect(server, board.id, board.tokens.observer, 'Oli');
    await Promise.all([candidate.synced, observer.synced]);
    // Awareness (the name) travels with the first messages; the first edit waits for it to reach the server.
    await waitFor(() => observer.provider.awareness.getStates().size >= 2, 'the names announced');
    return { candidate, observer };
  }

  it('rebuilds the board as clients saw it, through unload, restart and kill -9', async () => {
    const first = await start();
    const board = await createBoard(first.url, { title: 'History' });
    let { candidate, observer } = await sessionOn(first, board);
    const sightings = await drawAndWatch(candidate, observer, ['a1', 'a2', 'a3']);

    const entries = await historyOf(first.url, board.id, board.tokens.observer);
    expect(entries[0]!.by).toBeNull(); // the server made the board
    expect(entries.at(-1)!.by).toEqual({ name: 'Cal', role: 'candidate' });
    expect(entries.map((e) => e.t)).toEqual([...entries.map((e) => e.t)].sort((a, b) => a - b));
    await expectBoardAsSeen(first, board, sightings);

    // Unload: the room is compacted into one state; the history stays whole.
    candidate.destroy();
    observer.destroy();
    await waitFor(async () => {
      const health = (await (await fetch(`${first.url}/health`)).json()) as { rooms: number };
      return health.rooms === 0;
    }, 'the room unloaded');
    await expectBoardAsSeen(first, board, sightings);

    ({ candidate, observer } = await sessionOn(first, board));
    sightings.push(...(await drawAndWatch(candidate, observer, ['b1', 'b2'])));
    candidate.destroy();
    observer.destroy();
    expect(await first.stop()).toBe(0);

    const second = await start(first.dataDir);
    await expectBoardAsSeen(second, board, sightings);
    ({ candidate, observer } = await sessionOn(second, board));
    sightings.push(...(await drawAndWatch(candidate, observer, ['c1', 'c2'])));
    await second.kill();
    candidate.destroy();
    observer.destroy();

    const third = await start(first.dataDir);
    await expectBoardAsSeen(third, board, sightings);
    const since = sightings[3]!.at;
    const later = await historyOf(third.url, board.id, board.tokens.candidate, `?since=${since}`);
    expect(later.every((e) => e.t >= since)).toBe(true);
    expect(later.length).toBeGreaterThanOrEqual(3);
    const until = sightings[1]!.at;
    const earlier = await historyOf(third.url, board.id, board.tokens.candidate, `?until=${until}`);
    expect(blocksOf(docAt(earlier, Infinity)).toJSON()).toEqual(sightings[1]!.seen);
  });

  it("gives the private document's history to the interviewer alone", async () => {
    const server = await start();
    const board = await createBoard(server.url);
    const interviewer = connect(server, `${board.id}/private`, board.tokens.interviewer, 'Ivy');
    await interviewer.synced;
    privateNotesOf(interviewer.doc).insert(0, 'Drew one DB for 10K writes/s');
    await waitFor(
      async () => (await historyOf(server.url, board.id, board.tokens.interviewer, '?doc=private')).length > 0,
      'the private note in history',
    );
    const entries = await historyOf(server.url, board.id, board.tokens.interviewer, '?doc=private');
    expect(privateNotesOf(docAt(entries, Infinity)).toString()).toBe('Drew one DB for 10K writes/s');
    expect(entries.at(-1)!.by).toEqual({ name: 'Ivy', role: 'interviewer' });

    for (const token of [board.tokens.candidate, board.tokens.observer]) {
      const res = await fetchHistory(server.url, board.id, token, '?doc=private');
      expect(res.status).toBe(403);
      expect(JSON.stringify(await res.json())).not.toContain('10K');
    }
    expect((await fetchHistory(server.url, board.id, 'x'.repeat(32), '?doc=private')).status).toBe(401);
    expect((await fetch(`${server.url}/api/boards/${board.id}/history`)).status).toBe(401);
    expect((await fetchHistory(server.url, board.id, board.tokens.observer, '?since=yesterday')).status).toBe(400);
    expect((await fetchHistory(server.url, board.id, board.tokens.observer, '?doc=secret')).status).toBe(400);
  });
});
