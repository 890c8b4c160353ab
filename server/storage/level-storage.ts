/**
 * The embedded default store: LevelDB (classic-level) in DATA_DIR, fronted by
 * a write-ahead log so that persisting an update costs one write() and no
 * asynchronous hop before it is broadcast.
 *
 *   append   -> WriteAheadLog (durable against kill -9 on return) + a pending list;
 *               the log record is the history entry (origin and update), keyed
 *               `history:<docKey>`, so one write() makes both durable
 *   fold     -> every WAL_FOLD_INTERVAL_MS (or WAL_FOLD_BYTES): rotate the log,
 *               write the pending updates to LevelDB in one batch (one value per
 *               document, put a few documents per turn of the event loop), then
 *               delete the folded segment
 *   open     -> replay the segments a killed process left into LevelDB first
 *   compact  -> fold, then replace the document's entries with one state
 *
 * Keys: `u!<docKey>!<seq, 16 hex digits>` hold a list of updates;
 * `h!<docKey>!<seq>` a list of history entries (compact leaves them alone,
 * replaceHistory rewrites them); `m!seq`
 * holds the last sequence number used. All writes to LevelDB go through one
 * queue, so `m!seq` only grows and a compaction never races a fold.
 */
import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import * as decoding from 'lib0/decoding';
import { WAL_FOLD_BYTES, WAL_FOLD_INTERVAL_MS } from '../../src/limits';
import {
  assertBefore,
  decodeHistoryEntry,
  decodeHistoryList,
  encodeHistoryList,
  historyEntryHead,
  selectHistory,
} from './history-entries';
import {
  BoardDamagedError,
  StorageClosedError,
  type BoardStorage,
  type HistoryEntry,
  type HistoryRange,
  type UpdateOrigin,
} from './storage';
import {
  checkBeforeOpen,
  hasMarker,
  isCorruption,
  openFailure,
  openValue,
  scanDatabase,
  sealValue,
  unreadableDatabaseFailure,
  writeMarker,
  type ScanReport,
} from './level-health';
import { encodeRecord, removeSegment, removeSegmentSoon, WriteAheadLog, type FsyncMode } from './write-ahead-log';

/** Options of LevelStorage.open. */
export interface LevelStorageOptions {
  foldIntervalMs?: number;
  foldBytes?: number;
  /** Called when a background fold fails; the updates stay in the log and the next fold retries them. */
  onBackgroundError?: (error: unknown) => void;
  /** When updates reach the disk itself (ARCHBOARD_FSYNC; docs/deploy.md weighs the choice). Default `off`. */
  fsync?: FsyncMode;
}

/** What the start found in the log a previous process left. */
export interface RecoveryReport {
  segments: number;
  records: number;
  /** Bytes of torn records at segment ends, discarded. */
  discardedBytes: number;
}

type BatchOp = { type: 'put'; key: string; value: Uint8Array } | { type: 'del'; key: string };

/** Values a fold puts in its batch before letting the rooms run: each is a few microseconds of encoding and copying. */
const FOLD_PUTS_PER_TURN = 16;

/** The key of the last sequence number used (the record formats are exported for `archboard repair`). */
export const SEQ_KEY = 'm!seq';
const KEY_END = '~'; // sorts after '!' and every hex digit

const prefixOf = (docKey: string) => `u!${docKey}!`;
export const entryKey = (docKey: string, seq: number) => prefixOf(docKey) + seq.toString(16).padStart(16, '0');
const historyPrefixOf = (docKey: string) => `h!${docKey}!`;
const historyKey = (docKey: string, seq: number) => historyPrefixOf(docKey) + seq.toString(16).padStart(16, '0');
/** Log records of history entries are keyed `history:<docKey>`; ':' is in no board id. */
const HISTORY_LOG_PREFIX = 'history:';

/** A list of updates as one LevelDB value, sealed with its checksum. */
export function encodeUpdateList(updates: readonly Uint8Array[]): Uint8Array {
  return sealValue(joinList(updates, true));
}

/**
 * `varuint count | parts...`, each part after its varuint length when
 * `prefixed` (lib0's writeVarUint8Array), in one allocation: a fold runs on
 * the event loop, so it copies each part once rather than growing an encoder.
 */
function joinList(parts: readonly Uint8Array[], prefixed: boolean): Uint8Array {
  let size = varUintSize(parts.length);
  for (const part of parts) size += part.byteLength + (prefixed ? varUintSize(part.byteLength) : 0);
  const out = new Uint8Array(size);
  let pos = writeVarUint(out, 0, parts.length);
  for (const part of parts) {
    if (prefixed) pos = writeVarUint(out, pos, part.byteLength);
    out.set(part, pos);
    pos += part.byteLength;
  }
  return out;
}

function varUintSize(n: number): number {
  let size = 1;
  while (n > 0x7f) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

/** Writes `n` as lib0 writes a varuint (7 bits a byte, low first, the top bit for "more"); returns the next position. */
function writeVarUint(out: Uint8Array, pos: number, n: number): number {
  while (n > 0x7f) {
    out[pos++] = 0x80 | (n & 0x7f);
    n = Math.floor(n / 128);
  }
  out[pos++] = n;
  return pos;
}

/** The list encodeUpdateList wrote; throws on a value that fails its checksum or does not decode. */
export function decodeUpdateList(value: Uint8Array): Uint8Array[] {
  const decoder = decoding.createDecoder(openValue(value));
  const count = decoding.readVarUint(decoder);
  const updates: Uint8Array[] = [];
  for (let i = 0; i < count; i++) updates.push(decoding.readVarUint8Array(decoder));
  if (decoding.hasContent(decoder)) throw new Error('a record with bytes after its updates');
  return updates;
}

/** History entries already encoded one by one (encodeHistoryEntry) as one LevelDB value, sealed with its checksum: the bytes encodeHistoryList writes. */
function encodeHistoryValue(entries: readonly Uint8Array[]): Uint8Array {
  return sealValue(joinList(entries, false));
}

export function decodeHistoryValue(value: Uint8Array): HistoryEntry[] {
  return decodeHistoryList(openValue(value));
}

export function encodeSeq(seq: number): Uint8Array {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(seq));
  return bytes;
}

/** BoardStorage on LevelDB with a write-ahead log. Open with `LevelStorage.open(dir)`. */
export class LevelStorage implements BoardStorage {
  /** Updates appended since the last fold, by document. */
  private pending = new Map<string, Uint8Array[]>();
  /** History entries appended since the last fold, encoded as their log records hold them. */
  private pendingHistory = new Map<string, Uint8Array[]>();
  private pendingBytes = 0;
  /** Updates and history entries of the fold being written, until LevelDB has them. */
  private inFlight = new Map<string, Uint8Array[]>();
  private inFlightHistory = new Map<string, Uint8Array[]>();
  /** Closed segments whose records are not yet in LevelDB (a failed fold leaves them here). */
  private unfoldedSegments: string[] = [];
  private writes: Promise<void> = Promise.resolve();
  private queuedFold: Promise<void> | null = null;
  private closed = false;
  private readonly foldTimer: NodeJS.Timeout;
  private readonly foldBytes: number;
  private readonly onBackgroundError: (error: unknown) => void;

  private constructor(
    private readonly db: ClassicLevel<string, Uint8Array>,
    private readonly log: WriteAheadLog,
    private seq: number,
    readonly recovery: RecoveryReport,
    /** What the check of every record on open found (damaged documents among it). */
    readonly integrity: ScanReport,
    private readonly dir: string,
    private markerWritten: boolean,
    options: LevelStorageOptions,
  ) {
    this.foldBytes = options.foldBytes ?? WAL_FOLD_BYTES;
    this.onBackgroundError = options.onBackgroundError ?? (() => {});
    this.foldTimer = setInterval(() => this.foldInBackground(), options.foldIntervalMs ?? WAL_FOLD_INTERVAL_MS);
    this.foldTimer.unref();
  }

  /**
   * Opens (creating if needed) the store in `dir`, checks every record, and
   * replays what a killed process left in its log. Throws StorageDamagedError,
   * saying what is wrong and how to repair it, when the database cannot be
   * opened or is empty on a directory that held boards; documents with
   * damaged records are listed in `integrity.damaged` and refuse to load.
   */
  static async open(dir: string, options: LevelStorageOptions = {}): Promise<LevelStorage> {
    const levelDir = join(dir, 'level');
    checkBeforeOpen(dir, levelDir);
    const marker = hasMarker(dir);
    const db = new ClassicLevel<string, Uint8Array>(levelDir, {
      keyEncoding: 'utf8',
      valueEncoding: 'view',
      // A directory that held boards must find its database, never get a new empty one.
      createIfMissing: !marker,
    });
    try {
      await db.open();
    } catch (err) {
      throw openFailure(dir, levelDir, err);
    }
    try {
      const integrity = await scanDatabase(db, (key, value) =>
        key.startsWith('h!') ? decodeHistoryValue(value) : decodeUpdateList(value),
      );
      let seq = integrity.maxSeq;
      try {
        const stored = await db.get(SEQ_KEY);
        if (stored?.byteLength === 8) seq = Math.max(seq, Number(Buffer.from(stored).readBigUInt64BE()));
      } catch {
        // An unreadable counter: the keys' own numbers (above) are enough to continue from.
      }
      const { log, leftover } = WriteAheadLog.open(join(dir, 'wal'), options.fsync ?? 'off');
      const recovery: RecoveryReport = { segments: leftover.length, records: 0, discardedBytes: 0 };
      const recovered = new Map<string, Uint8Array[]>();
      const recoveredHistory = new Map<string, Uint8Array[]>();
      for (const path of leftover) {
        const { records, discardedBytes } = WriteAheadLog.readSegment(path);
        recovery.records += records.length;
        recovery.discardedBytes += discardedBytes;
        for (const { docKey, update } of records) {
          if (!docKey.startsWith(HISTORY_LOG_PREFIX)) {
            appendTo(recovered, docKey, update);
            continue;
          }
          const entry = decodeHistoryEntry(update);
          const key = docKey.slice(HISTORY_LOG_PREFIX.length);
          appendTo(recovered, key, entry.update);
          appendTo(recoveredHistory, key, update);
        }
      }
      const nothingReadable = integrity.unreadableBlocks !== undefined || (marker && recovered.size === 0);
      if (integrity.documents.size === 0 && nothingReadable) {
        // Nothing readable where boards were: serving would look like every board was lost.
        log.close();
        throw unreadableDatabaseFailure(dir, levelDir, integrity.unreadableBlocks, recovered.size);
      }
      if (recovered.size > 0) {
        const ops: BatchOp[] = [];
        for (const [docKey, updates] of recovered)
          ops.push({ type: 'put', key: entryKey(docKey, ++seq), value: encodeUpdateList(updates) });
        for (const [docKey, entries] of recoveredHistory)
          ops.push({ type: 'put', key: historyKey(docKey, ++seq), value: encodeHistoryValue(entries) });
        ops.push({ type: 'put', key: SEQ_KEY, value: encodeSeq(seq) });
        await db.batch(ops, { sync: (options.fsync ?? 'off') !== 'off' });
      }
      for (const path of leftover) removeSegment(path);
      const holdsBoards = integrity.documents.size > 0 || recovered.size > 0;
      if (holdsBoards && !marker) writeMarker(dir);
      return new LevelStorage(db, log, seq, recovery, integrity, dir, holdsBoards || marker, options);
    } catch (err) {
      await db.close();
      throw err;
    }
  }

  async loadUpdates(docKey: string): Promise<Uint8Array[]> {
    this.assertOpen();
    // Captured in the same tick as the read starts, so an update is either here or in
    // LevelDB's snapshot (possibly both: duplicates are harmless, Yjs ignores them).
    const notYetFolded = [...(this.inFlight.get(docKey) ?? []), ...(this.pending.get(docKey) ?? [])];
    const prefix = prefixOf(docKey);
    const values = await this.read(docKey, this.db.values({ gte: prefix, lt: prefix + KEY_END }).all());
    return [...decodeEach(docKey, values, decodeUpdateList), ...notYetFolded];
  }

  append(docKey: string, update: Uint8Array, origin: UpdateOrigin): void | Promise<void> {
    this.assertOpen();
    if (!this.markerWritten) {
      writeMarker(this.dir);
      this.markerWritten = true;
    }
    // The log record's value is the history entry (its head, then the update), written straight into the record:
    // until the fold, views of the record are the pending entry and the pending copy of the update (its tail).
    const head = historyEntryHead(origin, update.byteLength);
    const entryLength = head.byteLength + update.byteLength;
    const record = encodeRecord(HISTORY_LOG_PREFIX + docKey, head, update);
    const durable = this.log.appendRecord(record);
    appendTo(this.pending, docKey, record.subarray(record.byteLength - update.byteLength));
    appendTo(this.pendingHistory, docKey, record.subarray(record.byteLength - entryLength));
    this.pendingBytes += update.byteLength;
    if (this.pendingBytes >= this.foldBytes && this.queuedFold === null) this.foldInBackground();
    return durable;
  }

  /** Folds are synced when the log is, so a segment is deleted only once LevelDB holds its records on disk. */
  private get batchOptions(): { sync: boolean } {
    return { sync: this.log.fsyncMode !== 'off' };
  }

  async compact(docKey: string, state: Uint8Array): Promise<void> {
    this.assertOpen();
    return this.enqueue(async () => {
      await this.foldNow();
      // Entries up to here hold only what `state` contains; later ones (appended after this call) stay.
      const upTo = entryKey(docKey, this.seq);
      const keys = await this.db.keys({ gte: prefixOf(docKey), lte: upTo }).all();
      const ops: BatchOp[] = keys.map((key) => ({ type: 'del', key }));
      ops.push({ type: 'put', key: entryKey(docKey, ++this.seq), value: encodeUpdateList([state]) });
      ops.push({ type: 'put', key: SEQ_KEY, value: encodeSeq(this.seq) });
      await this.db.batch(ops, this.batchOptions);
    });
  }

  async loadHistory(docKey: string, range?: HistoryRange): Promise<HistoryEntry[]> {
    this.assertOpen();
    // In the write queue, so no fold moves entries while it reads: each entry is met exactly once.
    return this.enqueue(async () => {
      const notYetFolded = (this.pendingHistory.get(docKey) ?? []).map(decodeHistoryEntry);
      const prefix = historyPrefixOf(docKey);
      const values = await this.read(docKey, this.db.values({ gte: prefix, lt: prefix + KEY_END }).all());
      return selectHistory([...decodeEach(docKey, values, decodeHistoryValue), ...notYetFolded], range);
    });
  }

  async replaceHistory(docKey: string, before: number, entries: readonly HistoryEntry[]): Promise<void> {
    this.assertOpen();
    assertBefore(before, entries);
    return this.enqueue(async () => {
      await this.foldNow();
      // Every entry appended before this call is in LevelDB now; later ones wait in the pending list.
      const prefix = historyPrefixOf(docKey);
      const stored = await this.db.iterator({ gte: prefix, lt: prefix + KEY_END }).all();
      const kept = stored.flatMap(([, value]) => decodeHistoryValue(value)).filter((entry) => entry.t >= before);
      const ops: BatchOp[] = stored.map(([key]) => ({ type: 'del', key }));
      const value = sealValue(encodeHistoryList([...entries, ...kept]));
      ops.push({ type: 'put', key: historyKey(docKey, ++this.seq), value });
      ops.push({ type: 'put', key: SEQ_KEY, value: encodeSeq(this.seq) });
      await this.db.batch(ops, this.batchOptions);
    });
  }

  async flush(): Promise<void> {
    this.assertOpen();
    return this.fold();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.foldTimer);
    try {
      await this.enqueue(() => this.foldNow());
    } finally {
      // A segment that still holds records (a failed fold) stays on disk and is replayed on start.
      this.log.close();
      await this.db.close();
    }
  }

  /** Folds the pending updates into LevelDB once the writes queued before it are done. */
  private fold(): Promise<void> {
    if (this.queuedFold) return this.queuedFold;
    const run = this.enqueue(() => {
      this.queuedFold = null;
      return this.foldNow();
    });
    this.queuedFold = run;
    return run;
  }

  private foldInBackground(): void {
    if (this.pending.size === 0 || this.closed) return;
    this.fold().catch((err) => this.onBackgroundError(err));
  }

  /**
   * Rotates the log and writes what the closed segment holds as one LevelDB batch. Run only inside the write queue.
   * The batch is built a few documents per turn of the event loop: the fold runs beside the rooms, and building
   * it in one go held every room up for a millisecond or more once a second (the p99 of fan-out). A chained batch
   * copies each value as it is put and writes them all at once, so the fold stays one atomic write.
   */
  private async foldNow(): Promise<void> {
    if (this.pending.size === 0) return;
    // Rotate before taking the pending list: if rotating fails, nothing has moved.
    this.unfoldedSegments.push(this.log.rotate());
    const folding = this.pending;
    const foldingHistory = this.pendingHistory;
    this.pending = new Map();
    this.pendingHistory = new Map();
    this.pendingBytes = 0;
    this.inFlight = folding;
    this.inFlightHistory = foldingHistory;
    const batch = this.db.batch();
    try {
      let puts = 0;
      const put = async (key: string, value: Uint8Array) => {
        batch.put(key, value);
        if (++puts % FOLD_PUTS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
      };
      for (const [docKey, updates] of folding) await put(entryKey(docKey, ++this.seq), encodeUpdateList(updates));
      for (const [docKey, entries] of foldingHistory)
        await put(historyKey(docKey, ++this.seq), encodeHistoryValue(entries));
      batch.put(SEQ_KEY, encodeSeq(this.seq));
      await batch.write(this.batchOptions);
    } catch (err) {
      // Idempotent: a batch that failed to write is closed already.
      await batch.close().catch(() => {});
      // Back into the pending list (their segments stay on disk): the next fold retries them.
      for (const [docKey, updates] of folding) {
        for (const update of updates) {
          appendTo(this.pending, docKey, update);
          this.pendingBytes += update.byteLength;
        }
      }
      for (const [docKey, entries] of foldingHistory)
        for (const entry of entries) appendTo(this.pendingHistory, docKey, entry);
      throw err;
    } finally {
      this.inFlight = new Map();
      this.inFlightHistory = new Map();
    }
    // LevelDB holds them now; a segment that cannot be deleted yet is tried again at the next fold.
    const folded = this.unfoldedSegments;
    this.unfoldedSegments = [];
    try {
      await Promise.all(folded.map(removeSegmentSoon));
    } catch (err) {
      // Those deleted meanwhile are skipped next time (a missing segment is no error).
      this.unfoldedSegments.push(...folded);
      throw err;
    }
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writes.then(work);
    this.writes = run.then(
      () => {},
      () => {},
    );
    return run;
  }

  /** A LevelDB read of one document; LevelDB's report of damaged blocks becomes BoardDamagedError. */
  private async read<T>(docKey: string, reading: Promise<T>): Promise<T> {
    try {
      return await reading;
    } catch (err) {
      if (!isCorruption(err)) throw err;
      throw new BoardDamagedError(docKey, (err as { cause?: Error }).cause?.message ?? (err as Error).message);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new StorageClosedError();
  }
}

/** Decodes every value of one document; a value that fails its checksum or decoding becomes BoardDamagedError. */
function decodeEach<T>(docKey: string, values: readonly Uint8Array[], decode: (value: Uint8Array) => T[]): T[] {
  try {
    return values.flatMap(decode);
  } catch (err) {
    throw new BoardDamagedError(docKey, (err as Error).message);
  }
}

function appendTo<T>(lists: Map<string, T[]>, key: string, item: T): void {
  const list = lists.get(key);
  if (list) list.push(item);
  else lists.set(key, [item]);
}
