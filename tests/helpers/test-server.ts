/** An in-process server on a free port with its own temporary data directory. */
import { createArchboardServer, type ArchboardServer, type ArchboardServerOptions } from '../../server/app';
import { makeTempDir, removeTempDir } from './temp-dir';

/** A running test server; `stop()` closes it and removes its data. */
export interface TestServer extends ArchboardServer {
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts a server on 127.0.0.1 with a temporary DATA_DIR; logs are silent unless LOG_LEVEL is set. */
export async function startTestServer(options: ArchboardServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await makeTempDir());
  const server = await createArchboardServer({
    port: 0,
    host: '127.0.0.1',
    logLevel: process.env.LOG_LEVEL ?? 'silent',
    ...options,
    dataDir,
  });
  return {
    ...server,
    dataDir,
    stop: async () => {
      await server.close();
      if (!options.dataDir) await removeTempDir(dataDir);
    },
  };
}
