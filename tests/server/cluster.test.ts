/**
 * Shared mode as it is deployed: Debian's redis-server and PostgreSQL, three
 * server processes on them, and nginx in front with the repository's config
 * (deploy/nginx/archboard.conf), all started here on free loopback ports.
 * Clients on different processes converge and see each other's presence; a
 * process killed with SIGKILL mid-edit loses nothing a client saw and its
 * clients carry on through the others; Redis and PostgreSQL restarts during
 * edits end with every edit present; the role rules hold across processes.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyOpsToDoc, blocksOf, docToBoard } from '../../src/doc/board-doc';
import { readControls, setControl } from '../../src/doc/control-doc';
import { startServerProcess, type ServerProcess } from '../helpers/server';
import { runFuzz } from '../helpers/fuzz-run';
import {
  freePort,
  startNginx,
  startPostgres,
  startRedis,
  type NginxService,
  type PostgresService,
  type RedisService,
} from '../helpers/services';
import { BOARD_CREATE_BURST, MAX_CONNECTIONS_PER_ROOM } from '../../src/limits';
import { CLOSE_ROOM_FULL } from '../../src/protocol/close-codes';
import {
  connectClient,
  createBoard,
  openRawSocket,
  syncUrl,
  tryUpgrade,
  type SyncClient,
} from '../helpers/sync-clients';
import { removeTempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

const repoRoot = resolve(import.meta.dirname, '../..');
const PROCESSES = 3;
const SECRET = 'cluster-test-secret-0123456789abcdef';

let postgres: PostgresService;
let redis: RedisService;
let nginx: NginxService;
const ports: number[] = [];
const servers: Array<ServerProcess | undefined> = [];

async function startProcess(index: number): Promise<ServerProcess> {
  const server = await startServerProcess({
    port: ports[index],
    env: {
      ARCHBOARD_REDIS_URL: redis.url,
      ARCHBOARD_DATABASE_URL: postgres.url,
      ARCHBOARD_SECRET: SECRET,
      // Behind nginx, as deployed: the client's address is the one nginx appends to X-Forwarded-For.
      ARCHBOARD_TRUST_PROXY: '1',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
  });
  servers[index] = server;
  return server;
}

/** The repository's nginx config, on this run's ports, inside a minimal nginx.conf. */
function nginxConfig(listen: number): string {
  let site = readFileSync(join(repoRoot, 'deploy/nginx/archboard.conf'), 'utf8');
  const upstreams = [...site.matchAll(/server 127\.0\.0\.1:(\d+)/g)].map((m) => m[1]!);
  expect(upstreams).toHaveLength(PROCESSES);
  upstreams.forEach((port, i) => (site = site.replace(`127.0.0.1:${port}`, `127.0.0.1:${ports[i]}`)));
  site = site.replace(/listen 80;/, `listen 127.0.0.1:${listen};`);
  expect(site).toContain(`listen 127.0.0.1:${listen};`);
  return `worker_processes 1;
error_log stderr error;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path tmp/body; proxy_temp_path tmp/proxy; fastcgi_temp_path tmp/fastcgi;
  uwsgi_temp_path tmp/uwsgi; scgi_temp_path tmp/scgi;
  ${site}
}
`;
}

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  for (let i = 0; i < PROCESSES; i++) ports.push(await freePort());
  await Promise.all(ports.map((_, i) => startProcess(i)));
  const listen = await freePort();
  nginx = await startNginx(nginxConfig(listen), listen);
}, 120_000);

afterAll(async () => {
  await nginx?.dispose();
  for (const server of servers) {
    if (!server) continue;
    await server.kill();
    await removeTempDir(server.dataDir);
  }
  await redis?.dispose();
  await postgres?.dispose();
}, 60_000);

const clients: SyncClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

function connect(url: string, room: string, token: string): SyncClient {
  const client = connectClient(url, room, token);
  clients.push(client);
  return client;
}

const urlOf = (index: number) => servers[index]!.url;

function addBlock(client: SyncClient, id: string): void {
  client.doc.transact(
    () => applyOpsToDoc(client.doc, [{ op: 'add-block', block: { id, kind: 'service', x: 1, y: 1 } }]),
    'local',
  );
}

const blockIds = (client: SyncClient) => new Set(blocksOf(client.doc).keys());
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fresh client through nginx: what storage and the processes hold, with no client left to resend anything. */
async function freshView(boardId: string, token: string): Promise<Set<string>> {
  const doc = new Y.Doc();
  const client = connectClient(nginx.url, boardId, token, doc);
  try {
    await client.synced;
    return new Set(blocksOf(doc).keys());
  } finally {
    client.destroy();
  }
}

describe('shared mode: three processes on Redis and PostgreSQL behind nginx', () => {
  it('answers /health and /ready through nginx, and serves a board made on one process from another', async () => {
    expect((await fetch(`${nginx.url}/health`)).status).toBe(200);
    const ready = await fetch(`${nginx.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', reasons: [] });
    const board = await createBoard(urlOf(0), { title: 'Made on the first' });
    const res = await fetch(`${urlOf(2)}/api/boards/${board.id}`, {
      headers: { Authorization: `Bearer ${board.tokens.candidate}` },
    });
    expect(res.status).toBe(200);
    const reader = connect(urlOf(1), board.id, board.tokens.observer);
    await reader.synced;
    expect(docToBoard(reader.doc).title).toBe('Made on the first');
  });

  for (const seed of [5, 11]) {
    it(`converges with each client on its own process (fuzz seed ${seed})`, async () => {
      const board = await createBoard(nginx.url);
      // Writers 0..2 on processes 0..2, the observer and the latecomer through nginx.
      await runFuzz({ seed, board, clients, steps: 150, urlFor: (i) => (i < PROCESSES ? urlOf(i) : nginx.url) });
    }, 90_000);
  }

  it('carries presence across processes, and its end', async () => {
    const board = await createBoard(nginx.url);
    const alice = connect(urlOf(0), board.id, board.tokens.interviewer);
    const bob = connect(urlOf(1), board.id, board.tokens.candidate);
    await Promise.all([alice.synced, bob.synced]);
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' });
    const seesAlice = () =>
      [...bob.provider.awareness.getStates().values()].some((s) => (s.user as { name?: string })?.name === 'Alice');
    await waitFor(seesAlice, 'Alice’s presence at Bob, on another process');
    // A process that loads the room later asks the others for who is there.
    const carol = connect(urlOf(2), board.id, board.tokens.observer);
    await carol.synced;
    await waitFor(
      () =>
        [...carol.provider.awareness.getStates().values()].some((s) => (s.user as { name?: string })?.name === 'Alice'),
      'Alice’s presence at a third process that joined later',
    );
    alice.provider.disconnect();
    await waitFor(() => !seesAlice(), 'Alice gone from Bob’s presence');
  });

  it('drops the presence of a killed process’s clients within seconds, and shows a client that moved on', async () => {
    const board = await createBoard(nginx.url);
    const alice = connect(urlOf(2), board.id, board.tokens.interviewer);
    const bob = connect(urlOf(0), board.id, board.tokens.candidate);
    await Promise.all([alice.synced, bob.synced]);
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' });
    const seesAlice = () =>
      [...bob.provider.awareness.getStates().values()].some((s) => (s.user as { name?: string })?.name === 'Alice');
    await waitFor(seesAlice, 'Alice’s presence at Bob, on another process');
    await servers[2]!.kill();
    try {
      // Well before the 30 s awareness timeout that would otherwise keep her ghost on Bob's screen.
      await waitFor(() => !seesAlice(), 'Alice’s presence gone with her process', 10_000);
      // Her page reconnects through the balancer, with the same presence (same client id and clock).
      alice.provider.serverUrl = syncUrl(nginx.url);
      await waitFor(seesAlice, 'Alice shown again once she is back on a live process', 10_000);
    } finally {
      await startProcess(2);
    }
  }, 60_000);

  it('loses nothing any client saw when a process is killed mid-edit, and its clients carry on through the others', async () => {
    const board = await createBoard(nginx.url);
    const writers = [0, 1, 2, 3].map((i) =>
      connect(nginx.url, board.id, i % 2 ? board.tokens.candidate : board.tokens.interviewer),
    );
    await Promise.all(writers.map((w) => w.synced));
    const connectionsOf = async (i: number) =>
      ((await (await fetch(`${urlOf(i)}/health`)).json()) as { connections: number }).connections;
    const counts = await Promise.all(ports.map((_, i) => connectionsOf(i)));
    const victim = counts.indexOf(Math.max(...counts));
    expect(counts[victim]).toBeGreaterThan(0);

    let writing = true;
    const written: string[][] = writers.map(() => []);
    const loops = writers.map(async (writer, w) => {
      for (let n = 0; writing; n++) {
        const id = `w${w}-${n}`;
        addBlock(writer, id);
        written[w]!.push(id);
        await pause(15);
      }
    });
    await pause(600);
    const seenBeforeKill = new Set(writers.flatMap((w) => [...blockIds(w)]));
    await servers[victim]!.kill();
    // The writers go on: those of the killed process edit offline until they reconnect through nginx.
    await pause(1_500);
    writing = false;
    await Promise.all(loops);
    const everything = written.flat();
    await waitFor(
      () => writers.every((w) => w.provider.wsconnected && everything.every((id) => blocksOf(w.doc).has(id))),
      'every writer, reconnected, holding every edit',
      30_000,
    );
    const stored = await freshView(board.id, board.tokens.observer);
    for (const id of seenBeforeKill) expect(stored.has(id)).toBe(true);
    for (const id of everything) expect(stored.has(id)).toBe(true);
    await startProcess(victim);
  }, 90_000);

  async function editThrough(outage: () => Promise<void>): Promise<void> {
    const board = await createBoard(nginx.url);
    const a = connect(urlOf(0), board.id, board.tokens.interviewer);
    const b = connect(urlOf(1), board.id, board.tokens.candidate);
    await Promise.all([a.synced, b.synced]);
    let writing = true;
    const written: string[] = [];
    const loops = [a, b].map(async (writer, w) => {
      for (let n = 0; writing; n++) {
        addBlock(writer, `${w}-${n}`);
        written.push(`${w}-${n}`);
        await pause(20);
      }
    });
    await pause(300);
    await outage();
    await pause(500);
    writing = false;
    await Promise.all(loops);
    await waitFor(
      () => [a, b].every((c) => written.every((id) => blocksOf(c.doc).has(id))),
      'both writers holding every edit',
      30_000,
    );
    const stored = await freshView(board.id, board.tokens.observer);
    expect(written.filter((id) => !stored.has(id))).toEqual([]);
  }

  it('ends a Redis restart during edits with every edit everywhere', async () => {
    await editThrough(async () => {
      await redis.stop();
      await waitFor(async () => (await fetch(`${urlOf(0)}/ready`)).status === 503, '/ready failing without Redis');
      const ready = (await (await fetch(`${urlOf(1)}/ready`)).json()) as { reasons: string[] };
      expect(ready.reasons).toContain('redis unreachable');
      await pause(500);
      await redis.start();
    });
    for (const i of [0, 1, 2])
      await waitFor(
        async () => (await fetch(`${urlOf(i)}/ready`)).status === 200,
        'ready again once Redis is back ' + i,
      );
  }, 90_000);

  it('ends a PostgreSQL restart during edits with every edit stored', async () => {
    await editThrough(async () => {
      await postgres.stop();
      await pause(700);
      await postgres.start();
    });
  }, 90_000);

  it('keeps the role rules across processes: observers, the private document, the interviewer-only controls', async () => {
    const board = await createBoard(nginx.url);
    const interviewer = connect(urlOf(0), board.id, board.tokens.interviewer);
    const observer = connect(urlOf(1), board.id, board.tokens.observer);
    await Promise.all([interviewer.synced, observer.synced]);
    addBlock(observer, 'from-observer');
    addBlock(interviewer, 'from-interviewer');
    await waitFor(() => blocksOf(observer.doc).has('from-interviewer'), 'the interviewer’s edit at the observer');
    await pause(300);
    expect(blocksOf(interviewer.doc).has('from-observer')).toBe(false);
    expect((await freshView(board.id, board.tokens.interviewer)).has('from-observer')).toBe(false);

    // Only the interviewer opens the private document, on any process and through nginx.
    for (const url of [urlOf(0), urlOf(2), nginx.url]) {
      for (const token of [board.tokens.candidate, board.tokens.observer]) {
        const attempt = await tryUpgrade(`${url.replace(/^http/, 'ws')}/sync/${board.id}/private?token=${token}`);
        expect(attempt.opened ? 101 : attempt.status).toBe(403);
      }
    }
    const notes = connect(urlOf(0), `${board.id}/private`, board.tokens.interviewer);
    const notesElsewhere = connect(urlOf(2), `${board.id}/private`, board.tokens.interviewer);
    await Promise.all([notes.synced, notesElsewhere.synced]);
    notes.doc.getMap('scorecard').set('note', 'strong on caching');
    await waitFor(
      () => notesElsewhere.doc.getMap('scorecard').get('note') === 'strong on caching',
      'the private note on another process',
    );
    await pause(200);
    expect(observer.doc.getMap('scorecard').size).toBe(0);
    expect(interviewer.doc.getMap('scorecard').size).toBe(0);

    // The interviewer-only controls: a candidate's write on one process reaches no one, on any
    // process; the interviewer's, made on another, reaches everyone.
    const controlRoom = `${board.id}/control`;
    const chair = connect(urlOf(0), controlRoom, board.tokens.interviewer);
    const tamperer = connect(urlOf(1), controlRoom, board.tokens.candidate);
    const watcher = connect(urlOf(2), controlRoom, board.tokens.observer);
    await Promise.all([chair.synced, tamperer.synced, watcher.synced]);
    const dropped = async () => {
      const text = await (await fetch(`${urlOf(1)}/metrics`)).text();
      return Number(/^archboard_control_writes_dropped_total (\d+)/m.exec(text)?.[1] ?? 0);
    };
    const droppedBefore = await dropped();
    setControl(tamperer.doc, 'findingsVisibleToCandidate', true, 'candidate');
    setControl(tamperer.doc, 'disabledRules', ['missing-cache'], 'candidate');
    // Processed, not merely slow: the candidate's process counted both writes as dropped.
    await waitFor(async () => (await dropped()) >= droppedBefore + 2, 'the candidate’s control writes dropped');
    setControl(chair.doc, 'disabledRules', ['orphan-block'], 'Ana');
    await waitFor(
      () => readControls(watcher.doc).disabledRules.includes('orphan-block'),
      'the interviewer’s control on a third process',
    );
    for (const client of [chair, watcher]) {
      expect(readControls(client.doc).findingsVisibleToCandidate).toBe(false);
      expect(readControls(client.doc).disabledRules).toEqual(['orphan-block']);
    }
  });

  it('counts a room’s connections on every process against its limit', async () => {
    const board = await createBoard(nginx.url);
    const url = (i: number) =>
      `${urlOf(i % PROCESSES).replace(/^http/, 'ws')}/sync/${board.id}?token=${board.tokens.candidate}`;
    const sockets = [];
    for (let i = 0; i < MAX_CONNECTIONS_PER_ROOM; i++) {
      const raw = await openRawSocket(url(i));
      await raw.greeted;
      sockets.push(raw);
    }
    try {
      const extra = await openRawSocket(url(MAX_CONNECTIONS_PER_ROOM));
      expect((await extra.closed).code).toBe(CLOSE_ROOM_FULL);
      // One leaves, on another process: there is room again.
      sockets.shift()!.socket.close();
      await waitFor(async () => {
        const another = await openRawSocket(url(1));
        const first = await Promise.race([another.closed.then(() => 'closed'), another.greeted.then(() => 'greeted')]);
        if (first === 'greeted') sockets.push(another);
        return first === 'greeted';
      }, 'a connection admitted once one left');
    } finally {
      for (const { socket } of sockets) socket.close();
    }
  }, 60_000);

  it('holds the board-creation limit of an address across every process', async () => {
    // A documentation address, so no other test's budget is spent; its requests go to each process in turn.
    const create = (i: number) =>
      fetch(`${urlOf(i % PROCESSES)}/api/boards`, {
        method: 'POST',
        headers: { 'X-Forwarded-For': '203.0.113.77' },
      });
    let created = 0;
    for (let i = 0; i < 3 * BOARD_CREATE_BURST; i++) {
      const res = await create(i);
      await res.body?.cancel();
      if (res.status === 429) break;
      expect(res.status).toBe(201);
      created++;
    }
    // Per process the burst would allow three times as many; the budget refills by one every 3 s.
    expect(created).toBeGreaterThanOrEqual(BOARD_CREATE_BURST);
    expect(created).toBeLessThanOrEqual(BOARD_CREATE_BURST + 2);
    for (let i = 0; i < PROCESSES; i++) expect((await create(i)).status).toBe(429);
    // Another address is not held back by it.
    const other = await fetch(`${urlOf(1)}/api/boards`, {
      method: 'POST',
      headers: { 'X-Forwarded-For': '203.0.113.78' },
    });
    expect(other.status).toBe(201);
  });

  it('drains on SIGTERM: clients are told to go elsewhere and carry on there, the process exits 0', async () => {
    const board = await createBoard(nginx.url);
    const client = connect(urlOf(2), board.id, board.tokens.interviewer);
    const elsewhere = connect(urlOf(0), board.id, board.tokens.candidate);
    await Promise.all([client.synced, elsewhere.synced]);
    const closes: number[] = [];
    client.provider.on('connection-close', (event) => event && closes.push(event.code));
    addBlock(client, 'before-drain');
    await waitFor(() => blocksOf(elsewhere.doc).has('before-drain'), 'the edit on another process');
    expect(await servers[2]!.stop()).toBe(0);
    expect(closes[0]).toBe(1001);
    // Its clients move on: here it reconnects through nginx to a live process.
    const moved = connect(nginx.url, board.id, board.tokens.interviewer);
    await moved.synced;
    addBlock(moved, 'after-drain');
    await waitFor(() => blocksOf(elsewhere.doc).has('after-drain'), 'an edit after the drain');
    expect(blocksOf(moved.doc).has('before-drain')).toBe(true);
    await startProcess(2);
  }, 60_000);
});
