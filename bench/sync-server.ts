/**
 * A sync server in its own process for bench/sync.ts: `archboard` (ours, on
 * LevelDB with the write-ahead log, persisting every update),
 * `archboard-memory` (ours on MemoryStorage: what persisting costs) or
 * `reference` (@y/websocket-server 0.1.1's setupWSConnection, in memory, as
 * its own bin runs it), or `archboard-shared` (ours in shared mode, on the
 * PostgreSQL and Redis named by BENCH_DATABASE_URL and BENCH_REDIS_URL). Run with --expose-gc so memory readings follow a full collection.
 *
 * IPC: sends { type: 'ready', port }; answers { type: 'memory' } with
 * { heapUsed, rss } after gc, { type: 'cpu' } with process.cpuUsage(),
 * { type: 'loop-delay' } with event-loop delay percentiles in ms, and the
 * garbage collector's pauses (count, total and longest, in ms), since the
 * last { type: 'loop-delay-reset' }; exits on { type: 'stop' }.
 */
import { createServer } from 'node:http';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';

type Request =
  { type: 'memory' } | { type: 'cpu' } | { type: 'loop-delay-reset' } | { type: 'loop-delay' } | { type: 'stop' };

const kind = process.argv[2];
const gc = (globalThis as { gc?: () => void }).gc;

async function startArchboard(mode: 'leveldb' | 'memory' | 'shared'): Promise<{ port: number; stop(): Promise<void> }> {
  const inMemory = mode === 'memory';
  const { createArchboardServer } = await import('../server/app');
  const { MemoryStorage } = await import('../server/storage/memory-storage');
  const dataDir = await mkdtemp(join(tmpdir(), 'archboard-bench-'));
  const server = await createArchboardServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    logLevel: 'warn',
    secret: 'bench-secret-not-for-production',
    // Every room of a run is created from this one address, hundreds in a few seconds: past the
    // per-address creation limit that protects a public server.
    limits: { boardCreateBurst: 1_000_000, boardCreateRatePerMinute: 1_000_000 },
    ...(inMemory ? { storage: new MemoryStorage() } : {}),
    ...(mode === 'shared'
      ? { shared: { redisUrl: process.env.BENCH_REDIS_URL!, databaseUrl: process.env.BENCH_DATABASE_URL! } }
      : {}),
  });
  return {
    port: server.port,
    stop: async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function startReference(): Promise<{ port: number; stop(): Promise<void> }> {
  const { setupWSConnection } = await import('@y/websocket-server/utils');
  const wss = new WebSocketServer({ noServer: true });
  wss.on('connection', setupWSConnection);
  const server = createServer((_req, res) => res.end('okay'));
  server.on('upgrade', (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    stop: async () => {
      for (const ws of wss.clients) ws.terminate();
      server.close();
    },
  };
}

async function main(): Promise<void> {
  if (kind !== 'archboard' && kind !== 'archboard-memory' && kind !== 'archboard-shared' && kind !== 'reference')
    throw new Error('usage: sync-server.ts archboard|archboard-memory|archboard-shared|reference');
  const server =
    kind === 'reference'
      ? await startReference()
      : await startArchboard(
          kind === 'archboard-memory' ? 'memory' : kind === 'archboard-shared' ? 'shared' : 'leveldb',
        );
  // How long work waits for the event loop: the server's own share of latency, whatever the clients' load.
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  // Every pause stops the event loop, so at a light load they are much of the p99 of fan-out.
  let gcPauses: number[] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPauses.push(entry.duration);
  }).observe({ entryTypes: ['gc'] });
  process.on('message', (request: Request) => {
    if (request.type === 'memory') {
      gc?.();
      gc?.();
      const { heapUsed, rss } = process.memoryUsage();
      process.send!({ type: 'memory', heapUsed, rss });
    } else if (request.type === 'cpu') {
      process.send!({ type: 'cpu', ...process.cpuUsage() });
    } else if (request.type === 'loop-delay-reset') {
      loopDelay.reset();
      gcPauses = [];
      process.send!({ type: 'loop-delay-reset' });
    } else if (request.type === 'loop-delay') {
      process.send!({
        type: 'loop-delay',
        p50: loopDelay.percentile(50) / 1e6,
        p99: loopDelay.percentile(99) / 1e6,
        max: loopDelay.max / 1e6,
        gcCount: gcPauses.length,
        gcTotal: gcPauses.reduce((sum, pause) => sum + pause, 0),
        gcLongest: Math.max(0, ...gcPauses),
      });
    } else if (request.type === 'stop') {
      void server.stop().finally(() => process.exit(0));
    }
  });
  process.send!({ type: 'ready', port: server.port });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
