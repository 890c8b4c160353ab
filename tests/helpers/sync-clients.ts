/**
 * Real clients for server tests: the stock y-websocket WebsocketProvider with
 * `ws` as its WebSocket, and raw sockets for sending what no honest client
 * sends. BroadcastChannel is off, or providers in one process would sync
 * with each other behind the server's back.
 */
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

/** A board as POST /api/boards answers it, with the tokens cut out of the links. */
export interface CreatedBoard {
  id: string;
  links: { interviewer: string; candidate: string; observer: string };
  tokens: { interviewer: string; candidate: string; observer: string };
}

/** The token in a `/b/<id>#token=<token>` link. */
export function tokenOf(link: string): string {
  const token = /#token=([^&]+)$/.exec(link)?.[1];
  if (!token) throw new Error(`No token in ${link}`);
  return token;
}

/** Parses a page link `/b/<id>#token=<t>` (absolute or not). */
export function parseLink(link: string): { id: string; token: string } {
  const m = /\/b\/([^#/?]+)#token=(.+)$/.exec(link);
  if (!m) throw new Error(`not a board link: ${link}`);
  return { id: m[1]!, token: m[2]! };
}

/** Creates a board through the REST API. */
export async function createBoard(baseUrl: string, body?: object): Promise<CreatedBoard> {
  const res = await fetch(`${baseUrl}/api/boards`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST /api/boards answered ${res.status}: ${await res.text()}`);
  const created = (await res.json()) as Omit<CreatedBoard, 'tokens'>;
  const { interviewer, candidate, observer } = created.links;
  return {
    ...created,
    tokens: { interviewer: tokenOf(interviewer), candidate: tokenOf(candidate), observer: tokenOf(observer) },
  };
}

/** The y-websocket server URL of a server's base URL. */
export function syncUrl(baseUrl: string): string {
  return baseUrl.replace(/^http/, 'ws') + '/sync';
}

/** A stock client on one document. */
export interface SyncClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves on the first sync with the server. */
  synced: Promise<void>;
  destroy(): void;
}

/** Connects a stock WebsocketProvider to `room` (`<id>` or `<id>/private`). */
export function connectClient(baseUrl: string, room: string, token: string | undefined, doc = new Y.Doc()): SyncClient {
  const provider = new WebsocketProvider(syncUrl(baseUrl), room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: token === undefined ? {} : { token },
    disableBc: true,
    maxBackoffTime: 200,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', (isSynced: boolean) => isSynced && resolve());
  });
  return {
    doc,
    provider,
    synced,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/**
 * How an upgrade attempt ended: the socket opened, or the HTTP status that
 * refused it. `greeted` resolves on the first message: it is listened for from
 * the start, because a greeting in the same packet as the upgrade response is
 * emitted in the same tick as 'open', before a listener added after it.
 */
export async function tryUpgrade(
  url: string,
): Promise<{ opened: true; socket: WebSocket; greeted: Promise<void> } | { opened: false; status: number }> {
  const socket = new WebSocket(url);
  const greeted = new Promise<void>((resolve) => socket.once('message', () => resolve()));
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ opened: true, socket, greeted }));
    socket.once('unexpected-response', (_req, res) => {
      resolve({ opened: false, status: res.statusCode ?? 0 });
      socket.terminate();
    });
    socket.once('error', (err) => reject(err));
  });
}

/** Opens a raw socket (it must be accepted) and records its first message and how it was closed. */
export async function openRawSocket(url: string): Promise<{
  socket: WebSocket;
  greeted: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
}> {
  const attempt = await tryUpgrade(url);
  if (!attempt.opened) throw new Error(`Upgrade refused with ${attempt.status}`);
  const { socket, greeted } = attempt;
  socket.on('error', () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return { socket, greeted, closed };
}
