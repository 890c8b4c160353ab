/**
 * Seeded fuzz convergence through one real server (tests/helpers/fuzz-run.ts
 * says what a run does; the cluster suite runs the same across processes).
 * A short unload grace makes rooms unload and reload mid-run when every
 * client happens to be away. A seed that ever fails goes into PINNED_SEEDS
 * with a name saying what it caught.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import { createBoard, type CreatedBoard, type SyncClient } from '../helpers/sync-clients';
import { runFuzz } from '../helpers/fuzz-run';
import { startTestServer, type TestServer } from '../helpers/test-server';

const SEEDS = [1, 2, 3, 7, 42, 1337];
/** Seeds that once failed, by what they caught. None has yet. */
const PINNED_SEEDS: Array<{ name: string; seed: number }> = [];

describe('fuzz convergence through the server', () => {
  let server: TestServer;
  let board: CreatedBoard;
  const clients: SyncClient[] = [];

  beforeEach(async () => {
    // A short grace, so rooms unload and reload mid-run when every client is away.
    server = await startTestServer({ limits: { roomUnloadGraceMs: 20 } });
    board = await createBoard(server.url);
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.stop();
  });

  for (const seed of SEEDS)
    it(`converges for seed ${seed}`, () => runFuzz({ seed, board, urlFor: () => server.url, clients }), 60_000);
  for (const { name, seed } of PINNED_SEEDS)
    it(`regression: ${name} (seed ${seed})`, () => runFuzz({ seed, board, urlFor: () => server.url, clients }), 60_000);
});
