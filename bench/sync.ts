/**
 * Sync benchmark: fan-out latency (a client's local update to its arrival at
 * the room's other clients) and memory per loaded room, for our server
 * (persisting every update to LevelDB through the write-ahead log) and the
 * reference @y/websocket-server 0.1.1 (in memory), in the same run. Server,
 * load and this orchestrator are three processes, so the load does not slow
 * the server it measures. Runs alternate between the servers; figures are
 * medians over the repeats. BENCH_SYNC_QUICK=1 runs one short repeat.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { median } from './machine';
import type { LoadConfig, LoadResult, PopulateConfig } from './sync-clients';

type ServerKind = 'archboard' | 'reference';
type Room = { name: string; params: Record<string, string> };

const quick = process.env.BENCH_SYNC_QUICK === '1';
const REPEATS = quick ? 1 : 3;
const WARMUP_MS = quick ? 2_000 : 3_000;
const MEASURE_MS = quick ? 5_000 : 12_000;
const UPDATES_PER_SECOND = 20;
const ALL_LOADS = [
  { rooms: 1, clientsPerRoom: 5 },
  { rooms: 200, clientsPerRoom: 3 },
];
// BENCH_SYNC_ONLY=latency|memory and BENCH_SYNC_LOAD=<rooms> narrow a run while investigating.
const LOADS = ALL_LOADS.filter((l) => !process.env.BENCH_SYNC_LOAD || String(l.rooms) === process.env.BENCH_SYNC_LOAD);
const MEMORY_ROOMS = 500;
const here = import.meta.dirname;

interface ServerProcess {
  kind: ServerKind;
  port: number;
  child: ChildProcess;
  request<T>(message: object, answer: string): Promise<T>;
  stop(): Promise<void>;
}

function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as T);
    };
    const onExit = (code: number | null) => reject(new Error(`process exited (${code}) before sending ${type}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

async function startServer(kind: ServerKind): Promise<ServerProcess> {
  const child = fork(join(here, 'sync-server.ts'), [kind], { execArgv: ['--expose-gc', '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { port } = await nextMessage<{ port: number }>(child, 'ready');
  return {
    kind,
    port,
    child,
    request: (message, answer) => {
      const reply = nextMessage<never>(child, answer);
      child.send(message);
      return reply;
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      await exited;
    },
  };
}

/** The rooms of a run and the server URL the stock client is given. */
async function roomsFor(server: ServerProcess, count: number): Promise<{ serverUrl: string; rooms: Room[] }> {
  const base = `http://127.0.0.1:${server.port}`;
  if (server.kind === 'reference') {
    return { serverUrl: base.replace('http', 'ws'), rooms: Array.from({ length: count }, (_, i) => ({ name: `room-${i}-${Date.now()}`, params: {} })) };
  }
  const rooms: Room[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${base}/api/boards`, { method: 'POST' });
    const { id, links } = (await res.json()) as { id: string; links: { interviewer: string } };
    rooms.push({ name: id, params: { token: links.interviewer.split('#token=')[1]! } });
  }
  return { serverUrl: `${base.replace('http', 'ws')}/sync`, rooms };
}

function startClients(): ChildProcess {
  return fork(join(here, 'sync-clients.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

interface LatencyRun extends LoadResult {
  /** Server CPU during the measured window, as a share of one core. */
  serverCpu: number;
  /** The server's event-loop delay p99 during the measured window, in ms. */
  serverLoopP99: number;
}

async function measureLatency(kind: ServerKind, load: (typeof LOADS)[number]): Promise<LatencyRun> {
  const server = await startServer(kind);
  try {
    const { serverUrl, rooms } = await roomsFor(server, load.rooms);
    const clients = startClients();
    const config: LoadConfig = { serverUrl, rooms, clientsPerRoom: load.clientsPerRoom, updatesPerSecond: UPDATES_PER_SECOND, warmupMs: WARMUP_MS, measureMs: MEASURE_MS };
    let cpuAtStart: { user: number; system: number } | undefined;
    let serverCpu = NaN;
    let serverLoopP99 = NaN;
    let startedAt = 0;
    const serverReadings: Promise<unknown>[] = [];
    clients.on('message', (message: { type: string; phase?: string }) => {
      if (message.type !== 'phase') return;
      if (message.phase === 'measuring') {
        startedAt = performance.now();
        serverReadings.push(server.request<{ user: number; system: number }>({ type: 'cpu' }, 'cpu').then((cpu) => (cpuAtStart = cpu)));
        serverReadings.push(server.request({ type: 'loop-delay-reset' }, 'loop-delay-reset'));
      } else {
        const elapsed = performance.now() - startedAt;
        serverReadings.push(
          server.request<{ user: number; system: number }>({ type: 'cpu' }, 'cpu').then((cpu) => {
            if (cpuAtStart) serverCpu = (cpu.user + cpu.system - cpuAtStart.user - cpuAtStart.system) / 1000 / elapsed;
          }),
        );
        serverReadings.push(server.request<{ p99: number }>({ type: 'loop-delay' }, 'loop-delay').then((delay) => (serverLoopP99 = delay.p99)));
      }
    });
    const result = nextMessage<LoadResult>(clients, 'result');
    clients.send({ type: 'run', config });
    const measured = await result;
    await Promise.all(serverReadings);
    return { ...measured, serverCpu, serverLoopP99 };
  } finally {
    await server.stop();
  }
}

interface MemoryRun {
  heapPerRoom: number;
  rssPerRoom: number;
}

async function populate(serverUrl: string, rooms: Room[], smallBoard: boolean): Promise<void> {
  const clients = startClients();
  const done = nextMessage(clients, 'populated');
  clients.send({ type: 'populate', config: { serverUrl, rooms, smallBoard } satisfies PopulateConfig });
  await done;
}

async function measureMemory(kind: ServerKind, smallBoard: boolean): Promise<MemoryRun> {
  const server = await startServer(kind);
  try {
    // A first batch warms code paths and caches, so the baseline holds them.
    const warm = await roomsFor(server, 20);
    await populate(warm.serverUrl, warm.rooms, smallBoard);
    const { serverUrl, rooms } = await roomsFor(server, MEMORY_ROOMS);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = await server.request<{ heapUsed: number; rss: number }>({ type: 'memory' }, 'memory');
    await populate(serverUrl, rooms, smallBoard);
    // Sockets closed and their buffers freed: what remains is the rooms (idle, in their grace period).
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const after = await server.request<{ heapUsed: number; rss: number }>({ type: 'memory' }, 'memory');
    return { heapPerRoom: (after.heapUsed - before.heapUsed) / MEMORY_ROOMS, rssPerRoom: (after.rss - before.rss) / MEMORY_ROOMS };
  } finally {
    await server.stop();
  }
}

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ratio = (ours: number, reference: number) => `${(ours / reference).toFixed(2)}×`;
const pct = (share: number) => `${Math.round(share * 100)}%`;

async function run(): Promise<string> {
  const only = process.env.BENCH_SYNC_ONLY;
  const lines: string[] = [];
  if (only !== 'memory') lines.push(
    `Fan-out latency from a client's local update to its arrival at the room's other clients (stock y-websocket ${UPDATES_PER_SECOND} updates/s per client, ${MEASURE_MS / 1000} s measured after ${WARMUP_MS / 1000} s warm-up; median of ${REPEATS} run${REPEATS > 1 ? 's' : ''} per server, alternating). Ours persists every update (write-ahead log, then LevelDB) before broadcasting it; the reference keeps documents in memory only. Ratio = ours / reference; below 1 is faster.`,
    '',
    '| load | ours p50 | ours p99 | reference p50 | reference p99 | p50 ratio | p99 ratio | server loop delay p99 (ours / ref) | server CPU (ours / ref) | client CPU | delivered (ours / ref) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const load of only === 'memory' ? [] : LOADS) {
    const runs: Record<ServerKind, LatencyRun[]> = { archboard: [], reference: [] };
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      const order: ServerKind[] = repeat % 2 === 0 ? ['archboard', 'reference'] : ['reference', 'archboard'];
      for (const kind of order) {
        const result = await measureLatency(kind, load);
        console.log(`  ${load.rooms}x${load.clientsPerRoom} ${kind}: p50 ${ms(result.p50)} ms, p99 ${ms(result.p99)} ms, max ${ms(result.max)} ms, ${result.samples} samples, delivery ${result.delivery.toFixed(3)}, server CPU ${pct(result.serverCpu)}, server loop delay p99 ${ms(result.serverLoopP99)} ms, client CPU ${pct(result.clientCpu)}`);
        runs[kind].push(result);
      }
    }
    const m = (kind: ServerKind, pick: (r: LatencyRun) => number) => median(runs[kind].map(pick));
    const [ours50, ours99, ref50, ref99] = [m('archboard', (r) => r.p50), m('archboard', (r) => r.p99), m('reference', (r) => r.p50), m('reference', (r) => r.p99)];
    lines.push(
      `| ${load.rooms} room${load.rooms > 1 ? 's' : ''} × ${load.clientsPerRoom} clients | ${ms(ours50)} ms | ${ms(ours99)} ms | ${ms(ref50)} ms | ${ms(ref99)} ms | ${ratio(ours50, ref50)} | ${ratio(ours99, ref99)} | ${ms(m('archboard', (r) => r.serverLoopP99))} / ${ms(m('reference', (r) => r.serverLoopP99))} ms | ${pct(m('archboard', (r) => r.serverCpu))} / ${pct(m('reference', (r) => r.serverCpu))} | ${pct(median([...runs.archboard, ...runs.reference].map((r) => r.clientCpu)))} | ${m('archboard', (r) => r.delivery).toFixed(3)} / ${m('reference', (r) => r.delivery).toFixed(3)} |`,
    );
  }

  if (only === 'latency') return lines.join('\n');
  lines.push(
    '',
    `Memory per loaded room: heap and RSS growth of the server process over ${MEMORY_ROOMS} rooms (after a full GC), divided by the rooms; every room loaded by a client that then left (ours keeps a room for its 30 s grace period, the reference for ever). Small board = 20 blocks and 19 links; idle = an empty document.`,
    '',
    '| room | ours heap | ours RSS | reference heap | reference RSS |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const smallBoard of [true, false]) {
    const results: Record<ServerKind, MemoryRun[]> = { archboard: [], reference: [] };
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      for (const kind of ['archboard', 'reference'] as const) {
        const result = await measureMemory(kind, smallBoard);
        console.log(`  memory ${smallBoard ? 'small board' : 'idle'} ${kind}: heap ${kb(result.heapPerRoom)}, RSS ${kb(result.rssPerRoom)} per room`);
        results[kind].push(result);
      }
    }
    const m = (kind: ServerKind, pick: (r: MemoryRun) => number) => kb(median(results[kind].map(pick)));
    lines.push(`| ${smallBoard ? 'small board' : 'idle (empty)'} | ${m('archboard', (r) => r.heapPerRoom)} | ${m('archboard', (r) => r.rssPerRoom)} | ${m('reference', (r) => r.heapPerRoom)} | ${m('reference', (r) => r.rssPerRoom)} |`);
  }
  return lines.join('\n');
}

export default { title: 'Sync server: fan-out latency and memory per room', run };
