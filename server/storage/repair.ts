/**
 * `archboard repair DATA_DIR`: recovers what a damaged embedded store still
 * holds, with the server stopped. LevelDB's own repair (classic-level's
 * static `repair`) rebuilds CURRENT and the MANIFEST from the tables and logs
 * it finds, keeps every entry of a damaged table it can still read, and moves
 * what it cannot use into `level/lost/`. Then every record is checked again:
 * a record that fails its checksum or decoding is moved out of the database
 * into `DATA_DIR/repair-<time>/` (as a file, for a later look) so its board
 * loads what is left; the write-ahead log is left as it is, for the next
 * start to replay. The report says what was kept and what was not.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ClassicLevel } from 'classic-level';
import { docKeyOf, hasMarker, isLocked, scanDatabase, seqOf, writeMarker, type ScanReport } from './level-health';
import { decodeHistoryValue, decodeUpdateList, encodeSeq, encodeUpdateList, entryKey, SEQ_KEY } from './level-storage';

/** What a repair did. */
export interface RepairReport {
  dataDir: string;
  /** Readable records and documents before the repair, or why the database could not be opened. */
  before: { records: number; documents: number; damaged: number } | { error: string };
  /** Readable records and documents after it. */
  after: { records: number; documents: number; boards: number };
  /** Documents whose records were all kept. */
  intact: string[];
  /** Documents given back their updates from their history (every update is also a history entry). */
  fromHistory: string[];
  /** Records moved out of the database because they failed their checksum or decoding, by document. */
  removed: Map<string, number>;
  /** Where those records went, when there were any. */
  removedTo: string | undefined;
  /** Files LevelDB set aside (`level/lost/`). */
  lostFiles: string[];
}

/** Thrown when repairing is refused (no database there, or the server is running on it). */
export class RepairRefused extends Error {}

function checkRecord(key: string, value: Uint8Array): void {
  if (key.startsWith('h!')) decodeHistoryValue(value);
  else decodeUpdateList(value);
}

async function scan(levelDir: string): Promise<ScanReport> {
  const db = new ClassicLevel<string, Uint8Array>(levelDir, {
    keyEncoding: 'utf8',
    valueEncoding: 'view',
    createIfMissing: false,
  });
  await db.open();
  try {
    return await scanDatabase(db, checkRecord);
  } finally {
    await db.close();
  }
}

/** Repairs the store in `dataDir` (the server must be stopped) and reports what it kept. */
export async function repairDataDir(dataDir: string, now = new Date()): Promise<RepairReport> {
  const dir = resolve(dataDir);
  const levelDir = join(dir, 'level');
  if (!existsSync(levelDir)) throw new RepairRefused(`${dir} holds no database (no ${levelDir})`);

  let before: RepairReport['before'];
  try {
    const report = await scan(levelDir);
    before = { records: report.records, documents: report.documents.size, damaged: report.damaged.size };
  } catch (err) {
    if (isLocked(err)) throw new RepairRefused(`${levelDir} is in use: stop the server first`);
    before = { error: (err as { cause?: Error }).cause?.message ?? (err as Error).message };
  }

  await ClassicLevel.repair(levelDir);

  // LevelDB kept what its own checks pass; the records' checksums find what they let through.
  const db = new ClassicLevel<string, Uint8Array>(levelDir, {
    keyEncoding: 'utf8',
    valueEncoding: 'view',
    createIfMissing: false,
  });
  await db.open();
  const removed = new Map<string, number>();
  let removedTo: string | undefined;
  let report: ScanReport;
  let fromHistory: string[];
  try {
    const bad: Array<[string, Uint8Array]> = [];
    for await (const [key, value] of db.iterator()) {
      try {
        if (docKeyOf(key) !== undefined) checkRecord(key, value);
      } catch {
        bad.push([key, value]);
      }
    }
    if (bad.length > 0) {
      removedTo = join(dir, `repair-${now.toISOString().replace(/[:.]/g, '-')}`);
      mkdirSync(removedTo, { recursive: true });
      for (const [key, value] of bad) {
        writeFileSync(join(removedTo, encodeURIComponent(key)), value);
        const docKey = docKeyOf(key)!;
        removed.set(docKey, (removed.get(docKey) ?? 0) + 1);
      }
      await db.batch(
        bad.map(([key]) => ({ type: 'del' as const, key })),
        { sync: true },
      );
    }
    fromHistory = await restoreFromHistory(db);
    report = await scanDatabase(db, checkRecord);
  } finally {
    await db.close();
  }

  const documents = [...report.documents];
  if (documents.length > 0 && !hasMarker(dir)) writeMarker(dir);
  const lostDir = join(levelDir, 'lost');
  return {
    dataDir: dir,
    before,
    after: {
      records: report.records,
      documents: documents.length,
      boards: new Set(documents.map((docKey) => docKey.split('/')[0])).size,
    },
    fromHistory,
    intact: documents.filter((docKey) => !removed.has(docKey) && !report.damaged.has(docKey)).sort(),
    removed,
    removedTo,
    lostFiles: existsSync(lostDir) ? readdirSync(lostDir).sort() : [],
  };
}

/**
 * A lost update record leaves a board without edits its history still holds
 * (each update is also a history entry; compaction never touches them). Every
 * document with history gets those updates back as one more update record:
 * Yjs updates are idempotent, so for a board that lost nothing this changes
 * nothing, and the room's next unload compacts it away.
 */
async function restoreFromHistory(db: ClassicLevel<string, Uint8Array>): Promise<string[]> {
  const updates = new Map<string, Uint8Array[]>();
  let seq = 0;
  for await (const [key, value] of db.iterator()) {
    seq = Math.max(seq, seqOf(key));
    const docKey = docKeyOf(key);
    if (docKey === undefined || !key.startsWith('h!')) continue;
    const list = updates.get(docKey) ?? [];
    for (const entry of decodeHistoryValue(value)) list.push(entry.update);
    updates.set(docKey, list);
  }
  const ops: Array<{ type: 'put'; key: string; value: Uint8Array }> = [];
  for (const [docKey, list] of updates)
    if (list.length > 0) ops.push({ type: 'put', key: entryKey(docKey, ++seq), value: encodeUpdateList(list) });
  if (ops.length === 0) return [];
  ops.push({ type: 'put', key: SEQ_KEY, value: encodeSeq(seq) });
  await db.batch(ops, { sync: true });
  return ops
    .slice(0, -1)
    .map((op) => docKeyOf(op.key)!)
    .sort();
}

/** The report as the command prints it. */
export function repairReportText(report: RepairReport): string {
  const lines = [`Repaired ${report.dataDir}`];
  const { before, after } = report;
  lines.push(
    'error' in before
      ? `  before: the database could not be opened (${before.error})`
      : `  before: ${before.records} readable records in ${before.documents} documents, ${before.damaged} of them damaged`,
  );
  lines.push(`  after:  ${after.records} readable records in ${after.documents} documents (${after.boards} boards)`);
  if (report.removed.size > 0) {
    const list = [...report.removed].map(([docKey, count]) => `${docKey} (${count})`).join(', ');
    lines.push(`  removed records that failed their checksum: ${list}; saved in ${report.removedTo}`);
    lines.push('  those boards load what is left; a page still holding one resends its copy when it reconnects');
  }
  if (report.fromHistory.length > 0)
    lines.push(
      `  updates rebuilt from the history of ${report.fromHistory.length} documents (what a lost update record held comes back)`,
    );
  if (report.lostFiles.length > 0)
    lines.push(`  LevelDB set aside what it could not use in level/lost/: ${report.lostFiles.join(', ')}`);
  if (existsSync(join(report.dataDir, 'wal')) && readdirSync(join(report.dataDir, 'wal')).length > 0)
    lines.push('  the write-ahead log is left in wal/; the next start replays it');
  lines.push('Start the server again.');
  return `${lines.join('\n')}\n`;
}
