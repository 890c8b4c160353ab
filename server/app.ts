/**
 * The Archboard server: one port, one process. Static files of the built app,
 * the REST API, /health, /metrics, and y-websocket sync on /sync. Tests start
 * it in-process with `createArchboardServer({ dataDir, port: 0 })`;
 * server/main.ts is the command-line entry.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { join, resolve } from 'node:path';
import { handleApi } from './http/api';
import { HttpError, sendError, sendJson, sendText } from './http/responses';
import { CreationGuard } from './http/creation-guard';
import { securityHeaders } from './http/security-headers';
import { StaticFiles } from './http/static-files';
import { ClusterPeers } from './cluster/cluster-peers';
import { createLogger, type Logger } from './logger';
import { createMetrics, type ServerMetrics } from './metrics';
import { loadOrCreateSecret, MIN_SECRET_CHARS } from './server-secret';
import { DEFAULT_SERVER_LIMITS, type ServerLimits } from './server-limits';
import { HTTP_ERROR_LINGER_MS } from '../src/limits';
import { repairCommand } from './storage/level-health';
import { type FsyncMode } from './storage/write-ahead-log';
import { LevelStorage } from './storage/level-storage';
import { PgStorage } from './storage/pg-storage';
import { BoardDamagedError, type BoardStorage } from './storage/storage';
import { RoomRegistry } from './sync/room-registry';
import { SyncEndpoint } from './sync/sync-endpoint';
import { TemplateLibrary } from './templates';

const repoRoot = resolve(import.meta.dirname, '..');

/** How to run a server; every field has a production default. */
export interface ArchboardServerOptions {
  /** 8787 by default; 0 picks a free port. */
  port?: number;
  /** 0.0.0.0 by default. */
  host?: string;
  /** Where LevelDB, the write-ahead log and the generated secret live; ./data by default. */
  dataDir?: string;
  /** Signs capability tokens; by default read from (or generated into) `<dataDir>/secret`. */
  secret?: string;
  /** A store to use instead of LevelDB in dataDir (tests, benchmarks); the server closes it on close(). */
  storage?: BoardStorage;
  /** The built app; `<repo>/dist` by default. */
  staticDir?: string;
  /** The template boards; `<repo>/templates` by default. */
  templatesDir?: string;
  logger?: Logger;
  /** pino level when no logger is given; `info` by default. */
  logLevel?: string;
  /** Overrides of single limits (tests shorten the unload grace, for instance). */
  limits?: Partial<ServerLimits>;
  /** Origins allowed to frame the app (ARCHBOARD_FRAME_ANCESTORS); no one by default. */
  frameAncestors?: readonly string[];
  /** Serve the build's source maps (ARCHBOARD_SOURCE_MAPS=1); off by default: they hold the full source. */
  serveSourceMaps?: boolean;
  /** When set, creating a board requires this token (ARCHBOARD_CREATE_TOKEN). */
  createToken?: string;
  /** When the embedded store's updates reach the disk itself (ARCHBOARD_FSYNC); `off` by default. */
  fsync?: FsyncMode;
  /** Read client addresses from X-Forwarded-For (ARCHBOARD_TRUST_PROXY=1, behind a reverse proxy). */
  trustProxy?: boolean;
  /**
   * Shared mode: boards in PostgreSQL, cross-process fan-out on Redis, so any
   * number of processes serve the same boards. Needs `secret` (every process
   * must sign tokens alike); `storage` and `dataDir` are then not used.
   */
  shared?: { redisUrl: string; databaseUrl: string };
}

/** A running server. */
export interface ArchboardServer {
  /** `http://localhost:<port>` (or the host it was bound to, when that is a specific address). */
  url: string;
  port: number;
  /**
   * Drains: stops accepting (and /ready answers 503), closes sockets with 1001
   * so clients reconnect elsewhere, finishes and flushes storage writes. Safe to call twice.
   */
  close(): Promise<void>;
  /** For tests and tools: the loaded rooms, the metrics and the storage. */
  rooms: RoomRegistry;
  metrics: ServerMetrics;
  storage: BoardStorage;
  /** The HTTP server itself (tests count its sockets). */
  httpServer: Server;
  /** Problems found at start that did not stop it (damaged boards), one sentence each with its fix. */
  warnings: string[];
}

/** Starts a server and resolves once it listens. */
export async function createArchboardServer(options: ArchboardServerOptions = {}): Promise<ArchboardServer> {
  const logger = options.logger ?? createLogger(options.logLevel ?? 'info');
  const limits: ServerLimits = { ...DEFAULT_SERVER_LIMITS, ...options.limits };
  const dataDir = resolve(options.dataDir ?? 'data');
  if (options.shared && !options.secret)
    throw new Error('Shared mode needs ARCHBOARD_SECRET: every process must sign and check links with the same secret');
  const secret = options.secret ?? loadOrCreateSecret(dataDir);
  if (secret.length < MIN_SECRET_CHARS)
    logger.warn({
      event: 'secret.short',
      message: `ARCHBOARD_SECRET is shorter than ${MIN_SECRET_CHARS} characters; tokens are easier to guess`,
    });
  const metrics = createMetrics();
  let peers: ClusterPeers | undefined;
  const storage = options.shared
    ? await openSharedStorage(options.shared, metrics, logger, (connected) => (peers = connected))
    : (options.storage ??
      (await LevelStorage.open(dataDir, {
        fsync: options.fsync ?? 'off',
        onBackgroundError: (err) => {
          metrics.storageErrors.inc();
          logger.error({ event: 'storage.error', operation: 'fold', err: (err as Error).message });
        },
      })));
  const warnings: string[] = [];
  if (storage instanceof LevelStorage) {
    if (storage.recovery.segments > 0) logger.info({ event: 'storage.recovered', ...storage.recovery });
    const { damaged, documents, unreadableBlocks } = storage.integrity;
    if (damaged.size > 0 || unreadableBlocks !== undefined) {
      const list = [...damaged].map(([docKey, what]) => `${docKey} (${what.slice(0, what.indexOf(':'))})`);
      const warning =
        `Storage in ${dataDir} is damaged: ${list.length} of ${documents.size} documents have damaged records` +
        `${list.length > 0 ? `: ${list.slice(0, 10).join(', ')}${list.length > 10 ? ', ...' : ''}` : ''}` +
        `${unreadableBlocks ? `; LevelDB cannot read some blocks (${unreadableBlocks}), and boards wholly in them are unknown here` : ''}. ` +
        `A board whose updates are damaged refuses to load (close code 4510), one whose history is still loads; ` +
        `the others are served. To recover what is readable, ${repairCommand(dataDir)}.`;
      warnings.push(warning);
      metrics.storageErrors.inc();
      logger.error({
        event: 'storage.damaged',
        documents: Object.fromEntries(damaged),
        unreadableBlocks,
        message: warning,
      });
    }
  }

  const templates = new TemplateLibrary(resolve(options.templatesDir ?? join(repoRoot, 'templates')), logger);
  const staticFiles = new StaticFiles(resolve(options.staticDir ?? join(repoRoot, 'dist')), {
    headers: securityHeaders({ frameAncestors: options.frameAncestors ?? [] }),
    serveSourceMaps: options.serveSourceMaps ?? false,
  });
  const creationGuard = new CreationGuard(
    {
      ratePerMinute: limits.boardCreateRatePerMinute,
      burst: limits.boardCreateBurst,
      addressesTracked: limits.boardCreateAddressesTracked,
    },
    options.createToken,
    options.trustProxy ?? false,
    peers,
  );
  const rooms = new RoomRegistry({ storage, metrics, logger, limits, peers });
  const sync = new SyncEndpoint({ secret, rooms, metrics, logger, limits });
  const startedAt = Date.now();
  let draining = false;

  /** Why this process should not be given traffic now; empty when it is ready. */
  async function notReadyReasons(): Promise<string[]> {
    const reasons: string[] = [];
    if (draining) reasons.push('draining');
    const checks: Array<[string, (() => Promise<void>) | undefined]> = [
      ['storage', storage instanceof PgStorage ? () => storage.ping() : undefined],
      ['redis', peers ? () => peers!.ping() : undefined],
    ];
    await Promise.all(
      checks.map(async ([name, check]) => {
        if (!check) return;
        try {
          await Promise.race([
            check(),
            new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), READY_CHECK_TIMEOUT_MS).unref()),
          ]);
        } catch {
          reasons.push(`${name} unreachable`);
        }
      }),
    );
    return reasons;
  }

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const pathname = pathnameOf(req);
    let route = 'static';
    try {
      if (pathname === '/health') {
        route = '/health';
        sendJson(res, 200, {
          status: 'ok',
          uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
          rooms: rooms.size,
          connections: sync.connectionCount,
        });
      } else if (pathname === '/ready') {
        route = '/ready';
        const reasons = await notReadyReasons();
        sendJson(res, reasons.length === 0 ? 200 : 503, {
          status: reasons.length === 0 ? 'ready' : 'not ready',
          reasons,
        });
      } else if (pathname === '/metrics') {
        route = '/metrics';
        sendText(res, 200, await metrics.registry.metrics(), { 'Content-Type': metrics.registry.contentType });
      } else if (pathname === '/api' || pathname.startsWith('/api/')) {
        route = 'api';
        route = await handleApi(req, res, pathname, {
          secret,
          storage,
          templates,
          logger,
          maxBodyBytes: limits.maxHttpBodyBytes,
          creationGuard,
          rooms,
        });
      } else if (SyncEndpoint.handles(pathname)) {
        route = '/sync';
        sendText(res, 426, 'This path speaks WebSocket (y-websocket protocol)', { Upgrade: 'websocket' });
      } else if (req.method === 'GET' || req.method === 'HEAD') {
        await staticFiles.serve(req, res, pathname);
      } else {
        sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
      }
    } catch (err) {
      if (err instanceof HttpError) {
        sendError(res, err.status, err.message, err.headers);
      } else if (err instanceof BoardDamagedError) {
        logger.error({ event: 'storage.board_damaged', route, err: err.message });
        sendError(res, 500, "The board's stored records are damaged; the server's operator must run archboard repair");
      } else {
        logger.error({ event: 'http.error', route, err: (err as Error).message });
        if (!res.headersSent) sendError(res, 500, 'Internal server error');
        else res.destroy();
      }
    }
    // Route names only: a raw URL can carry a token.
    const seconds = (performance.now() - started) / 1000;
    metrics.httpRequests.labels(route, String(res.statusCode)).inc();
    metrics.httpSeconds.labels(route).observe(seconds);
    logger.info({
      event: 'http.request',
      method: req.method,
      route,
      status: res.statusCode,
      ms: Math.round(seconds * 1000),
    });
  }

  const httpServer = createServer(
    {
      headersTimeout: limits.httpHeadersTimeoutMs,
      requestTimeout: limits.httpRequestTimeoutMs,
      keepAliveTimeout: limits.httpKeepAliveTimeoutMs,
      connectionsCheckingInterval: limits.httpTimeoutCheckIntervalMs,
    },
    (req, res) => void handleRequest(req, res),
  );
  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (SyncEndpoint.handles(pathnameOf(req))) return sync.handleUpgrade(req, socket, head);
    metrics.upgradesRefused.labels('404').inc();
    socket.on('error', () => {});
    socket.once('finish', () => socket.destroy());
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  httpServer.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // Answered, then destroyed: end() alone leaves the socket open for as long as the client does not read.
    const timer = setTimeout(() => socket.destroy(), HTTP_ERROR_LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    socket.on('error', () => {});
    if (!socket.writable) return socket.destroy();
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
  });

  try {
    await new Promise<void>((resolveListen, rejectListen) => {
      httpServer.once('error', rejectListen);
      httpServer.listen(options.port ?? 8787, options.host ?? '0.0.0.0', () => {
        httpServer.off('error', rejectListen);
        resolveListen();
      });
    });
  } catch (err) {
    await rooms.close();
    await storage.close();
    await peers?.close();
    throw err;
  }
  const { port, address } = httpServer.address() as AddressInfo;
  const anyAddress = address === '0.0.0.0' || address === '::';
  const url = `http://${anyAddress ? 'localhost' : address.includes(':') ? `[${address}]` : address}:${port}`;
  logger.info({ event: 'server.listening', port, host: address });

  let closing: Promise<void> | undefined;
  async function close(): Promise<void> {
    draining = true;
    logger.info({ event: 'server.draining', connections: sync.connectionCount });
    const serverClosed = new Promise<void>((resolveClose) => httpServer.close(() => resolveClose()));
    await sync.close();
    await rooms.close();
    try {
      // Finishes the writes under way; in shared mode their commits are still published to the peers.
      await storage.close();
    } catch (err) {
      metrics.storageErrors.inc();
      logger.error({ event: 'storage.error', operation: 'close', err: (err as Error).message });
    }
    await peers?.close();
    httpServer.closeAllConnections();
    await serverClosed;
    logger.info({ event: 'server.closed' });
  }

  return {
    url,
    port,
    close: () => (closing ??= close()),
    rooms,
    metrics,
    storage,
    httpServer,
    warnings,
  };
}

/** How long /ready waits for PostgreSQL or Redis to answer. */
const READY_CHECK_TIMEOUT_MS = 2_000;

/** PostgreSQL for the boards and Redis for the peers, wired so every commit is published. */
async function openSharedStorage(
  shared: { redisUrl: string; databaseUrl: string },
  metrics: ServerMetrics,
  logger: Logger,
  connected: (peers: ClusterPeers) => void,
): Promise<PgStorage> {
  let peers: ClusterPeers | undefined;
  const storage = await PgStorage.open(shared.databaseUrl, {
    onCommitted: (committed) => peers?.committed(committed),
    onQuery: (operation, seconds, error) => {
      metrics.postgresSeconds.labels(operation).observe(seconds);
      if (error !== undefined) {
        metrics.postgresErrors.labels(operation).inc();
        logger.warn({ event: 'postgres.error', operation, err: (error as Error).message });
      }
    },
    onPoolError: (err) => {
      metrics.postgresErrors.labels('connection').inc();
      logger.warn({ event: 'postgres.error', operation: 'connection', err: (err as Error).message });
    },
  });
  try {
    peers = await ClusterPeers.connect(shared.redisUrl, { storage, metrics, logger });
  } catch (err) {
    await storage.close();
    throw err;
  }
  connected(peers);
  logger.info({ event: 'server.shared_mode', process: peers.processId });
  return storage;
}

function pathnameOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
