/**
 * The load of bench/sync.ts, in its own process so it does not slow the
 * server it measures: stock y-websocket providers, each moving its own block
 * `rate` times a second. A write stamps performance.now() into the block;
 * every other client of the room records, when the remote change arrives,
 * how long it took (one process, one clock). BroadcastChannel is off, so all
 * traffic goes through the server.
 *
 * IPC in: { type: 'run', config }. Out: { type: 'phase' } at the start and
 * end of the measured window, then { type: 'result', ... }, then exit.
 * Or in: { type: 'populate', ... }: loads rooms (optionally writing a small
 * board into each) and leaves, for the memory measurement.
 * Or in: { type: 'idle', ... }: opens plain sockets that only listen (idle
 * participants), answers { type: 'idle-open' } once each has heard from its
 * room, and keeps them until the process is told to { type: 'exit' }.
 */
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { ensureDocSkeleton } from '../src/doc/board-doc';

/** One run of the load. */
export interface LoadConfig {
  serverUrl: string;
  /** Several servers on the same rooms (shared mode): client c of each room uses serverUrls[c % length]. */
  serverUrls?: string[];
  /** Room names with their URL params (the token for our server). */
  rooms: Array<{ name: string; params: Record<string, string> }>;
  clientsPerRoom: number;
  updatesPerSecond: number;
  warmupMs: number;
  measureMs: number;
}

/** What the load measured. */
export interface LoadResult {
  type: 'result';
  samples: number;
  p50: number;
  p99: number;
  max: number;
  /** Remote updates seen / expected during the measured window (1 = nothing lost or late beyond the drain). */
  delivery: number;
  /** CPU time the client process used, as a share of one core, during the measured window. */
  clientCpu: number;
}

// Every stock provider adds a process 'exit' listener; hundreds of them are expected here.
process.setMaxListeners(0);

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

async function run(config: LoadConfig): Promise<LoadResult> {
  let recording = false;
  let sentWhileRecording = 0;
  const latencies: number[] = [];
  const clients: Array<{ doc: Y.Doc; provider: WebsocketProvider; block: Y.Map<unknown> }> = [];

  for (const room of config.rooms) {
    for (let c = 0; c < config.clientsPerRoom; c++) {
      const doc = new Y.Doc();
      const serverUrl = config.serverUrls ? config.serverUrls[c % config.serverUrls.length]! : config.serverUrl;
      const provider = new WebsocketProvider(serverUrl, room.name, doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        params: room.params,
        disableBc: true,
      });
      const blocks = doc.getMap<Y.Map<unknown>>('blocks');
      blocks.observeDeep((events, transaction) => {
        if (!recording || transaction.origin !== provider) return;
        const now = performance.now();
        for (const event of events) {
          if (
            event.target instanceof Y.Map &&
            event.target !== blocks &&
            (event as Y.YMapEvent<unknown>).keysChanged.has('sentAt')
          ) {
            latencies.push(now - (event.target.get('sentAt') as number));
          }
        }
      });
      clients.push({ doc, provider, block: new Y.Map() });
    }
  }
  await Promise.all(
    clients.map(
      ({ provider }) =>
        new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve()))),
    ),
  );
  // Each client's own block, created before the clock starts.
  clients.forEach((client, i) => {
    client.doc.getMap<Y.Map<unknown>>('blocks').set(`client-${i}`, client.block);
    client.block.set('kind', 'service');
  });
  await wait(500);

  const interval = 1000 / config.updatesPerSecond;
  const timers: NodeJS.Timeout[] = [];
  let x = 0;
  for (const client of clients) {
    // A random phase, so writes spread over the interval as people's would.
    const start = setTimeout(() => {
      const tick = () => {
        client.doc.transact(() => {
          client.block.set('x', x++);
          client.block.set('sentAt', performance.now());
        });
        if (recording) sentWhileRecording++;
      };
      timers.push(setInterval(tick, interval));
    }, Math.random() * interval);
    timers.push(start);
  }

  await wait(config.warmupMs);
  const cpuBefore = process.cpuUsage();
  const measuredFrom = performance.now();
  recording = true;
  process.send!({ type: 'phase', phase: 'measuring' });
  await wait(config.measureMs);
  for (const timer of timers) clearInterval(timer);
  process.send!({ type: 'phase', phase: 'measured' });
  const cpu = process.cpuUsage(cpuBefore);
  const elapsed = performance.now() - measuredFrom;
  // Let the last updates arrive before counting.
  await wait(1000);
  recording = false;
  for (const { provider, doc } of clients) {
    provider.destroy();
    doc.destroy();
  }

  const sorted = Float64Array.from(latencies).sort();
  return {
    type: 'result',
    samples: sorted.length,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? NaN,
    delivery: sorted.length / Math.max(1, sentWhileRecording * (config.clientsPerRoom - 1)),
    clientCpu: (cpu.user + cpu.system) / 1000 / elapsed,
  };
}

/** Rooms to load for the memory measurement. */
export interface PopulateConfig {
  serverUrl: string;
  rooms: Array<{ name: string; params: Record<string, string> }>;
  /** Write a small board (20 blocks, 19 links) into each room, or leave it a blank board (the doc skeleton). */
  smallBoard: boolean;
}

/** Connects to each room, writes the board if asked, and disconnects: the rooms stay loaded on the server. */
async function populate(config: PopulateConfig): Promise<{ type: 'populated' }> {
  const batch = 25;
  for (let i = 0; i < config.rooms.length; i += batch) {
    await Promise.all(
      config.rooms.slice(i, i + batch).map(async (room) => {
        const doc = new Y.Doc();
        const provider = new WebsocketProvider(config.serverUrl, room.name, doc, {
          WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
          params: room.params,
          disableBc: true,
        });
        await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
        // A blank board as the app has it: our server created the skeleton with the board, the reference gets it here.
        ensureDocSkeleton(doc);
        if (config.smallBoard) writeSmallBoard(doc);
        // Frames already queued reach the server before the close frame.
        provider.destroy();
        doc.destroy();
      }),
    );
  }
  return { type: 'populated' };
}

function writeSmallBoard(doc: Y.Doc): void {
  doc.transact(() => {
    const blocks = doc.getMap<Y.Map<unknown>>('blocks');
    const links = doc.getMap<Y.Map<unknown>>('links');
    for (let i = 0; i < 20; i++) {
      const block = new Y.Map<unknown>();
      for (const [key, value] of Object.entries({
        id: `b${i}`,
        kind: 'service',
        label: `Service ${i}`,
        x: i * 40,
        y: i * 30,
        replicas: 2,
      }))
        block.set(key, value);
      blocks.set(`b${i}`, block);
    }
    for (let i = 1; i < 20; i++) {
      const link = new Y.Map<unknown>();
      for (const [key, value] of Object.entries({ id: `l${i}`, from: `b${i - 1}`, to: `b${i}`, protocol: 'http' }))
        link.set(key, value);
      links.set(`l${i}`, link);
    }
  });
}

/** Idle connections to open: `perRoom` more sockets on each room. */
export interface IdleConfig {
  serverUrl: string;
  rooms: Array<{ name: string; params: Record<string, string> }>;
  perRoom: number;
}

const idleSockets: WebSocket[] = [];

/** Opens the sockets, a batch at a time, each done when its room has greeted it (sync step 1: the room is loaded). */
async function openIdle(config: IdleConfig): Promise<{ type: 'idle-open'; open: number }> {
  const targets = config.rooms.flatMap((room) => Array.from({ length: config.perRoom }, () => room));
  const batch = 200;
  for (let i = 0; i < targets.length; i += batch) {
    await Promise.all(
      targets.slice(i, i + batch).map(
        (room) =>
          new Promise<void>((resolve, reject) => {
            const query = new URLSearchParams(room.params).toString();
            const socket = new WebSocket(`${config.serverUrl}/${room.name}${query ? `?${query}` : ''}`);
            socket.once('message', () => resolve());
            socket.once('error', reject);
            socket.once('close', (code) => reject(new Error(`socket closed with ${code} before its room greeted it`)));
            idleSockets.push(socket);
          }),
      ),
    );
  }
  return { type: 'idle-open', open: idleSockets.length };
}

process.on(
  'message',
  (
    message:
      | { type: 'run'; config: LoadConfig }
      | { type: 'populate'; config: PopulateConfig }
      | { type: 'idle'; config: IdleConfig }
      | { type: 'exit' },
  ) => {
    if (message.type === 'exit') process.exit(0);
    if (message.type === 'idle') {
      openIdle(message.config).then(
        (result) => process.send!(result),
        (err) => {
          console.error(err);
          process.exit(1);
        },
      );
      return;
    }
    const work: Promise<object> = message.type === 'run' ? run(message.config) : populate(message.config);
    work.then(
      (result) => process.send!(result, () => process.exit(0)),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  },
);
