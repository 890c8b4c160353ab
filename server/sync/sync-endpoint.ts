/**
 * The WebSocket side of the server: `/sync/<id>` (the board document),
 * `/sync/<id>/private` (the interviewer's) and `/sync/<id>/control` (the
 * interviewer's settings, read by all), `?token=` required. Refusals
 * happen at the upgrade with an HTTP status (401 no valid token for the
 * board, 403 a board token whose role may not open the document, 404 no such
 * path, 503 shutting down); accepted sockets become Connections in rooms.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { WS_MAX_PAYLOAD_BYTES } from '../../src/limits';
import { CLOSE_GOING_AWAY, closeReason } from '../../src/protocol/close-codes';
import { isBoardId } from '../board-ids';
import { canOpen, roleOfToken, type DocumentKind } from '../capability-tokens';
import type { Logger } from '../logger';
import type { ServerMetrics } from '../metrics';
import type { ServerLimits } from '../server-limits';
import { Connection, type ConnectionTarget } from './connection';
import type { RoomRegistry } from './room-registry';

const SYNC_PATH = /^\/sync\/([^/]+)(?:\/(private|control))?\/?$/;
/** How long shutdown waits for clients to answer the 1001 close before cutting them off. */
const CLOSE_HANDSHAKE_WAIT_MS = 1_000;

/** What the endpoint needs from the server. */
export interface SyncEndpointServices {
  secret: string;
  rooms: RoomRegistry;
  metrics: ServerMetrics;
  logger: Logger;
  limits: ServerLimits;
}

/** Accepts y-websocket connections and keeps them alive. */
export class SyncEndpoint {
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: WS_MAX_PAYLOAD_BYTES,
    perMessageDeflate: false,
  });
  private readonly connections = new Set<Connection>();
  private readonly pingTimer: NodeJS.Timeout;
  private closing = false;

  constructor(private readonly services: SyncEndpointServices) {
    this.pingTimer = setInterval(() => this.pingAll(), services.limits.pingIntervalMs);
    this.pingTimer.unref();
  }

  /** Open connections. */
  get connectionCount(): number {
    return this.connections.size;
  }

  /** Whether a request path belongs to this endpoint. */
  static handles(pathname: string): boolean {
    return pathname === '/sync' || pathname.startsWith('/sync/');
  }

  /** The http server's 'upgrade' handler for /sync paths. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => {}); // a client vanishing mid-handshake is not our error
    if (this.closing) return this.refuse(socket, 503, 'Service Unavailable', 'The server is shutting down');
    const url = new URL(request.url ?? '/', 'http://localhost');
    const match = SYNC_PATH.exec(url.pathname);
    const boardId = match?.[1];
    if (!match || !isBoardId(boardId)) return this.refuse(socket, 404, 'Not Found', 'No such document');
    const kind = (match[2] ?? 'board') as DocumentKind;
    const role = roleOfToken(this.services.secret, boardId, url.searchParams.get('token'));
    if (!role) return this.refuse(socket, 401, 'Unauthorized', 'A valid token for this board is required', boardId);
    if (!canOpen(role, kind))
      return this.refuse(socket, 403, 'Forbidden', 'Only the interviewer may open this document', boardId);
    const target: ConnectionTarget = { boardId, docKey: kind === 'board' ? boardId : `${boardId}/${kind}`, kind, role };
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      if (this.closing) return ws.close(CLOSE_GOING_AWAY, closeReason(CLOSE_GOING_AWAY));
      const { metrics, limits, logger, rooms } = this.services;
      const conn = new Connection(ws, target, metrics, limits, logger);
      this.connections.add(conn);
      metrics.connections.set(this.connections.size);
      conn.log.info({ event: 'connection.open', role });
      conn.onClose(() => {
        this.connections.delete(conn);
        metrics.connections.set(this.connections.size);
      });
      rooms.join(conn);
    });
  }

  /** Shutdown: refuses new upgrades, closes every connection with 1001 and waits briefly for the handshakes. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.pingTimer);
    const closed = [...this.connections].map((conn) => new Promise<void>((resolve) => conn.onClose(resolve)));
    for (const conn of this.connections) conn.close(CLOSE_GOING_AWAY);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(closed),
      new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_HANDSHAKE_WAIT_MS))),
    ]);
    clearTimeout(timer);
    for (const conn of this.connections) conn.terminate();
    this.wss.close();
  }

  private pingAll(): void {
    for (const conn of this.connections) {
      if (!conn.alive) {
        conn.log.info({ event: 'connection.dead' });
        conn.terminate();
      } else {
        conn.ping();
      }
    }
  }

  private refuse(socket: Duplex, status: number, statusText: string, body: string, boardId?: string): void {
    this.services.metrics.upgradesRefused.labels(String(status)).inc();
    this.services.logger.info({ event: 'connection.refused', status, board: boardId });
    // Destroyed once the response is flushed, so the client reads the status rather than a reset.
    socket.once('finish', () => socket.destroy());
    socket.end(
      `HTTP/1.1 ${status} ${statusText}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
}
