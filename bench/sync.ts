/**
 * Sync benchmark: fan-out latency (a client's local update to its arrival at
 * the room's other clients) and memory per loaded room, for our server
 * (persisting every update to LevelDB through the write-ahead log) and the
 * reference @y/websocket-server 0.1.1 (in memory), in the same run. Server,
 * load and this orchestrator are three processes, so the load does not slow
 * the server it measures. Runs alternate between the servers; figures are
 * medians over the repeats. BENCH_SYNC_QUICK=1 runs one short repeat.
 */
import { cpus, loadavg } from 'node:os';
import { median } from './machine';
import {
  loadLabel,
  loadTag,
  ms,
  nextMessage,
  ratio,
  roomsFor,
  runLoad,
  startClients,
  startServer,
  type BenchRoom,
  type Load,
  type ServerKind,
} from './fanout-load';
import type { LoadResult, PopulateConfig } from './sync-clients';
import { measureDurabilityCost, type DurabilityCost } from './sync-durability';

const quick = process.env.BENCH_SYNC_QUICK === '1';
// BENCH_SYNC_REPEATS=<n> changes the repeats while investigating.
const REPEATS = Number(process.env.BENCH_SYNC_REPEATS) || (quick ? 1 : 5);
const TIMING = { warmupMs: quick ? 2_000 : 3_000, measureMs: quick ? 5_000 : 12_000 };
const ALL_LOADS: Load[] = [
  { rooms: 1, clientsPerRoom: 5, updatesPerSecond: 20 },
  // A load this machine carries without saturating.
  { rooms: 50, clientsPerRoom: 3, updatesPerSecond: 10 },
  { rooms: 200, clientsPerRoom: 3, updatesPerSecond: 20 },
];
// BENCH_SYNC_ONLY=latency|memory|durability, BENCH_SYNC_LOAD=<rooms> and BENCH_SYNC_SERVERS=<kind>,... narrow a run
// while investigating (the reference stays: the ratios are to it).
const LOADS = ALL_LOADS.filter((l) => !process.env.BENCH_SYNC_LOAD || String(l.rooms) === process.env.BENCH_SYNC_LOAD);
const MEMORY_ROOMS = 500;
const KINDS = (['archboard', 'reference', 'archboard-memory'] as const).filter(
  (kind) =>
    kind === 'reference' || !process.env.BENCH_SYNC_SERVERS || process.env.BENCH_SYNC_SERVERS.split(',').includes(kind),
);

interface LatencyRun extends LoadResult {
  /** Server CPU during the measured window, as a share of one core. */
  serverCpu: number;
  /** The server's event-loop delay p99 during the measured window, in ms. */
  serverLoopP99: number;
  /** The server's garbage-collection pauses during the measured window: how many, their sum and the longest, in ms. */
  serverGc: { count: number; total: number; longest: number };
}

async function measureLatency(kind: ServerKind, load: Load): Promise<LatencyRun> {
  const server = await startServer(kind);
  try {
    let cpuAtStart: { user: number; system: number } | undefined;
    let serverCpu = NaN;
    let serverLoopP99 = NaN;
    let serverGc = { count: NaN, total: NaN, longest: NaN };
    let startedAt = 0;
    const cpu = () => server.request<{ user: number; system: number }>({ type: 'cpu' }, 'cpu');
    const measured = await runLoad([server], load, TIMING, (phase) => {
      if (phase === 'measuring') {
        startedAt = performance.now();
        return Promise.all([
          cpu().then((reading) => (cpuAtStart = reading)),
          server.request({ type: 'loop-delay-reset' }, 'loop-delay-reset'),
        ]);
      }
      const elapsed = performance.now() - startedAt;
      return Promise.all([
        cpu().then((reading) => {
          if (cpuAtStart)
            serverCpu = (reading.user + reading.system - cpuAtStart.user - cpuAtStart.system) / 1000 / elapsed;
        }),
        server
          .request<{ p99: number; gcCount: number; gcTotal: number; gcLongest: number }>(
            { type: 'loop-delay' },
            'loop-delay',
          )
          .then((delay) => {
            serverLoopP99 = delay.p99;
            serverGc = { count: delay.gcCount, total: delay.gcTotal, longest: delay.gcLongest };
          }),
      ]);
    });
    return { ...measured, serverCpu, serverLoopP99, serverGc };
  } finally {
    await server.stop();
  }
}

interface MemoryRun {
  heapPerRoom: number;
  rssPerRoom: number;
}

async function populate(serverUrl: string, rooms: BenchRoom[], smallBoard: boolean): Promise<void> {
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

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
/** "33, 82.4 ms, 6.37 ms" (medians when summarising runs). */
const gcSummary = (gc: LatencyRun['serverGc']) => `${Math.round(gc.count)}, ${ms(gc.total)} ms, ${ms(gc.longest)} ms`;
const pct = (share: number) => `${Math.round(share * 100)}%`;
const SERVER_NAMES: Record<ServerKind, string> = {
  archboard: 'ours (persisting every update)',
  'archboard-memory': 'ours, in memory',
  'archboard-shared': 'ours, shared mode',
  reference: 'reference (in memory)',
};

async function latencySection(): Promise<string[]> {
  const loadAtStart = loadavg()[0]!;
  const lines = [
    `Fan-out latency from a client's local update to its arrival at the room's other clients: stock y-websocket clients each sending the updates per second the load names, ${TIMING.measureMs / 1000} s measured after ${TIMING.warmupMs / 1000} s of warm-up. Median of ${REPEATS} run${REPEATS > 1 ? 's' : ''} per server, the servers taking turns. Ours persists every update (write-ahead log, then LevelDB) before broadcasting it; "ours, in memory" is the same server on MemoryStorage, to show what persisting costs; the reference keeps documents in memory only. Ratios are to the reference (below 1 is faster). Server loop delay is the server's event-loop delay p99, its own share of the latency whatever the load process does. Server GC is the garbage collector's pauses in the server over the measured window: their number, their sum and the longest (each stops the event loop).`,
    '',
    '| load | server | p50 | p99 | p50 ratio | p99 ratio | p99 of each run | server loop delay p99 | server GC: pauses, sum, longest | server CPU | client CPU | delivered |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
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
          `  ${loadTag(load)} ${kind}: p50 ${ms(result.p50)} ms, p99 ${ms(result.p99)} ms, max ${ms(result.max)} ms, ${result.samples} samples, delivery ${result.delivery.toFixed(3)}, server CPU ${pct(result.serverCpu)}, server loop delay p99 ${ms(result.serverLoopP99)} ms, server GC ${gcSummary(result.serverGc)}, client CPU ${pct(result.clientCpu)}`,
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
        `| ${loadLabel(load)} | ${SERVER_NAMES[kind]} | ${ms(p50)} ms | ${ms(p99)} ms | ${ratio(p50, ref50)} | ${ratio(p99, ref99)} | ${runs[kind].map((r) => ms(r.p99)).join(', ')} | ${ms(m(kind, (r) => r.serverLoopP99))} ms | ${gcSummary({ count: m(kind, (r) => r.serverGc.count), total: m(kind, (r) => r.serverGc.total), longest: m(kind, (r) => r.serverGc.longest) })} | ${pct(m(kind, (r) => r.serverCpu))} | ${pct(m(kind, (r) => r.clientCpu))} | ${m(kind, (r) => r.delivery).toFixed(3)} |`,
      );
    }
  }
  lines.push(
    '',
    'CPU is a share of one core over the measured window; "delivered" is remote updates recorded over those expected from what was sent (about 1 when none is lost). The machine is shared with other jobs, so single runs vary; the p99 of each run shows how much. At 200 × 3 × 20/s the stock clients alone need about a core: on a two-core machine that load measures a saturated system, and the clients fall short of the rate they were asked for.',
    '',
    `Load average when the run started: about ${Math.round(loadAtStart)} on ${cpus().length} cores (other jobs share the machine).`,
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
