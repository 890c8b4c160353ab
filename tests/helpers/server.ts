/**
 * Runs the real server as a child process (`server/main.ts` under tsx) on a
 * free port with a temporary DATA_DIR, for tests and benchmarks that need a
 * separate process: crash tests, browser tests, load.
 *
 * The child is `node --import tsx server/main.ts`, not the `tsx` binary: that
 * binary runs the script in a grandchild, so a SIGKILL would hit the wrapper
 * and leave the real server running. Here `kill()` kills the server itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../..');
const LISTENING_LINE = /http:\/\/localhost:(\d+)/;
const START_TIMEOUT_MS = 60_000;

/** A server process. */
export interface ServerProcess {
  /** `http://localhost:<port>` */
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** SIGTERM, then waits for the exit; resolves with the exit code (0 after a clean shutdown). */
  stop(): Promise<number | null>;
  /** SIGKILL, then waits for the exit: a crash, storage gets no chance to flush. */
  kill(): Promise<void>;
}

/** Options of startServerProcess. */
export interface ServerProcessOptions {
  /** Reuse a data directory (a restart after a crash); a new temporary one by default. */
  dataDir?: string;
  /** Extra environment; LOG_LEVEL defaults to `warn` to keep test output short. */
  env?: Record<string, string>;
  /** A fixed port (a restart that open pages must reconnect to); a free one by default. */
  port?: number;
}

/** Starts the server and resolves once it prints its listening line; rejects with its stderr if it exits first. */
export async function startServerProcess({
  dataDir,
  env = {},
  port: fixedPort,
}: ServerProcessOptions = {}): Promise<ServerProcess> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'archboard-server-')));
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'server', 'main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(fixedPort ?? 0), DATA_DIR: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  // Both pipes are read for the child's whole life (a full pipe would block its logging);
  // only the start of stdout and the tail of stderr are kept, for error messages.
  let stdout = '';
  let stderr = '';
  let banner = '';

  const port = await new Promise<number>((resolvePort, rejectStart) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rejectStart(new Error(`The server did not start within ${START_TIMEOUT_MS} ms.\n${stderr}`));
    }, START_TIMEOUT_MS);
    let listening = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < 20_000) stdout += chunk;
    });
    // The banner is on stderr (stdout is JSON logs only).
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-20_000);
      if (listening) return;
      banner += chunk;
      const match = LISTENING_LINE.exec(banner);
      if (match) {
        listening = true;
        clearTimeout(timer);
        resolvePort(Number(match[1]));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      rejectStart(new Error(`The server exited with ${code} before listening.\n${stderr}${stdout}`));
    });
  });

  return {
    url: `http://localhost:${port}`,
    port,
    dataDir: dir,
    child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
