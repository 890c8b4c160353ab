/**
 * The shared store: PostgreSQL (node-postgres), which every server process of
 * a shared deployment reads and writes. It keeps the BoardStorage contract of
 * LevelStorage, except that append() is durable when its promise resolves
 * (a network round trip), not when it returns.
 *
 *   archboard_documents (doc_key, seq)     the last sequence number of a document
 *   archboard_updates   (doc_key, seq, payload)  its updates, numbered 1, 2, 3, ...
 *   archboard_history   (doc_key, id, t, author_name, author_role, payload)
 *                       every appended update with its origin; compact() leaves
 *                       it alone, replaceHistory() rewrites what lies before a cut
 *
 * Sequence numbers order a document's updates across processes: an append
 * takes the next numbers under the document row's lock in the same statement
 * that inserts the updates, so they are gapless and commit in order. A process
 * that sees number n + 2 after n knows it missed n + 1 and reads it back.
 *
 * Appends are group-committed: the updates of one turn of the event loop go
 * in one statement, for any number of documents, and a few statements may be
 * in flight at once (PG_APPEND_STATEMENTS_IN_FLIGHT) as long as no document is
 * in two of them. An update of a document whose statement is in flight waits
 * for it and goes in a later one, so each document's updates commit in the
 * order they were appended; an update of another document need not wait for
 * a slow statement. When every slot is taken, what arrives waits and goes
 * together, so a busy server makes one round trip per batch, not per update
 * or per board. A statement that fails on a lost connection is retried for a
 * few seconds (a PostgreSQL restart) before the promise rejects; a retried
 * statement may store an update twice, which Yjs ignores.
 */
import pg from 'pg';
import * as Y from 'yjs';
import { PG_APPEND_STATEMENTS_IN_FLIGHT } from '../../src/limits';
import type { ParticipantRole } from '../../src/protocol/roles';
import { assertBefore } from './history-entries';
import {
  StorageClosedError,
  type BoardStorage,
  type HistoryEntry,
  type HistoryRange,
  type UpdateOrigin,
} from './storage';

/** What a committed append tells its listener: the numbers its updates were given. */
export interface CommittedUpdates {
  docKey: string;
  /** Sequence number of the first update; the others follow it one by one. */
  firstSeq: number;
  updates: Uint8Array[];
}

/** Options of PgStorage.open. */
export interface PgStorageOptions {
  /** Called after each committed append, before the appenders' promises resolve. */
  onCommitted?(committed: CommittedUpdates): void;
  /** Called after each statement with its duration, and the error when it failed. */
  onQuery?(operation: PgOperation, seconds: number, error?: unknown): void;
  /** Errors of idle pooled connections (a server restart), which must not crash the process. */
  onPoolError?(error: unknown): void;
  /** How long a failing append keeps retrying before it rejects; 3 s by default. */
  appendRetryMs?: number;
  /** Pooled connections; 10 by default. */
  maxConnections?: number;
}

export type PgOperation = 'migrate' | 'append' | 'load' | 'compact' | 'history' | 'ping';

interface PendingAppend {
  docKey: string;
  update: Uint8Array;
  origin: UpdateOrigin;
  resolve(): void;
  reject(error: unknown): void;
}

// One advisory lock key for the schema, so processes starting together do not race CREATE TABLE.
const SCHEMA_LOCK = 7_154_301;
const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS archboard_documents (
     doc_key text PRIMARY KEY,
     seq bigint NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS archboard_updates (
     doc_key text NOT NULL,
     seq bigint NOT NULL,
     payload bytea NOT NULL,
     PRIMARY KEY (doc_key, seq)
   )`,
  `CREATE TABLE IF NOT EXISTS archboard_history (
     doc_key text NOT NULL,
     id bigserial,
     t bigint NOT NULL,
     author_name text,
     author_role text,
     payload bytea NOT NULL,
     PRIMARY KEY (doc_key, id)
   )`,
  'CREATE INDEX IF NOT EXISTS archboard_history_by_time ON archboard_history (doc_key, t, id)',
];

// One statement for a whole batch, several documents at once: each document's row is
// bumped by its count (rows locked in key order, so two processes cannot deadlock), and
// its updates take the numbers below the new head in the order they were appended.
const APPEND = `
  WITH batch AS (
    SELECT * FROM unnest($1::text[], $2::bytea[], $3::bigint[], $4::text[], $5::text[])
      WITH ORDINALITY AS b(doc_key, payload, t, author_name, author_role, ord)
  ), counts AS (
    SELECT doc_key, count(*)::bigint AS n FROM batch GROUP BY doc_key
  ), heads AS (
    INSERT INTO archboard_documents AS d (doc_key, seq)
    SELECT doc_key, n FROM counts ORDER BY doc_key
    ON CONFLICT (doc_key) DO UPDATE SET seq = d.seq + EXCLUDED.seq
    RETURNING doc_key, seq
  ), numbered AS (
    SELECT b.*, h.seq - c.n + row_number() OVER (PARTITION BY b.doc_key ORDER BY b.ord) AS seq
    FROM batch b JOIN heads h USING (doc_key) JOIN counts c USING (doc_key)
  ), updates AS (
    INSERT INTO archboard_updates (doc_key, seq, payload)
    SELECT doc_key, seq, payload FROM numbered
    RETURNING doc_key, seq
  ), history AS (
    INSERT INTO archboard_history (doc_key, t, author_name, author_role, payload)
    SELECT doc_key, t, author_name, author_role, payload FROM numbered ORDER BY ord
  )
  SELECT doc_key, min(seq) AS first FROM updates GROUP BY doc_key`;

const RETRY_DELAYS_MS = [50, 100, 200, 400, 800, 1000];
const DEFAULT_CONNECTIONS = 10;

/** BoardStorage on PostgreSQL. Open with `PgStorage.open(url)`. */
export class PgStorage implements BoardStorage {
  /** Appends waiting for a statement, in the order they came. */
  private waiting: PendingAppend[] = [];
  /** Documents with a statement in flight: their next appends wait for it, so each document's commit in order. */
  private readonly inFlightDocs = new Set<string>();
  private statementsInFlight = 0;
  private readonly maxStatementsInFlight: number;
  /** Whether a statement is to start at the end of this turn of the event loop. */
  private startScheduled = false;
  /** Who waits for the next statement to settle (flush, a load waiting for this process's appends). */
  private settleWaiters: Array<() => void> = [];
  /** Appends not yet committed, by document: a load of that document waits for them. */
  private readonly unwritten = new Map<string, number>();
  /** The last sequence number each loadUpdates saw, for the caller that needs to know where it stands. */
  private readonly loadedSeqs = new Map<string, number>();
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly options: PgStorageOptions,
  ) {
    // Loads, compactions and readiness checks keep a pooled connection of their own.
    this.maxStatementsInFlight = Math.max(
      1,
      Math.min(PG_APPEND_STATEMENTS_IN_FLIGHT, (options.maxConnections ?? DEFAULT_CONNECTIONS) - 1),
    );
  }

  /** Connects to `url` (postgres://...) and creates the tables if they are missing. */
  static async open(url: string, options: PgStorageOptions = {}): Promise<PgStorage> {
    const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? DEFAULT_CONNECTIONS });
    pool.on('error', (err) => options.onPoolError?.(err));
    const storage = new PgStorage(pool, options);
    try {
      await storage.timed('migrate', () =>
        storage.transaction(async (client) => {
          await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
          for (const statement of SCHEMA) await client.query(statement);
        }),
      );
    } catch (err) {
      await pool.end();
      throw err;
    }
    return storage;
  }

  async loadUpdates(docKey: string): Promise<Uint8Array[]> {
    const { updates, seq } = await this.loadSince(docKey, 0);
    this.loadedSeqs.set(docKey, seq);
    return updates;
  }

  /**
   * The updates numbered after `afterSeq` and the highest number read (or
   * `afterSeq` when there is none). Waits for this process's own appends to
   * the document first, so it sees them.
   */
  async loadSince(docKey: string, afterSeq: number): Promise<{ updates: Uint8Array[]; seq: number }> {
    this.assertOpen();
    await this.written(docKey);
    const result = await this.timed('load', () =>
      this.pool.query<{ seq: string; payload: Buffer }>({
        name: 'archboard_load_since',
        text: 'SELECT seq, payload FROM archboard_updates WHERE doc_key = $1 AND seq > $2 ORDER BY seq',
        values: [docKey, afterSeq],
      }),
    );
    const rows = result.rows;
    return {
      updates: rows.map((row) => new Uint8Array(row.payload.buffer, row.payload.byteOffset, row.payload.byteLength)),
      seq: rows.length > 0 ? Number(rows[rows.length - 1]!.seq) : afterSeq,
    };
  }

  /** The sequence number the last loadUpdates of `docKey` reached (and forgets it). */
  takeLoadedSeq(docKey: string): number | undefined {
    const seq = this.loadedSeqs.get(docKey);
    this.loadedSeqs.delete(docKey);
    return seq;
  }

  /** Durable (update and history entry) when the promise resolves; rejects when it could not be stored (then it must not be broadcast). */
  append(docKey: string, update: Uint8Array, origin: UpdateOrigin): Promise<void> {
    this.assertOpen();
    // Copies: the caller may reuse its buffer before the statement goes out.
    const copy = Uint8Array.from(update);
    const originCopy: UpdateOrigin = { t: origin.t, by: origin.by && { ...origin.by } };
    const done = new Promise<void>((resolve, reject) =>
      this.waiting.push({ docKey, update: copy, origin: originCopy, resolve, reject }),
    );
    this.unwritten.set(docKey, (this.unwritten.get(docKey) ?? 0) + 1);
    this.scheduleStart();
    return done;
  }

  async compact(docKey: string, state: Uint8Array): Promise<void> {
    this.assertOpen();
    await this.written(docKey);
    await this.timed('compact', () =>
      this.transaction(async (client) => {
        // The document row's lock holds other processes' appends until this commits.
        const head = await client.query<{ seq: string }>(
          `INSERT INTO archboard_documents AS d (doc_key, seq) VALUES ($1, 1)
           ON CONFLICT (doc_key) DO UPDATE SET seq = d.seq + 1 RETURNING seq`,
          [docKey],
        );
        const rows = await client.query<{ payload: Buffer }>(
          'SELECT payload FROM archboard_updates WHERE doc_key = $1',
          [docKey],
        );
        // Merged with what is stored, so an update another process appended meanwhile is kept.
        const doc = new Y.Doc();
        Y.applyUpdate(doc, state);
        for (const row of rows.rows) {
          try {
            Y.applyUpdate(doc, row.payload);
          } catch {
            // A damaged entry cannot be merged; it stays out of the compacted state as it stayed out of the loaded doc.
          }
        }
        const merged = Y.encodeStateAsUpdate(doc);
        doc.destroy();
        await client.query('DELETE FROM archboard_updates WHERE doc_key = $1', [docKey]);
        await client.query('INSERT INTO archboard_updates (doc_key, seq, payload) VALUES ($1, $2, $3)', [
          docKey,
          head.rows[0]!.seq,
          Buffer.from(merged),
        ]);
      }),
    );
  }

  async loadHistory(docKey: string, range: HistoryRange = {}): Promise<HistoryEntry[]> {
    this.assertOpen();
    await this.written(docKey);
    const result = await this.timed('history', () =>
      this.pool.query<{ t: string; author_name: string | null; author_role: ParticipantRole | null; payload: Buffer }>(
        `SELECT t, author_name, author_role, payload FROM archboard_history
         WHERE doc_key = $1 AND ($2::bigint IS NULL OR t >= $2) AND ($3::bigint IS NULL OR t <= $3)
         ORDER BY t, id`,
        [docKey, range.since ?? null, range.until ?? null],
      ),
    );
    return result.rows.map((row) => ({
      t: Number(row.t),
      by: row.author_role === null ? null : { name: row.author_name ?? '', role: row.author_role },
      update: new Uint8Array(row.payload.buffer, row.payload.byteOffset, row.payload.byteLength),
    }));
  }

  async replaceHistory(docKey: string, before: number, entries: readonly HistoryEntry[]): Promise<void> {
    this.assertOpen();
    assertBefore(before, entries);
    await this.written(docKey);
    await this.timed('history', () =>
      this.transaction(async (client) => {
        // Entries appended once this runs get higher ids and stay, whatever their time.
        const last = await client.query<{ id: string | null }>(
          'SELECT max(id) AS id FROM archboard_history WHERE doc_key = $1',
          [docKey],
        );
        await client.query('DELETE FROM archboard_history WHERE doc_key = $1 AND t < $2 AND id <= $3', [
          docKey,
          before,
          last.rows[0]?.id ?? 0,
        ]);
        for (const entry of entries) {
          await client.query(
            'INSERT INTO archboard_history (doc_key, t, author_name, author_role, payload) VALUES ($1, $2, $3, $4, $5)',
            [docKey, entry.t, entry.by?.name ?? null, entry.by?.role ?? null, Buffer.from(entry.update)],
          );
        }
      }),
    );
  }

  async flush(): Promise<void> {
    this.assertOpen();
    await this.idle();
  }

  /** Whether PostgreSQL answers (readiness). */
  async ping(): Promise<void> {
    this.assertOpen();
    await this.timed('ping', () => this.pool.query('SELECT 1'));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.idle();
    this.closed = true;
    await this.pool.end();
  }

  /** Runs `work` in one transaction on one pooled connection. */
  private async transaction(work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  private async idle(): Promise<void> {
    while (this.statementsInFlight > 0 || this.waiting.length > 0) await this.nextSettle();
  }

  /** Resolves once every append of `docKey` made so far has been committed (or has failed). */
  private async written(docKey: string): Promise<void> {
    while ((this.unwritten.get(docKey) ?? 0) > 0) await this.nextSettle();
  }

  private nextSettle(): Promise<void> {
    return new Promise((resolve) => this.settleWaiters.push(resolve));
  }

  /**
   * The first statement waits for the end of this turn of the event loop, so the appends of
   * every message read in it (several clients' sockets are often ready at once) go together,
   * rather than the first alone and the rest one round trip later.
   */
  private scheduleStart(): void {
    if (this.startScheduled) return;
    this.startScheduled = true;
    setImmediate(() => {
      this.startScheduled = false;
      this.startStatements();
    });
  }

  /** Starts a statement with every waiting append whose document has none in flight, while a slot is free. */
  private startStatements(): void {
    if (this.statementsInFlight >= this.maxStatementsInFlight || this.waiting.length === 0) return;
    const batch: PendingAppend[] = [];
    const later: PendingAppend[] = [];
    for (const pending of this.waiting) (this.inFlightDocs.has(pending.docKey) ? later : batch).push(pending);
    if (batch.length === 0) return;
    this.waiting = later;
    for (const pending of batch) this.inFlightDocs.add(pending.docKey);
    this.statementsInFlight++;
    void this.commit(batch).finally(() => {
      this.statementsInFlight--;
      for (const pending of batch) this.inFlightDocs.delete(pending.docKey);
      const waiters = this.settleWaiters;
      this.settleWaiters = [];
      for (const resolve of waiters) resolve();
      this.startStatements();
    });
  }

  /** Writes one batch, then tells its appenders (and the listener) per document; a failed write rejects the appenders, not this. */
  private async commit(batch: PendingAppend[]): Promise<void> {
    let firsts: Map<string, number> | undefined;
    let failure: unknown;
    try {
      firsts = await this.writeWithRetry(batch);
    } catch (err) {
      failure = err;
    }
    const byDoc = new Map<string, PendingAppend[]>();
    for (const pending of batch) {
      const list = byDoc.get(pending.docKey);
      if (list) list.push(pending);
      else byDoc.set(pending.docKey, [pending]);
    }
    for (const [docKey, appends] of byDoc) {
      const left = (this.unwritten.get(docKey) ?? 0) - appends.length;
      if (left > 0) this.unwritten.set(docKey, left);
      else this.unwritten.delete(docKey);
      if (firsts) {
        this.options.onCommitted?.({ docKey, firstSeq: firsts.get(docKey)!, updates: appends.map((p) => p.update) });
        for (const pending of appends) pending.resolve();
      } else {
        for (const pending of appends) pending.reject(failure);
      }
    }
  }

  private async writeWithRetry(batch: PendingAppend[]): Promise<Map<string, number>> {
    const params = [
      batch.map((p) => p.docKey),
      batch.map((p) => Buffer.from(p.update.buffer, p.update.byteOffset, p.update.byteLength)),
      batch.map((p) => p.origin.t),
      batch.map((p) => p.origin.by?.name ?? null),
      batch.map((p) => p.origin.by?.role ?? null),
    ];
    const deadline = performance.now() + (this.options.appendRetryMs ?? 3_000);
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await this.timed('append', () =>
          // Named, so each pooled connection parses and plans the statement once, not once per batch.
          this.pool.query<{ doc_key: string; first: string }>({
            name: 'archboard_append',
            text: APPEND,
            values: params,
          }),
        );
        return new Map(result.rows.map((row) => [row.doc_key, Number(row.first)]));
      } catch (err) {
        const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]!;
        if (this.closed || performance.now() + delay > deadline) throw err;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async timed<T>(operation: PgOperation, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const result = await run();
      this.options.onQuery?.(operation, (performance.now() - started) / 1000);
      return result;
    } catch (err) {
      this.options.onQuery?.(operation, (performance.now() - started) / 1000, err);
      throw err;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new StorageClosedError();
  }
}
