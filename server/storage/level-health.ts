/**
 * How the embedded store finds out that its data directory is damaged, and
 * what it tells the operator. LevelDB (as classic-level builds it) checks no
 * block checksums on reads and does not refuse a directory that lost its
 * CURRENT file (with createIfMissing it starts a new, empty database there and
 * deletes the old tables it no longer knows). So the store checks for itself:
 *
 *   - before opening: LevelDB files without CURRENT, or a data directory that
 *     held boards (the marker file) without a database, refuse to start;
 *   - every value it writes is sealed with a CRC-32 (sealValue), so a flipped
 *     byte in a table is found when the value is read, not applied as garbage;
 *   - on open it reads every record once (scanDatabase): damaged records name
 *     the documents they belong to, and those documents, only those, report
 *     BoardDamagedError when loaded, while the others are served.
 *
 * Every message ends with the command that fixes it (`archboard repair DATA_DIR`).
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { ClassicLevel } from 'classic-level';

/** The file in DATA_DIR that says it has held a board: an empty database next to it is a loss, not a fresh start. */
export const MARKER_FILE = 'holds-boards';

/** LevelDB's own files, besides CURRENT: if any is there, the directory is a database. */
const LEVELDB_FILE = /^(MANIFEST-\d+|\d+\.(ldb|sst|log))$/;

/** The damage stops the server from starting; `message` says what is wrong and the command that fixes it. */
export class StorageDamagedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageDamagedError';
  }
}

/** The command that repairs `dataDir`, as the messages print it. */
export function repairCommand(dataDir: string): string {
  return `stop the server and run \`archboard repair ${dataDir}\``;
}

export function hasMarker(dataDir: string): boolean {
  return existsSync(join(dataDir, MARKER_FILE));
}

export function writeMarker(dataDir: string): void {
  writeFileSync(
    join(dataDir, MARKER_FILE),
    'This data directory holds Archboard boards. The server refuses to start on an empty\n' +
      'database next to this file (the data would be gone). Delete this file only to start\n' +
      'empty on purpose.\n',
  );
}

/** Throws StorageDamagedError for what LevelDB would not notice before opening `levelDir`. */
export function checkBeforeOpen(dataDir: string, levelDir: string): void {
  const marker = hasMarker(dataDir);
  const files = existsSync(levelDir) ? readdirSync(levelDir) : [];
  const dbFiles = files.filter((name) => LEVELDB_FILE.test(name));
  if (!files.includes('CURRENT') && dbFiles.length > 0)
    throw new StorageDamagedError(
      `The database in ${levelDir} has lost its CURRENT file (it still holds ${dbFiles.length} LevelDB files); ` +
        `starting would replace it with an empty one. To recover the boards, ${repairCommand(dataDir)}.`,
    );
  if (marker && !files.includes('CURRENT'))
    throw new StorageDamagedError(
      `${dataDir} held boards (${MARKER_FILE}) but its database ${levelDir} is missing. ` +
        `Restore DATA_DIR from a backup; to start empty on purpose, delete ${join(dataDir, MARKER_FILE)}.`,
    );
}

/** The StorageDamagedError for an open that LevelDB refused (a damaged MANIFEST, for one). */
export function openFailure(dataDir: string, levelDir: string, err: unknown): Error {
  const cause = (err as { cause?: Error }).cause?.message ?? (err as Error).message;
  if (isLocked(err))
    return new StorageDamagedError(`${levelDir} is in use by another process (${cause}); stop it first.`);
  return new StorageDamagedError(
    `The database in ${levelDir} cannot be opened: ${cause}. To recover, ${repairCommand(dataDir)}.`,
  );
}

/**
 * No record of the database can be read (`unreadable`: what LevelDB said), or
 * none is there although the marker says boards were: refuse, rather than
 * serve every board empty. `logged` documents have updates in the write-ahead log.
 */
export function unreadableDatabaseFailure(
  dataDir: string,
  levelDir: string,
  unreadable: string | undefined,
  logged: number,
): StorageDamagedError {
  const what =
    unreadable !== undefined
      ? `no record of the database ${levelDir} can be read (LevelDB: ${unreadable})`
      : `${dataDir} held boards (${MARKER_FILE}) but its database ${levelDir} is empty`;
  const log = logged > 0 ? ` (the write-ahead log still holds updates of ${logged} documents; they are kept)` : '';
  return new StorageDamagedError(
    `${what}${log}. To recover what is left, ${repairCommand(dataDir)}; restore DATA_DIR from a backup if nothing is; ` +
      `to start empty on purpose, delete ${join(dataDir, MARKER_FILE)}.`,
  );
}

// A sealed value: 0x00 | u32 CRC-32 of the payload (little-endian) | payload. Values written
// before sealing start with the varuint count of a list, and the only such value starting
// with 0 is the empty list, one byte long; so a longer value starting with 0 is sealed.
const SEAL_HEADER_BYTES = 5;

/** A value with its checksum, as LevelStorage writes it. */
export function sealValue(payload: Uint8Array): Uint8Array {
  const sealed = Buffer.allocUnsafe(SEAL_HEADER_BYTES + payload.byteLength);
  sealed[0] = 0;
  sealed.writeUInt32LE(crc32(payload), 1);
  sealed.set(payload, SEAL_HEADER_BYTES);
  return sealed;
}

/** The payload of a sealed value (or an unsealed value as it is); throws when the checksum fails. */
export function openValue(value: Uint8Array): Uint8Array {
  if (value.byteLength <= 1 || value[0] !== 0) return value;
  if (value.byteLength < SEAL_HEADER_BYTES) throw new Error('a record shorter than its checksum');
  const payload = value.subarray(SEAL_HEADER_BYTES);
  const stored = Buffer.from(value.buffer, value.byteOffset, value.byteLength).readUInt32LE(1);
  if (crc32(payload) !== stored) throw new Error('a record failed its checksum');
  return payload;
}

/** The document a key belongs to (`u!<docKey>!<seq>`, `h!<docKey>!<seq>`), or undefined for other keys. */
export function docKeyOf(key: string): string | undefined {
  if (!key.startsWith('u!') && !key.startsWith('h!')) return undefined;
  const end = key.lastIndexOf('!');
  return end > 2 ? key.slice(2, end) : undefined;
}

/** Which part of a document a key holds. */
function partOf(key: string): 'updates' | 'history' {
  return key.startsWith('h!') ? 'history' : 'updates';
}

/** The sequence number in a record's key (its last 16 hex digits), 0 for other keys. */
export function seqOf(key: string): number {
  if (docKeyOf(key) === undefined) return 0;
  const seq = Number.parseInt(key.slice(key.lastIndexOf('!') + 1), 16);
  return Number.isSafeInteger(seq) ? seq : 0;
}

/** What reading every record found. */
export interface ScanReport {
  /** Records read and decoded. */
  records: number;
  /** Documents with at least one readable record. */
  documents: Set<string>;
  /**
   * Documents with a record that failed its checksum or decoding, or whose key
   * range LevelDB cannot read, with what: `updates: ...` (the document refuses
   * to load) or `history: ...` (it loads; its history cannot be read).
   */
  damaged: Map<string, string>;
  /** The highest sequence number in a key. */
  maxSeq: number;
  /** LevelDB reported unreadable blocks somewhere (their keys are unknown). */
  unreadableBlocks: string | undefined;
}

/**
 * Reads every record once. `check(key, value)` throws for a value it cannot
 * decode. LevelDB skips blocks it cannot read and reports them only at the
 * end, without their keys; each document found is then read by itself to
 * learn which ones those blocks held.
 */
export async function scanDatabase(
  db: ClassicLevel<string, Uint8Array>,
  check: (key: string, value: Uint8Array) => void,
): Promise<ScanReport> {
  const report: ScanReport = {
    records: 0,
    documents: new Set(),
    damaged: new Map(),
    maxSeq: 0,
    unreadableBlocks: undefined,
  };
  const take = (key: string, value: Uint8Array) => {
    const docKey = docKeyOf(key);
    report.maxSeq = Math.max(report.maxSeq, seqOf(key));
    if (docKey === undefined) return;
    report.documents.add(docKey);
    try {
      check(key, value);
      report.records++;
    } catch (err) {
      report.damaged.set(docKey, `${partOf(key)}: ${(err as Error).message}`);
    }
  };
  // classic-level drops a whole batch when the iteration ends on LevelDB's error (which it
  // reports only at the end, having skipped the bad blocks); after such a batch the rest is
  // read again one entry at a time, so every readable record is seen.
  let lastKey: string | undefined;
  let batch = 256;
  for (;;) {
    const iterator = db.iterator(lastKey === undefined ? {} : { gt: lastKey });
    try {
      for (;;) {
        const entries = await iterator.nextv(batch);
        if (entries.length === 0) break;
        for (const [key, value] of entries) take(key, value);
        lastKey = entries.at(-1)![0];
      }
      break;
    } catch (err) {
      if (batch === 1) {
        report.unreadableBlocks = (err as { cause?: Error }).cause?.message ?? (err as Error).message;
        break;
      }
      batch = 1;
    } finally {
      await iterator.close();
    }
  }
  if (report.unreadableBlocks !== undefined) {
    for (const docKey of report.documents) {
      if (report.damaged.has(docKey)) continue;
      for (const prefix of ['u!', 'h!']) {
        try {
          await db.keys({ gte: `${prefix}${docKey}!`, lt: `${prefix}${docKey}!~` }).all();
        } catch (err) {
          const message = (err as { cause?: Error }).cause?.message ?? (err as Error).message;
          report.damaged.set(docKey, `${partOf(prefix)}: ${message}`);
          break;
        }
      }
    }
  }
  return report;
}

/** Whether an error from classic-level is LevelDB reporting damaged data. */
export function isCorruption(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string; message?: string }; message?: string };
  return (
    e?.code === 'LEVEL_CORRUPTION' ||
    e?.cause?.code === 'LEVEL_CORRUPTION' ||
    /corrupt/i.test(e?.message ?? '') ||
    /corrupt/i.test(e?.cause?.message ?? '')
  );
}

/** Whether an error from classic-level's open is another process holding the database. */
export function isLocked(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === 'LEVEL_LOCKED' || e?.cause?.code === 'LEVEL_LOCKED';
}
