/**
 * What the fan-out benchmarks share (bench/sync.ts, bench/cluster.ts,
 * bench/capacity.ts): server processes (bench/sync-server.ts) started and
 * stopped over IPC, the rooms of a run, and one run of the load
 * (bench/sync-clients.ts) against one server or several on the same rooms.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { LoadConfig, LoadResult } from './sync-clients';

export type ServerKind = 'archboard' | 'archboard-memory' | 'archboard-shared' | 'reference';
export type BenchRoom = { name: string; params: Record<string, string> };

/** A load: so many rooms of so many stock clients, each client writing so many updates a second. */
export interface Load {
  rooms: number;
  clientsPerRoom: number;
  updatesPerSecond: number;
}

/** How long a run warms up and then measures. */
export interface Timing {
  warmupMs: number;
  measureMs: number;
}

export interface ServerProcess {
  kind: ServerKind;
  port: number;
  child: ChildProcess;
  request<T>(message: object, answer: string): Promise<T>;
  stop(): Promise<void>;
}

const here = import.meta.dirname;

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

/** Starts a server process. BENCH_CPU_PROF=<dir> writes its CPU profile to <dir>/<kind>/ (node --cpu-prof). */
export async function startServer(kind: ServerKind, env: Record<string, string> = {}): Promise<ServerProcess> {
  const profileDir = process.env.BENCH_CPU_PROF;
  const child = fork(join(here, 'sync-server.ts'), [kind], {
    execArgv: [
      '--expose-gc',
      '--import',
      'tsx',
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, kind)}`] : []),
    ],
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
export async function roomsFor(
  server: ServerProcess,
  count: number,
): Promise<{ serverUrl: string; rooms: BenchRoom[] }> {
  const base = `http://127.0.0.1:${server.port}`;
  if (server.kind === 'reference') {
    return {
      serverUrl: base.replace('http', 'ws'),
      rooms: Array.from({ length: count }, (_, i) => ({ name: `room-${i}-${Date.now()}`, params: {} })),
    };
  }
  const rooms: BenchRoom[] = [];
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

/**
 * One run of `load` on servers already started: the rooms are created on the
 * first, and client c of each room connects to servers[c % servers.length].
 * `onPhase` hears the start ('measuring') and end ('measured') of the
 * measured window; the run ends once the promises it returned have settled.
 */
export async function runLoad(
  servers: readonly ServerProcess[],
  load: Load,
  timing: Timing,
  onPhase?: (phase: 'measuring' | 'measured') => Promise<unknown> | void,
): Promise<LoadResult> {
  const first = servers[0]!;
  const { serverUrl, rooms } = await roomsFor(first, load.rooms);
  const config: LoadConfig = {
    serverUrl,
    ...(servers.length > 1 && {
      serverUrls: servers.map((s) => serverUrl.replace(`:${first.port}/`, `:${s.port}/`)),
    }),
    rooms,
    clientsPerRoom: load.clientsPerRoom,
    updatesPerSecond: load.updatesPerSecond,
    warmupMs: timing.warmupMs,
    measureMs: timing.measureMs,
  };
  const clients = startClients();
  const readings: Array<Promise<unknown>> = [];
  clients.on('message', (message: { type: string; phase?: 'measuring' | 'measured' }) => {
    if (message.type === 'phase' && message.phase && onPhase) readings.push(Promise.resolve(onPhase(message.phase)));
  });
  const result = nextMessage<LoadResult>(clients, 'result');
  clients.send({ type: 'run', config });
  const measured = await result;
  await Promise.all(readings);
  return measured;
}

/** "50 rooms × 3 clients × 10/s" */
export const loadLabel = (load: Load) =>
  `${load.rooms} room${load.rooms > 1 ? 's' : ''} × ${load.clientsPerRoom} clients × ${load.updatesPerSecond}/s`;
/** "50x3x10/s", for the progress lines. */
export const loadTag = (load: Load) => `${load.rooms}x${load.clientsPerRoom}x${load.updatesPerSecond}/s`;
/** Milliseconds, two decimals below 10. */
export const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
/** A ratio to a reference, "1.05×". */
export const ratio = (value: number, reference: number) => `${(value / reference).toFixed(2)}×`;
