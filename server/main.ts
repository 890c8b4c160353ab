/**
 * `npm start`: runs the server from the environment.
 *   PORT (8787; 0 = any free port), HOST (0.0.0.0), DATA_DIR (./data),
 *   ARCHBOARD_SECRET (else generated once into DATA_DIR/secret), LOG_LEVEL (info),
 *   ROOM_UNLOAD_GRACE_MS (30000: how long an empty room stays loaded),
 *   ARCHBOARD_CREATE_TOKEN (creating boards needs it), ARCHBOARD_TRUST_PROXY=1
 *   (client addresses from X-Forwarded-For), ARCHBOARD_FRAME_ANCESTORS (origins
 *   that may frame the app), ARCHBOARD_SOURCE_MAPS=1 (serve source maps)
 *   ARCHBOARD_FSYNC=always|batch|off (off: when updates reach the disk itself; docs/deploy.md),
 *   ARCHBOARD_REDIS_URL + ARCHBOARD_DATABASE_URL (postgres://...): shared mode
 * Prints one human line with the URL to stderr (tests read it); stdout carries JSON logs only.
 * SIGTERM or SIGINT: drain (stop accepting, close sockets with 1001, finish writes), exit 0.
 */
import { FSYNC_MODES, type FsyncMode } from './storage/write-ahead-log';
import { createArchboardServer } from './app';
import { parseFrameAncestors } from './http/security-headers';
import { createLogger } from './logger';

const logger = createLogger(process.env.LOG_LEVEL || 'info');

async function main(): Promise<void> {
  const port = process.env.PORT === undefined || process.env.PORT === '' ? 8787 : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${process.env.PORT}"`);
  const shared = sharedModeFromEnvironment();
  const grace = process.env.ROOM_UNLOAD_GRACE_MS;
  const roomUnloadGraceMs = grace === undefined || grace === '' ? undefined : Number(grace);
  if (roomUnloadGraceMs !== undefined && !(Number.isInteger(roomUnloadGraceMs) && roomUnloadGraceMs >= 0))
    throw new Error(`ROOM_UNLOAD_GRACE_MS must be a whole number of milliseconds, not "${grace}"`);
  const fsync = process.env.ARCHBOARD_FSYNC || 'off';
  if (!FSYNC_MODES.includes(fsync as FsyncMode))
    throw new Error(`ARCHBOARD_FSYNC must be one of ${FSYNC_MODES.join(', ')}, not "${fsync}"`);
  const server = await createArchboardServer({
    shared,
    fsync: fsync as FsyncMode,
    port,
    host: process.env.HOST || '0.0.0.0',
    dataDir: process.env.DATA_DIR || 'data',
    secret: process.env.ARCHBOARD_SECRET || undefined,
    createToken: process.env.ARCHBOARD_CREATE_TOKEN || undefined,
    trustProxy: process.env.ARCHBOARD_TRUST_PROXY === '1',
    frameAncestors: parseFrameAncestors(process.env.ARCHBOARD_FRAME_ANCESTORS),
    serveSourceMaps: process.env.ARCHBOARD_SOURCE_MAPS === '1',
    logger,
    limits: roomUnloadGraceMs === undefined ? {} : { roomUnloadGraceMs },
  });
  for (const warning of server.warnings) console.error(`Archboard: ${warning}`);
  console.error(`Archboard is running at http://localhost:${server.port}${shared ? ' (shared mode)' : ''}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ event: 'server.forced_exit', signal });
      process.exit(1);
    }
    stopping = true;
    logger.info({ event: 'server.stopping', signal });
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ event: 'server.stop_failed', err: (err as Error).message });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** Both variables, or neither (embedded mode); one alone is a mistake worth stopping for. */
function sharedModeFromEnvironment(): { redisUrl: string; databaseUrl: string } | undefined {
  const redisUrl = process.env.ARCHBOARD_REDIS_URL || '';
  const databaseUrl = process.env.ARCHBOARD_DATABASE_URL || '';
  if (!redisUrl && !databaseUrl) return undefined;
  if (!redisUrl || !databaseUrl)
    throw new Error(
      'Shared mode needs both ARCHBOARD_REDIS_URL and ARCHBOARD_DATABASE_URL (or neither, for one process on LevelDB)',
    );
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('ARCHBOARD_DATABASE_URL must be a postgres:// URL');
  if (!/^rediss?:\/\//.test(redisUrl)) throw new Error('ARCHBOARD_REDIS_URL must be a redis:// URL');
  return { redisUrl, databaseUrl };
}

main().catch((err: unknown) => {
  logger.fatal({ event: 'server.start_failed', err: (err as Error).message });
  console.error(`Archboard could not start: ${(err as Error).message}`);
  process.exit(1);
});
