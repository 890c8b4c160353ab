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
import { measureDurabilityCost, type DurabilityCost } from './sync-durability';

export type ServerKind = 'archboard' | 'archboard-memory' | 'archboard-shared' | 'reference';
type Room = { name: string; params: Record<string, string> };

const quick = process.env.BENCH_SYNC_QUICK === '1';
const REPEATS = quick ? 1 : 5;
const WARMUP_MS = quick ? 2_000 : 3_000;
const MEASURE_MS = quick ? 5_000 : 12_000;
const ALL_LOADS = [
  { rooms: 1, clientsPerRoom: 5, updatesPerSecond: 20 },
  // A load this machine carries without saturating.
  { rooms: 50, clientsPerRoom: 3, updatesPerSecond: 10 },
  { rooms: 200, clientsPerRoom: 3, updatesPerSecond: 20 },
];
// BENCH_SYNC_ONLY=latency|memory|durability and BENCH_SYNC_LOAD=<rooms> narrow a run while investigating.
const LOADS = ALL_LOADS.filter((l) => !process.env.BENCH_SYNC_LOAD || String(l.rooms) === process.env.BENCH_SYNC_LOAD);
const MEMORY_ROOMS = 500;
const KINDS: ServerKind[] = ['archboard', 'reference', 'archboard-memory'];
const here = import.meta.dirname;

export interface ServerProcess {
  kind: ServerKind;
  port: number;
  child: ChildProcess;
  request<T>(message: object, answer: string): Promise<T>;
  stop(): Promise<void>;
}

export function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
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

export async function startServer(kind: ServerKind, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = fork(join(here, 'sync-server.ts'), [kind], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  });
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
export async function roomsFor(server: ServerProcess, count: number): Promise<{ serverUrl: string; rooms: Room[] }> {
  const base = `http://127.0.0.1:${server.port}`;
  if (server.kind === 'reference') {
    return {
      serverUrl: base.replace('http', 'ws'),
      rooms: Array.from({ length: count }, (_, i) => ({ name: `room-${i}-${Date.now()}`, params: {} })),
    };
  }
  const rooms: Room[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${base}/api/boards`, { method: 'POST' });
    if (!res.ok) throw new Error(`creating room ${i + 1} of ${count}: ${res.status} ${await res.text()}`);
    const { id, links } = (await res.json()) as { id: string; links: { interviewer: string } };
    rooms.push({ name: id, params: { token: links.interviewer.split('#token=')[1]! } });
  }
  return { serverUrl: `${base.replace('http', 'ws')}/sync`, rooms };
}

export function startClients(): ChildProcess {
  return fork(join(here, 'sync-clients.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
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
    const config: LoadConfig = {
      serverUrl,
      rooms,
      clientsPerRoom: load.clientsPerRoom,
      updatesPerSecond: load.updatesPerSecond,
      warmupMs: WARMUP_MS,
      measureMs: MEASURE_MS,
    };
    let cpuAtStart: { user: number; system: number } | undefined;
    let serverCpu = NaN;
    let serverLoopP99 = NaN;
    let startedAt = 0;
    const serverReadings: Promise<unknown>[] = [];
    clients.on('message', (message: { type: string; phase?: string }) => {
      if (message.type !== 'phase') return;
      if (message.phase === 'measuring') {
        startedAt = performance.now();
        serverReadings.push(
          server.request<{ user: number; system: number }>({ type: 'cpu' }, 'cpu').then((cpu) => (cpuAtStart = cpu)),
        );
        serverReadings.push(server.request({ type: 'loop-delay-reset' }, 'loop-delay-reset'));
      } else {
        const elapsed = performance.now() - startedAt;
        serverReadings.push(
          server.request<{ user: number; system: number }>({ type: 'cpu' }, 'cpu').then((cpu) => {
            if (cpuAtStart) serverCpu = (cpu.user + cpu.system - cpuAtStart.user - cpuAtStart.system) / 1000 / elapsed;
          }),
        );
        serverReadings.push(
          server
            .request<{ p99: number }>({ type: 'loop-delay' }, 'loop-delay')
            .then((delay) => (serverLoopP99 = delay.p99)),
        );
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

async function measureMemory(kind: 'archboard' | 'reference', smallBoard: boolean): Promise<MemoryRun> {
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
    return {
      heapPerRoom: (after.heapUsed - before.heapUsed) / MEMORY_ROOMS,
      rssPerRoom: (after.rss - before.rss) / MEMORY_ROOMS,
    };
  } finally {
    await server.stop();
  }
}

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ratio = (value: number, reference: number) => `${(value / reference).toFixed(2)}×`;
const pct = (share: number) => `${Math.round(share * 100)}%`;
const SERVER_NAMES: Record<ServerKind, string> = {
  archboard: 'ours (persisting every update)',
  'archboard-memory': 'ours, in memory',
  'archboard-shared': 'ours, shared mode',
  reference: 'reference (in memory)',
};

async function latencySection(): Promise<string[]> {
  const lines = [
    `Fan-out latency from a client's local update to its arrival at the room's other clients: stock y-websocket clients each sending the updates per second the load names, ${MEASURE_MS / 1000} s measured after ${WARMUP_MS / 1000} s of warm-up. Median of ${REPEATS} run${REPEATS > 1 ? 's' : ''} per server, the servers taking turns. Ours persists every update (write-ahead log, then LevelDB) before broadcasting it; "ours, in memory" is the same server on MemoryStorage, to show what persisting costs; the reference keeps documents in memory only. Ratios are to the reference (below 1 is faster). Server loop delay is the server's event-loop delay p99, its own share of the latency whatever the load process does.`,
    '',
    '| load | server | p50 | p99 | p50 ratio | p99 ratio | p99 of each run | server loop delay p99 | server CPU | client CPU | delivered |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const load of LOADS) {
    const runs = Object.fromEntries(KINDS.map((kind) => [kind, [] as LatencyRun[]])) as Record<
      ServerKind,
      LatencyRun[]
    >;
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      const order = repeat % 2 === 0 ? KINDS : [...KINDS].reverse();
      for (const kind of order) {
        const result = await measureLatency(kind, load);
        console.log(
          `  ${load.rooms}x${load.clientsPerRoom}x${load.updatesPerSecond}/s ${kind}: p50 ${ms(result.p50)} ms, p99 ${ms(result.p99)} ms, max ${ms(result.max)} ms, ${result.samples} samples, delivery ${result.delivery.toFixed(3)}, server CPU ${pct(result.serverCpu)}, server loop delay p99 ${ms(result.serverLoopP99)} ms, client CPU ${pct(result.clientCpu)}`,
        );
        runs[kind].push(result);
      }
    }
    const m = (kind: ServerKind, pick: (r: LatencyRun) => number) => median(runs[kind].map(pick));
    for (const kind of KINDS) {
      const p50 = m(kind, (r) => r.p50);
      const p99 = m(kind, (r) => r.p99);
      const ref50 = m('reference', (r) => r.p50);
      const ref99 = m('reference', (r) => r.p99);
      lines.push(
        `| ${load.rooms} room${load.rooms > 1 ? 's' : ''} × ${load.clientsPerRoom} clients × ${load.updatesPerSecond}/s | ${SERVER_NAMES[kind]} | ${ms(p50)} ms | ${ms(p99)} ms | ${ratio(p50, ref50)} | ${ratio(p99, ref99)} | ${runs[kind].map((r) => ms(r.p99)).join(', ')} | ${ms(m(kind, (r) => r.serverLoopP99))} ms | ${pct(m(kind, (r) => r.serverCpu))} | ${pct(m(kind, (r) => r.clientCpu))} | ${m(kind, (r) => r.delivery).toFixed(3)} |`,
      );
    }
  }
  lines.push(
    '',
    'CPU is a share of one core over the measured window; "delivered" is remote updates recorded over those expected from what was sent (about 1 when none is lost). The machine is shared with other jobs, so single runs vary; the p99 of each run shows how much. At 200 × 3 × 20/s the stock clients alone need about a core: on a two-core machine that load measures a saturated system, and the clients fall short of the rate they were asked for.',
  );
  return lines;
}

async function memorySection(): Promise<string[]> {
  const lines = [
    `Memory per loaded room: growth of the server's heap and RSS over ${MEMORY_ROOMS} rooms (after a full GC) divided by the rooms. Each room was loaded by a client that then left, so no socket is counted (ours keeps such a room for its 30 s grace period, the reference keeps it for ever). Idle = a blank board (the doc skeleton every new board starts with); small board = that plus 20 blocks and 19 links.`,
    '',
    '| room | ours heap | ours RSS | reference heap | reference RSS |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const smallBoard of [true, false]) {
    const results: Record<'archboard' | 'reference', MemoryRun[]> = { archboard: [], reference: [] };
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      for (const kind of ['archboard', 'reference'] as const) {
        const result = await measureMemory(kind, smallBoard);
        console.log(
          `  memory ${smallBoard ? 'small board' : 'idle'} ${kind}: heap ${kb(result.heapPerRoom)}, RSS ${kb(result.rssPerRoom)} per room`,
        );
        results[kind].push(result);
      }
    }
    const m = (kind: 'archboard' | 'reference', pick: (r: MemoryRun) => number) => kb(median(results[kind].map(pick)));
    lines.push(
      `| ${smallBoard ? 'small board' : 'idle (blank board)'} | ${m('archboard', (r) => r.heapPerRoom)} | ${m('archboard', (r) => r.rssPerRoom)} | ${m('reference', (r) => r.heapPerRoom)} | ${m('reference', (r) => r.rssPerRoom)} |`,
    );
  }
  return lines;
}

async function durabilitySection(): Promise<string[]> {
  const lines = [
    'Cost of making one update durable, in-process (no network, no load): every row survives kill -9; the ARCHBOARD_FSYNC=always and =batch rows survive a power cut too. Why the server appends to a log with one write() instead of awaiting LevelDB, and what fsync adds. Median of the runs.',
    '',
    '| method | p50 | p99 |',
    '| --- | --- | --- |',
  ];
  const runs: DurabilityCost[][] = [];
  for (let repeat = 0; repeat < REPEATS; repeat++) runs.push(await measureDurabilityCost());
  for (const [i, { method }] of runs[0]!.entries()) {
    const us = (pick: (c: DurabilityCost) => number) => `${median(runs.map((r) => pick(r[i]!))).toFixed(1)} µs`;
    lines.push(`| ${method} | ${us((c) => c.p50Micros)} | ${us((c) => c.p99Micros)} |`);
  }
  lines.push(
    '',
    'Under load an awaited LevelDB write also waits for the busy event loop to run its completion callback; the log write returns before the broadcast with no callback to wait for. With fsync=batch the broadcast waits for the shared fsync (the libuv threadpool); with fsync=always the fsync blocks the event loop, so every room waits for each.',
  );
  return lines;
}

async function run(): Promise<string> {
  const only = process.env.BENCH_SYNC_ONLY;
  const sections: string[][] = [];
  if (!only || only === 'latency') sections.push(await latencySection());
  if (!only || only === 'memory') sections.push(await memorySection());
  if (!only || only === 'durability') sections.push(await durabilitySection());
  return sections.map((lines) => lines.join('\n')).join('\n\n');
}

export default { title: 'Sync server: fan-out latency and memory per room', run };
