/**
 * Debian's redis-server, PostgreSQL and nginx started by a test itself, on
 * free loopback ports in temporary folders, and stopped by it. PostgreSQL
 * refuses to run as root, so as root its cluster is owned by and run as the
 * `postgres` user the package creates.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** A free TCP port on 127.0.0.1 (free when asked; the caller binds it soon after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const isRoot = userInfo().uid === 0;

/** PostgreSQL's server binaries: Debian keeps one folder per major version; the newest wins. */
function findPostgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => `${root}/${v}/bin`).find((bin) => existsSync(`${bin}/initdb`)) ?? null;
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Polls until `probe` resolves true or the time is up. */
async function until(
  probe: () => Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
  gaveUp: () => string | null = () => null,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    const reason = gaveUp();
    if (reason) throw new Error(reason);
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A running PostgreSQL cluster. */
export interface PostgresService {
  url: string;
  port: number;
  /** Stops the server (fast shutdown); `start()` brings it back on the same port and data. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its data. */
  dispose(): Promise<void>;
}

function runAsPostgres(command: string[], options: { detached?: boolean } = {}) {
  const [file, ...args] = isRoot ? ['runuser', '-u', 'postgres', '--', ...command] : command;
  return spawnSync(file!, args, { encoding: 'utf8', ...options });
}

/** initdb in a temporary folder, then pg_ctl start on a free port, with database `archboard`. */
export async function startPostgres(): Promise<PostgresService> {
  const bin = findPostgresBin();
  if (!bin)
    throw new Error('PostgreSQL is not installed (npm test installs it as root: scripts/ensure-system-packages.mjs)');
  const dir = mkdtempSync(join(tmpdir(), 'archboard-pg-'));
  const dataDir = join(dir, 'data');
  if (isRoot) {
    const { uid, gid } = postgresIds();
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const init = runAsPostgres([
    `${bin}/initdb`,
    '-D',
    dataDir,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort();
  const pgctl = (...args: string[]) => runAsPostgres([`${bin}/pg_ctl`, '-D', dataDir, ...args]);
  const start = async () => {
    const started = pgctl(
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
      'start',
    );
    if (started.status !== 0) throw new Error(`pg_ctl start failed: ${started.stderr}${started.stdout}`);
  };
  const stop = async () => {
    pgctl('-m', 'fast', '-w', 'stop');
  };
  await start();
  const psql = runAsPostgres([
    `${bin}/psql`,
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-U',
    'postgres',
    '-c',
    'CREATE DATABASE archboard',
  ]);
  if (psql.status !== 0) {
    await stop();
    throw new Error(`creating the database failed: ${psql.stderr}`);
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/archboard`,
    port,
    stop,
    start,
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  if (!Number.isInteger(uid)) throw new Error('There is no `postgres` user (the postgresql package creates it)');
  return { uid, gid: id('-g') };
}

/** A running redis-server. */
export interface RedisService {
  url: string;
  port: number;
  /** Kills it (SIGKILL: its in-memory state is gone, as after a crash); `start()` brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/** redis-server without persistence on a free port. */
export async function startRedis(): Promise<RedisService> {
  const dir = mkdtempSync(join(tmpdir(), 'archboard-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      '/usr/bin/redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: 'ignore' },
    );
    await until(async () => {
      const ping = spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' });
      return ping.stdout.trim() === 'PONG';
    }, 'redis-server');
  };
  const stop = async () => {
    if (!child) return;
    child.kill('SIGKILL');
    await waitForExit(child);
    child = undefined;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A running nginx. */
export interface NginxService {
  url: string;
  port: number;
  dispose(): Promise<void>;
}

/** nginx with `config` (an nginx.conf text whose `listen` and upstream ports the caller filled in), in the foreground. */
export async function startNginx(config: string, port: number): Promise<NginxService> {
  const dir = mkdtempSync(join(tmpdir(), 'archboard-nginx-'));
  const confPath = join(dir, 'nginx.conf');
  writeFileSync(confPath, config);
  mkdirSync(join(dir, 'tmp'));
  mkdirSync(join(dir, 'logs'));
  const child = spawn(
    '/usr/sbin/nginx',
    ['-p', dir, '-c', confPath, '-g', `daemon off; pid ${join(dir, 'nginx.pid')};`],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  await until(
    async () => {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      return res.status === 200 || res.status === 502;
    },
    'nginx',
    20_000,
    () => (child.exitCode !== null ? `nginx exited: ${stderr}` : null),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dispose: async () => {
      child.kill('SIGTERM');
      await waitForExit(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
