/**
 * How much one process holds, on the embedded default (LevelDB, every update
 * persisted):
 *
 *   idle connections  10,000 sockets over 2,000 rooms that only listen (people
 *                     with a board open who are not editing): the server's heap
 *                     and RSS growth per connection and per room, read from the
 *                     server process itself after a full GC;
 *   live rooms        rooms of 3 stock clients each sending 1 update/s, more
 *                     rooms at each step, until fan-out p99 reaches 50 ms.
 *
 * Server and load are separate processes (bench/sync-server.ts, bench/sync-clients.ts).
 * BENCH_CAPACITY_QUICK=1 runs smaller steps.
 */
import { loadavg } from 'node:os';
import { ms, nextMessage, roomsFor, runLoad, startClients, startServer } from './fanout-load';
import type { IdleConfig, LoadResult } from './sync-clients';

const quick = process.env.BENCH_CAPACITY_QUICK === '1';
const IDLE_ROOMS = quick ? 200 : 2_000;
const IDLE_PER_ROOM = 5;
const LIVE_STEPS = quick ? [50, 100] : [100, 200, 300, 400, 600, 800];
const P99_LIMIT_MS = 50;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function idleSection(): Promise<string[]> {
  const server = await startServer('archboard');
  const clients = startClients();
  try {
    const { serverUrl, rooms } = await roomsFor(server, IDLE_ROOMS);
    const memory = () => server.request<{ heapUsed: number; rss: number }>({ type: 'memory' }, 'memory');
    const open = async (perRoom: number) => {
      const done = nextMessage<{ open: number }>(clients, 'idle-open');
      clients.send({ type: 'idle', config: { serverUrl, rooms, perRoom } satisfies IdleConfig });
      return (await done).open;
    };
    await new Promise((resolve) => setTimeout(resolve, 500));
    const base = await memory();
    await open(1);
    const oneEach = await memory();
    const total = await open(IDLE_PER_ROOM - 1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const all = await memory();
    const added = IDLE_ROOMS * (IDLE_PER_ROOM - 1);
    const heapPerConnection = (all.heapUsed - oneEach.heapUsed) / added;
    const rssPerConnection = (all.rss - oneEach.rss) / added;
    const heapPerRoom = (oneEach.heapUsed - base.heapUsed) / IDLE_ROOMS - heapPerConnection;
    const rssPerRoom = (oneEach.rss - base.rss) / IDLE_ROOMS - rssPerConnection;
    console.log(`  idle: ${total} connections over ${IDLE_ROOMS} rooms, RSS ${(all.rss / 2 ** 20).toFixed(0)} MB`);
    return [
      `### Idle connections: ${total.toLocaleString('en')} over ${IDLE_ROOMS.toLocaleString('en')} rooms, one process`,
      '',
      `Sockets that only listen, opened ${IDLE_PER_ROOM} per room in two steps (one per room, loading the rooms; then the other ${IDLE_PER_ROOM - 1}). Per connection = growth of the second step / its connections; per room = growth of the first step / rooms, less one connection. Each room is a blank board.`,
      '',
      '| | heap | RSS |',
      '| --- | --- | --- |',
      `| per connection | ${kb(heapPerConnection)} | ${kb(rssPerConnection)} |`,
      `| per room (blank board, connections not counted) | ${kb(heapPerRoom)} | ${kb(rssPerRoom)} |`,
      `| whole process at ${total.toLocaleString('en')} connections | ${(all.heapUsed / 2 ** 20).toFixed(0)} MB | ${(all.rss / 2 ** 20).toFixed(0)} MB |`,
    ];
  } finally {
    clients.send({ type: 'exit' });
    await server.stop();
  }
}

async function liveSection(): Promise<string[]> {
  const lines = [
    `### Live rooms at 3 clients × 1 update/s, one process`,
    '',
    `Each step is a fresh server with that many rooms of 3 stock clients each moving a block once a second; fan-out latency over 10 s after 3 s of warm-up. The steps stop once p99 passes ${P99_LIMIT_MS} ms.`,
    '',
    '| rooms | clients | updates/s | p50 | p99 | delivered |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  let held = 0;
  for (const roomCount of LIVE_STEPS) {
    const server = await startServer('archboard');
    let result: LoadResult;
    try {
      result = await runLoad(
        [server],
        { rooms: roomCount, clientsPerRoom: 3, updatesPerSecond: 1 },
        { warmupMs: 3_000, measureMs: 10_000 },
      );
    } finally {
      await server.stop();
    }
    console.log(
      `  live ${roomCount} rooms: p50 ${ms(result.p50)} ms, p99 ${ms(result.p99)} ms, delivery ${result.delivery.toFixed(3)}`,
    );
    lines.push(
      `| ${roomCount} | ${roomCount * 3} | ${roomCount * 3} | ${ms(result.p50)} ms | ${ms(result.p99)} ms | ${result.delivery.toFixed(3)} |`,
    );
    if (result.p99 >= P99_LIMIT_MS || result.delivery < 0.99) break;
    held = roomCount;
  }
  lines.push(
    '',
    held > 0
      ? `Held with p99 under ${P99_LIMIT_MS} ms: ${held} live rooms (the largest step that passed). The load process runs the stock clients on the same 2 cores, so the figure is a floor for a server with the machine to itself.`
      : `No step held p99 under ${P99_LIMIT_MS} ms on this machine at the time of the run.`,
  );
  return lines;
}

async function run(): Promise<string> {
  const loadAtStart = loadavg()[0]!;
  const idle = await idleSection();
  const live = await liveSection();
  return [
    '## Capacity of one process',
    '',
    `Load average when the run started: ${loadAtStart.toFixed(1)} on 2 cores (other jobs share the machine).`,
    '',
    ...idle,
    '',
    ...live,
  ].join('\n');
}

export default { title: 'Capacity of one process: idle connections and live rooms', run };
