/**
 * The append-only log that makes every update durable before it is broadcast,
 * at the cost of one write() system call and no trip through the libuv
 * threadpool. It lives in segment files `<n>.log`; LevelStorage folds a closed
 * segment into LevelDB in the background and deletes it, and replays whatever
 * segments it finds on start (what a killed process left behind).
 *
 * A record is `u32 body length | u32 CRC-32 of body | body`, little-endian,
 * where body is `u16 key length | key (UTF-8) | Yjs update`. With fsync
 * `off` (the default) a completed write() sits in the OS page cache, which
 * survives a kill of the process but not a power cut; `always` fsyncs after
 * each record, before append() returns; `batch` lets the records of one
 * moment share one fsync, and append() returns a promise that it resolves
 * (the room broadcasts once it does). A process killed inside a write can
 * leave a torn last record; reading stops at the first record that is short
 * or fails its checksum, and everything before it is kept.
 */
import {
  closeSync,
  fsync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

const HEADER_BYTES = 8;
const KEY_LENGTH_BYTES = 2;
const SEGMENT_NAME = /^(\d{12})\.log$/;

/** When a record reaches the disk itself, not only the OS's cache (ARCHBOARD_FSYNC). */
export type FsyncMode = 'always' | 'batch' | 'off';
export const FSYNC_MODES: readonly FsyncMode[] = ['always', 'batch', 'off'];

/** One update read back from the log. */
export interface LogRecord {
  docKey: string;
  update: Uint8Array;
}

/** What reading one segment found. */
export interface SegmentContents {
  records: LogRecord[];
  /** Bytes after the last whole record: a torn write, discarded. */
  discardedBytes: number;
}

/**
 * Encodes one record (header and body) into a single buffer, so one write() carries it. The update may come in
 * two parts (`head` then `tail`), copied straight into the record: a caller that frames the bytes it stores
 * needs no buffer of its own for them.
 */
export function encodeRecord(docKey: string, head: Uint8Array, tail?: Uint8Array): Buffer {
  const keyLength = Buffer.byteLength(docKey, 'utf8');
  if (keyLength > 0xffff) throw new RangeError('document key too long');
  const updateStart = HEADER_BYTES + KEY_LENGTH_BYTES + keyLength;
  const bodyLength = KEY_LENGTH_BYTES + keyLength + head.byteLength + (tail?.byteLength ?? 0);
  const record = Buffer.allocUnsafe(HEADER_BYTES + bodyLength);
  record.writeUInt32LE(bodyLength, 0);
  record.writeUInt16LE(keyLength, HEADER_BYTES);
  record.write(docKey, HEADER_BYTES + KEY_LENGTH_BYTES, 'utf8');
  record.set(head, updateStart);
  if (tail) record.set(tail, updateStart + head.byteLength);
  record.writeUInt32LE(crc32(record.subarray(HEADER_BYTES)), 4);
  return record;
}

/** Decodes the whole records of a segment's bytes, stopping at the first short or corrupt one. */
export function decodeRecords(bytes: Uint8Array): SegmentContents {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: LogRecord[] = [];
  let offset = 0;
  while (offset + HEADER_BYTES <= buffer.length) {
    const bodyLength = buffer.readUInt32LE(offset);
    const checksum = buffer.readUInt32LE(offset + 4);
    const bodyStart = offset + HEADER_BYTES;
    const bodyEnd = bodyStart + bodyLength;
    if (bodyLength < KEY_LENGTH_BYTES || bodyEnd > buffer.length) break;
    const body = buffer.subarray(bodyStart, bodyEnd);
    if (crc32(body) !== checksum) break;
    const keyLength = body.readUInt16LE(0);
    if (KEY_LENGTH_BYTES + keyLength > bodyLength) break;
    const docKey = body.toString('utf8', KEY_LENGTH_BYTES, KEY_LENGTH_BYTES + keyLength);
    // A plain copy, so the segment's buffer can be released.
    const update = new Uint8Array(body.subarray(KEY_LENGTH_BYTES + keyLength));
    records.push({ docKey, update });
    offset = bodyEnd;
  }
  return { records, discardedBytes: buffer.length - offset };
}

/** The log of one process: appends to the current segment; `rotate()` starts the next. */
export class WriteAheadLog {
  private fd: number;
  private segment: number;
  private segmentBytes = 0;

  /** Appends waiting for the next batched fsync, and whether one is under way. */
  private syncWaiters: Array<{ resolve: () => void; reject: (err: unknown) => void }> = [];
  private syncing = false;

  private constructor(
    readonly dir: string,
    firstSegment: number,
    readonly fsyncMode: FsyncMode,
  ) {
    this.segment = firstSegment;
    this.fd = this.openSegment(firstSegment);
  }

  /**
   * Opens the log in `dir`, returning it with the segments a previous process
   * left (oldest first). The new log writes to a segment after all of them.
   */
  static open(dir: string, fsyncMode: FsyncMode = 'off'): { log: WriteAheadLog; leftover: string[] } {
    mkdirSync(dir, { recursive: true });
    const numbers = readdirSync(dir)
      .map((name) => SEGMENT_NAME.exec(name)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    const log = new WriteAheadLog(dir, (numbers.at(-1) ?? 0) + 1, fsyncMode);
    return { log, leftover: numbers.map((n) => log.pathOf(n)) };
  }

  /** Reads one segment file. */
  static readSegment(path: string): SegmentContents {
    return decodeRecords(readFileSync(path));
  }

  /**
   * Appends a record with one write() (looping only if the kernel writes part
   * of it), then fsyncs as the mode says. Throws on I/O errors; with `batch`,
   * returns the promise of the fsync that makes it durable.
   */
  append(docKey: string, update: Uint8Array): void | Promise<void> {
    return this.appendRecord(encodeRecord(docKey, update));
  }

  /** Appends a record encodeRecord made, as append() does. */
  appendRecord(record: Buffer): void | Promise<void> {
    let written = 0;
    while (written < record.length) written += writeSync(this.fd, record, written, record.length - written);
    this.segmentBytes += record.length;
    if (this.fsyncMode === 'always') fsyncSync(this.fd);
    else if (this.fsyncMode === 'batch') return this.syncSoon();
  }

  /** One fsync for every record written until it starts; records written during it wait for the next. */
  private syncSoon(): Promise<void> {
    const done = new Promise<void>((resolve, reject) => this.syncWaiters.push({ resolve, reject }));
    if (!this.syncing) this.startSync();
    return done;
  }

  private startSync(): void {
    const waiters = this.syncWaiters;
    this.syncWaiters = [];
    this.syncing = true;
    const fd = this.fd;
    fsync(fd, (failure) => {
      this.syncing = false;
      // A segment rotated meanwhile was fsynced before its descriptor closed: what failed here is the descriptor.
      const err = fd === this.fd ? failure : null;
      for (const waiter of waiters)
        if (err) waiter.reject(err);
        else waiter.resolve();
      if (this.syncWaiters.length > 0) this.startSync();
    });
  }

  /** Bytes appended to the current segment. */
  get currentSegmentBytes(): number {
    return this.segmentBytes;
  }

  /** Closes the current segment and starts the next; returns the closed segment's path. */
  rotate(): string {
    const closed = this.pathOf(this.segment);
    const next = this.segment + 1;
    const fd = this.openSegment(next);
    this.syncBeforeClose();
    closeSync(this.fd);
    this.fd = fd;
    this.segment = next;
    this.segmentBytes = 0;
    return closed;
  }

  /** Closes the current segment, deleting it when it is empty. Returns its path when it holds records. */
  close(): string | undefined {
    this.syncBeforeClose();
    closeSync(this.fd);
    const path = this.pathOf(this.segment);
    if (this.segmentBytes === 0) {
      removeSegment(path);
      return undefined;
    }
    return path;
  }

  /** Opens a new segment; when syncing, also syncs the directory, so the file's name survives a power cut too. */
  private openSegment(segment: number): number {
    const fd = openSync(this.pathOf(segment), 'a');
    if (this.fsyncMode !== 'off') {
      const dirFd = openSync(this.dir, 'r');
      try {
        fsyncSync(dirFd);
      } finally {
        closeSync(dirFd);
      }
    }
    return fd;
  }

  /** Before a segment's descriptor goes: its records reach the disk, and whoever waits for a batched fsync is told. */
  private syncBeforeClose(): void {
    if (this.fsyncMode === 'off') return;
    fsyncSync(this.fd);
    const waiters = this.syncWaiters;
    this.syncWaiters = [];
    for (const waiter of waiters) waiter.resolve();
    // A batched fsync still under way on this descriptor reports to its own waiters when it ends.
  }

  private pathOf(segment: number): string {
    return join(this.dir, `${String(segment).padStart(12, '0')}.log`);
  }
}

/** Deletes a segment whose records are safely elsewhere, off the event loop. */
export function removeSegmentSoon(path: string): Promise<void> {
  return unlink(path).catch(ignoreMissing);
}

/** Deletes a segment whose records are safely elsewhere. */
export function removeSegment(path: string): void {
  try {
    unlinkSync(path);
  } catch (err) {
    ignoreMissing(err);
  }
}

/** A segment already gone is what deleting it wanted. */
function ignoreMissing(err: unknown): void {
  if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
}
