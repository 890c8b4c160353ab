/**
 * The BoardStorage contract against PostgreSQL (a temporary cluster this file
 * starts), and what only a shared store must do: number a document's updates
 * without gaps across two stores, keep another store's appends through a
 * compaction, and ride out a PostgreSQL restart.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PgStorage, type CommittedUpdates } from '../../server/storage/pg-storage';
import { runStorageContract } from '../../server/storage/storage-contract';
import { startPostgres, type PostgresService } from '../helpers/services';

let postgres: PostgresService;
const serverWrite = () => ({ t: Date.now(), by: null });
let databases = 0;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  await postgres?.dispose();
});

/** A fresh database on the cluster; returns its URL and a function that drops it. */
async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `contract_${process.pid}_${++databases}`;
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: postgres.url.replace(/\/archboard$/, `/${name}`),
    drop: async () => {
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

runStorageContract('PgStorage (PostgreSQL)', async () => {
  const database = await freshDatabase();
  return { open: () => PgStorage.open(database.url), dispose: () => database.drop() };
});

function updatesOf(edit: (doc: Y.Doc) => void, doc = new Y.Doc()): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const record = (update: Uint8Array) => updates.push(update);
  doc.on('update', record);
  edit(doc);
  doc.off('update', record);
  return updates;
}

const setKeys = (prefix: string, count: number) => (doc: Y.Doc) => {
  for (let i = 0; i < count; i++) doc.getMap('blocks').set(`${prefix}${i}`, i);
};

describe('PgStorage as the store several processes share', () => {
  it('numbers one document’s updates 1, 2, 3, ... across two stores appending at once', async () => {
    const database = await freshDatabase();
    const committed: CommittedUpdates[] = [];
    const first = await PgStorage.open(database.url, { onCommitted: (c) => committed.push(c) });
    const second = await PgStorage.open(database.url, { onCommitted: (c) => committed.push(c) });
    try {
      const a = updatesOf(setKeys('a', 40));
      const b = updatesOf(setKeys('b', 40));
      await Promise.all([
        ...a.map((u) => first.append('shared', u, serverWrite())),
        ...b.map((u) => second.append('shared', u, serverWrite())),
      ]);
      const seqs = committed.flatMap((c) => c.updates.map((_, i) => c.firstSeq + i)).sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
      // Group commit: fewer statements than updates.
      expect(committed.length).toBeLessThan(80);
      const { updates, seq } = await first.loadSince('shared', 70);
      expect(seq).toBe(80);
      expect(updates).toHaveLength(10);
    } finally {
      await first.close();
      await second.close();
      await database.drop();
    }
  });

  it('commits one board’s appends in order while a slow statement holds up only its own board', async () => {
    const database = await freshDatabase();
    const committed: CommittedUpdates[] = [];
    const storage = await PgStorage.open(database.url, { onCommitted: (c) => committed.push(c) });
    // Another session holds the slow board's row, as a long statement of another process would.
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      const doc = new Y.Doc();
      const [first, second, third] = updatesOf(setKeys('slow', 3), doc);
      await storage.append('slow', first!, serverWrite());
      await holder.query('BEGIN');
      await holder.query("SELECT seq FROM archboard_documents WHERE doc_key = 'slow' FOR UPDATE");
      let slowDone = 0;
      const pause = () => new Promise((resolve) => setTimeout(resolve, 50));
      const slow = [storage.append('slow', second!, serverWrite()).then(() => slowDone++)];
      await pause();
      // Its statement is in flight, waiting for the row: this one waits for it, so cannot take the row first.
      slow.push(storage.append('slow', third!, serverWrite()).then(() => slowDone++));
      await pause();
      const otherStored = await Promise.race([
        storage.append('other', updatesOf(setKeys('other', 1))[0]!, serverWrite()).then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000)),
      ]);
      expect(otherStored, 'another board’s append waited for the slow statement').toBe(true);
      expect(slowDone).toBe(0);
      await holder.query('COMMIT');
      await Promise.all(slow);
      const slowCommits = committed.filter((c) => c.docKey === 'slow');
      expect(slowCommits.map((c) => [c.firstSeq, c.updates.length])).toEqual([
        [1, 1],
        [2, 1],
        [3, 1],
      ]);
      expect(slowCommits.map((c) => c.updates[0])).toEqual([first, second, third]);
      expect(await storage.loadUpdates('slow')).toEqual([first, second, third]);
    } finally {
      await holder.end();
      await storage.close();
      await database.drop();
    }
  });

  it('keeps another store’s appends when one compacts', async () => {
    const database = await freshDatabase();
    const first = await PgStorage.open(database.url);
    const second = await PgStorage.open(database.url);
    try {
      const doc = new Y.Doc();
      for (const u of updatesOf(setKeys('mine', 10), doc)) await first.append('board', u, serverWrite());
      // Appended by another process: not in `doc`, the state the first one compacts with.
      for (const u of updatesOf(setKeys('theirs', 5))) await second.append('board', u, serverWrite());
      await first.compact('board', Y.encodeStateAsUpdate(doc));
      const loaded = await second.loadUpdates('board');
      expect(loaded).toHaveLength(1);
      const rebuilt = new Y.Doc();
      Y.applyUpdate(rebuilt, loaded[0]!);
      expect(Object.keys(rebuilt.getMap('blocks').toJSON()).sort()).toHaveLength(15);
      expect(second.takeLoadedSeq('board')).toBeGreaterThan(15);
    } finally {
      await first.close();
      await second.close();
      await database.drop();
    }
  });

  it('holds appends through a PostgreSQL restart and stores them once it is back', async () => {
    const database = await freshDatabase();
    const storage = await PgStorage.open(database.url, { appendRetryMs: 20_000 });
    try {
      const doc = new Y.Doc();
      const before = updatesOf(setKeys('before', 3), doc);
      for (const u of before) await storage.append('restarted', u, serverWrite());
      await postgres.stop();
      const during = updatesOf(setKeys('during', 3), doc);
      const writes = during.map((u) => storage.append('restarted', u, serverWrite()));
      await new Promise((resolve) => setTimeout(resolve, 300));
      await postgres.start();
      await Promise.all(writes);
      const rebuilt = new Y.Doc();
      for (const u of await storage.loadUpdates('restarted')) Y.applyUpdate(rebuilt, u);
      expect(rebuilt.getMap('blocks').toJSON()).toEqual(doc.getMap('blocks').toJSON());
    } finally {
      await storage.close();
      await database.drop();
    }
  }, 60_000);

  it('rejects an append it could not store once its retries are spent', async () => {
    const database = await freshDatabase();
    const storage = await PgStorage.open(database.url, { appendRetryMs: 300, onPoolError: () => {} });
    try {
      await postgres.stop();
      await expect(storage.append('lost', updatesOf(setKeys('x', 1))[0]!, serverWrite())).rejects.toThrow();
    } finally {
      await postgres.start();
      await storage.close();
      await database.drop();
    }
  }, 60_000);
});
