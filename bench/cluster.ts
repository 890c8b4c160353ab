/**
 * Shared-mode benchmark: fan-out latency when each room's clients are spread
 * over two server processes on PostgreSQL and Redis, against one process on
 * LevelDB (the embedded default) in the same run, and one shared-mode
 * process alone (what PostgreSQL's commit costs before Redis adds its hop).
 * Same loads, clients and measurement as bench/sync.ts; redis-server and
 * PostgreSQL are started here in temporary folders. Medians over the repeats,
 * the setups taking turns. BENCH_CLUSTER_QUICK=1 runs one short repeat.
 */
import { loadavg } from 'node:os';
import { median } from './machine';
import { loadLabel, loadTag, ms, ratio, runLoad, startServer, type Load, type ServerProcess } from './fanout-load';
import type { LoadResult } from './sync-clients';
import { startPostgres, startRedis } from '../tests/helpers/services';

const quick = process.env.BENCH_CLUSTER_QUICK === '1';
const REPEATS = quick ? 1 : 3;
const TIMING = { warmupMs: quick ? 2_000 : 3_000, measureMs: quick ? 5_000 : 10_000 };
const ALL_LOADS: Load[] = [
  { rooms: 1, clientsPerRoom: 5, updatesPerSecond: 20 },
  { rooms: 50, clientsPerRoom: 3, updatesPerSecond: 10 },
];
// BENCH_CLUSTER_LOAD=<rooms> narrows a run while investigating.
const LOADS = ALL_LOADS.filter(
  (l) => !process.env.BENCH_CLUSTER_LOAD || String(l.rooms) === process.env.BENCH_CLUSTER_LOAD,
);

type Setup = 'embedded' | 'shared-one' | 'shared-two';
const SETUPS: Setup[] = ['embedded', 'shared-two', 'shared-one'];
const NAMES: Record<Setup, string> = {
  embedded: 'one process, LevelDB (reference)',
  'shared-one': 'shared mode, one process',
  'shared-two': 'shared mode, each room over two processes',
};

async function measure(setup: Setup, load: Load, env: Record<string, string>): Promise<LoadResult> {
  const servers: ServerProcess[] =
    setup === 'embedded'
      ? [await startServer('archboard')]
      : await Promise.all(
          Array.from({ length: setup === 'shared-two' ? 2 : 1 }, () => startServer('archboard-shared', env)),
        );
  try {
    return await runLoad(servers, load, TIMING);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

async function run(): Promise<string> {
  const loadAtStart = loadavg()[0]!;
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const env = { BENCH_DATABASE_URL: postgres.url, BENCH_REDIS_URL: redis.url };
  const lines = [
    `Fan-out latency (a client's update to its arrival at the room's other clients) with stock y-websocket clients, ${TIMING.measureMs / 1000} s measured after ${TIMING.warmupMs / 1000} s of warm-up, median of ${REPEATS} run${REPEATS > 1 ? 's' : ''} per setup, the setups taking turns. Shared mode runs on PostgreSQL 15 (fsync off, temporary cluster) and redis-server on this machine; with two processes, client c of each room connects to process c mod 2, so most deliveries cross processes (PostgreSQL commit, then Redis pub/sub). Ratios are to one process on LevelDB. Aim: p99 under 2× the single process.`,
    '',
    '| load | setup | p50 | p99 | p50 ratio | p99 ratio | p99 of each run | delivered |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  try {
    for (const load of LOADS) {
      const runs = Object.fromEntries(SETUPS.map((s) => [s, [] as LoadResult[]])) as Record<Setup, LoadResult[]>;
      for (let repeat = 0; repeat < REPEATS; repeat++) {
        for (const setup of repeat % 2 === 0 ? SETUPS : [...SETUPS].reverse()) {
          const result = await measure(setup, load, env);
          console.log(
            `  ${loadTag(load)} ${setup}: p50 ${ms(result.p50)} ms, p99 ${ms(result.p99)} ms, delivery ${result.delivery.toFixed(3)}`,
          );
          runs[setup].push(result);
        }
      }
      const m = (setup: Setup, pick: (r: LoadResult) => number) => median(runs[setup].map(pick));
      for (const setup of SETUPS) {
        lines.push(
          `| ${loadLabel(load)} | ${NAMES[setup]} | ${ms(m(setup, (r) => r.p50))} ms | ${ms(m(setup, (r) => r.p99))} ms | ${ratio(
            m(setup, (r) => r.p50),
            m('embedded', (r) => r.p50),
          )} | ${ratio(
            m(setup, (r) => r.p99),
            m('embedded', (r) => r.p99),
          )} | ${runs[setup].map((r) => ms(r.p99)).join(', ')} | ${m(setup, (r) => r.delivery).toFixed(3)} |`,
        );
      }
    }
  } finally {
    await redis.dispose();
    await postgres.dispose();
  }
  lines.push(
    '',
    `Load average when the run started: ${loadAtStart.toFixed(1)} (other jobs share the machine).`,
    '',
    'Everything (PostgreSQL, Redis, the server processes and the load) shares this 2-core machine, so the shared setups pay for the extra processes in CPU as well as in hops; on separate machines the hops remain and the contention goes.',
  );
  return `## Shared mode: fan-out across processes\n\n${lines.join('\n')}`;
}

export default { title: 'Shared mode: fan-out latency across processes', run };
