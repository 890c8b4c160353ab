/**
 * The setup server tests of the sync endpoint share: one in-process server for
 * the file (rooms unload 50 ms after the last client leaves), and stock
 * y-websocket clients opened with `suite.connect()`, destroyed after each test.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { connectClient, type SyncClient } from './sync-clients';
import { startTestServer, type TestServer } from './test-server';

export interface SyncServerSuite {
  readonly server: TestServer;
  /** A stock client on `room` with `token`, synced, destroyed after the test. */
  readonly connect: (room: string, token: string) => Promise<SyncClient>;
}

/** Registers the hooks; read `server` inside tests. */
export function useSyncServer(): SyncServerSuite {
  let server: TestServer | undefined;
  const clients: SyncClient[] = [];
  beforeAll(async () => {
    server = await startTestServer({ limits: { roomUnloadGraceMs: 50 } });
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await server?.stop();
  });
  const suite: SyncServerSuite = {
    get server() {
      if (!server) throw new Error('the server starts in beforeAll');
      return server;
    },
    connect: async (room, token) => {
      const client = connectClient(suite.server.url, room, token);
      clients.push(client);
      await client.synced;
      return client;
    },
  };
  return suite;
}
