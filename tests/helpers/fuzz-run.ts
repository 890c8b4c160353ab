/**
 * One seeded fuzz run (after Yjs's applyRandomTests and tldraw's syncFuzz):
 * several stock clients make random block and link edits in the board-doc
 * layout while randomly disconnecting (and editing offline) and
 * reconnecting; an observer only watches; now and then everyone is away at
 * once (the room unloads when the server's grace is short). At the end every
 * document, and a latecomer's, must be identical. `urlFor` says which server
 * each client uses (one server, or the processes of a cluster).
 *
 * The seed fixes every choice (which client, which edit, when to disconnect);
 * the network's interleaving is real and varies from run to run.
 */
import { expect } from 'vitest';
import * as Y from 'yjs';
import type { BoardOp } from '../../src/board/ops';
import { applyOpsToDoc, blocksOf, docToBoard, linksOf } from '../../src/doc/board-doc';
import { connectClient, type CreatedBoard, type SyncClient } from './sync-clients';
import { seededRandom, type SeededRandom } from './seeded-random';
import { waitFor } from './wait-for';

const STEPS = 250;
const WRITERS = 3;
const BLOCK_IDS = Array.from({ length: 12 }, (_, i) => `b${i}`);
const LINK_IDS = Array.from({ length: 8 }, (_, i) => `l${i}`);
const KINDS = ['service', 'cache', 'sql-db', 'queue', 'load-balancer'];

/** A random edit that makes sense on this client's current document. */
function randomOp(doc: Y.Doc, random: SeededRandom): BoardOp {
  const blocks = [...blocksOf(doc).keys()];
  const links = [...linksOf(doc).keys()];
  const roll = random.int(10);
  if (roll < 3 || blocks.length < 2) {
    return {
      op: 'add-block',
      block: { id: random.pick(BLOCK_IDS), kind: random.pick(KINDS), x: random.int(1000), y: random.int(1000) },
    };
  }
  if (roll < 6) {
    const set = random.pick([
      { x: random.int(1000) },
      { y: random.int(1000) },
      { label: `L${random.int(100)}` },
      { replicas: 1 + random.int(5) },
      { label: undefined },
    ]);
    return { op: 'update-block', id: random.pick(blocks), set };
  }
  if (roll < 7) return { op: 'remove-block', id: random.pick(blocks) };
  if (roll < 8 || links.length === 0) {
    return {
      op: 'add-link',
      link: {
        id: random.pick(LINK_IDS),
        from: random.pick(blocks),
        to: random.pick(blocks),
        protocol: random.pick(['http', 'grpc', 'event']),
      },
    };
  }
  if (roll < 9) return { op: 'update-link', id: random.pick(links), set: { label: `edge ${random.int(50)}` } };
  return { op: 'remove-link', id: random.pick(links) };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fuzz run's board, where each client connects, and a list the caller destroys afterwards. */
export interface FuzzSetup {
  seed: number;
  board: CreatedBoard;
  /** The server base URL of client `index` (0..WRITERS-1 writers, WRITERS the observer, WRITERS+1 the latecomer). */
  urlFor: (index: number) => string;
  clients: SyncClient[];
  steps?: number;
}

/** Runs one seed and checks that everyone converged. */
export async function runFuzz({ seed, board, urlFor, clients, steps = STEPS }: FuzzSetup): Promise<void> {
  const random = seededRandom(seed);
  const tokens = [board.tokens.interviewer, board.tokens.candidate, board.tokens.interviewer];
  const writers = tokens.slice(0, WRITERS).map((token, i) => connectClient(urlFor(i), board.id, token));
  const observer = connectClient(urlFor(WRITERS), board.id, board.tokens.observer);
  const everyone = [...writers, observer];
  clients.push(...everyone);
  await Promise.all(everyone.map((c) => c.synced));

  for (let step = 0; step < steps; step++) {
    const roll = random.next();
    if (roll < 0.65) {
      const writer = random.pick(writers);
      const ops = Array.from({ length: 1 + random.int(3) }, () => randomOp(writer.doc, random));
      writer.doc.transact(() => applyOpsToDoc(writer.doc, ops), 'local');
    } else if (roll < 0.8) {
      const client = random.pick(everyone);
      if (client.provider.shouldConnect) client.provider.disconnect();
      else client.provider.connect();
    } else if (roll < 0.83) {
      // Everyone away past the grace period: the room unloads, compacts, and reloads on the next connect.
      for (const client of everyone) client.provider.disconnect();
      await pause(60);
    } else {
      await pause(random.int(15));
    }
  }

  for (const client of everyone) if (!client.provider.shouldConnect) client.provider.connect();
  const latecomer = connectClient(urlFor(WRITERS + 1), board.id, board.tokens.observer);
  clients.push(latecomer);
  const all = [...everyone, latecomer];
  const vector = (c: SyncClient) => Buffer.from(Y.encodeStateVector(c.doc)).toString('base64');
  await waitFor(
    () => all.every((c) => c.provider.synced) && new Set(all.map(vector)).size === 1,
    `seed ${seed}: every client at the same state vector`,
    30_000,
  );
  const expected = docToBoard(writers[0]!.doc);
  for (const client of all) {
    expect(client.doc.store.pendingStructs).toBeNull();
    expect(docToBoard(client.doc)).toEqual(expected);
  }
}
