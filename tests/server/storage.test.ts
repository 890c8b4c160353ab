import { appendFileSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LevelStorage } from '../../server/storage/level-storage';
import { decodeHistoryEntry, encodeHistoryEntry, historyEntryHead } from '../../server/storage/history-entries';
import type { HistoryEntry } from '../../server/storage/storage';
import { MemoryStorage } from '../../server/storage/memory-storage';
import { runStorageContract } from '../../server/storage/storage-contract';
import { decodeRecords, encodeRecord, WriteAheadLog } from '../../server/storage/write-ahead-log';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir';

runStorageContract('MemoryStorage', async () => {
  const documents = new Map<string, Uint8Array[]>();
  const histories = new Map<string, HistoryEntry[]>();
  return { open: async () => new MemoryStorage(documents, histories), dispose: async () => {} };
});

runStorageContract('LevelStorage (LevelDB + write-ahead log)', async () => {
  const dir = await makeTempDir();
  return { open: () => LevelStorage.open(dir), dispose: () => removeTempDir(dir) };
});

for (const fsync of ['always', 'batch'] as const) {
  runStorageContract(`LevelStorage with ARCHBOARD_FSYNC=${fsync}, folding on every append`, async () => {
    const dir = await makeTempDir();
    return { open: () => LevelStorage.open(dir, { fsync, foldBytes: 1 }), dispose: () => removeTempDir(dir) };
  });
}

runStorageContract('LevelStorage folding on every append', async () => {
  const dir = await makeTempDir();
  return { open: () => LevelStorage.open(dir, { foldBytes: 1 }), dispose: () => removeTempDir(dir) };
});

describe('write-ahead log records', () => {
  const update = (n: number) => Uint8Array.from({ length: n }, (_, i) => i % 251);

  it('round-trips records', () => {
    const bytes = Buffer.concat([
      encodeRecord('abcdef', update(10)),
      encodeRecord('abcdef/private', update(0)),
      encodeRecord('x'.repeat(64), update(3000)),
    ]);
    const { records, discardedBytes } = decodeRecords(bytes);
    expect(discardedBytes).toBe(0);
    expect(records.map((r) => [r.docKey, r.update.length])).toEqual([
      ['abcdef', 10],
      ['abcdef/private', 0],
      ['x'.repeat(64), 3000],
    ]);
    expect(records[2]!.update).toEqual(update(3000));
  });

  it('writes a record in two parts as the bytes of both', () => {
    const whole = encodeRecord('abcdef', Uint8Array.of(1, 2, 3, 4, 5));
    expect(encodeRecord('abcdef', Uint8Array.of(1, 2), Uint8Array.of(3, 4, 5))).toEqual(whole);
    expect(decodeRecords(encodeRecord('abcdef', Uint8Array.of(), update(3000))).records[0]!.update).toEqual(
      update(3000),
    );
  });

  it('frames a history entry as encodeHistoryEntry does: its head, then the update', () => {
    const names = ['', 'Ada', 'Zoë Ørsted 漢字 🙂', 'x'.repeat(40), 'lone \ud800 surrogate', 'é'.repeat(300)];
    const entries: HistoryEntry[] = [
      { t: 0, by: null, update: update(0) },
      { t: 127, by: null, update: update(128) },
      { t: Date.now(), by: null, update: update(20_000) },
      { t: 2 ** 53 - 1, by: { role: 'observer', name: 'Max' }, update: update(3) },
      ...names.flatMap((name, i) =>
        (['interviewer', 'candidate', 'observer'] as const).map((role) => ({
          t: 1_700_000_000_000 + i,
          by: { role, name },
          update: update(i * 50),
        })),
      ),
    ];
    for (const entry of entries) {
      const framed = Buffer.concat([historyEntryHead(entry, entry.update.byteLength), entry.update]);
      expect(framed).toEqual(Buffer.from(encodeHistoryEntry(entry)));
      expect(decodeHistoryEntry(framed)).toEqual(decodeHistoryEntry(encodeHistoryEntry(entry)));
    }
  });

  it('keeps whole records before a torn one, at every cut', () => {
    const whole = Buffer.concat([encodeRecord('a1b2c3', update(5)), encodeRecord('a1b2c3', update(7))]);
    const torn = encodeRecord('a1b2c3', update(40));
    for (let cut = 0; cut < torn.length; cut++) {
      const { records, discardedBytes } = decodeRecords(Buffer.concat([whole, torn.subarray(0, cut)]));
      expect(records).toHaveLength(2);
      expect(discardedBytes).toBe(cut);
    }
  });

  it('stops at a record whose checksum fails', () => {
    const good = encodeRecord('a1b2c3', update(5));
    const bad = encodeRecord('a1b2c3', update(5));
    bad[bad.length - 1]! ^= 0xff;
    const { records, discardedBytes } = decodeRecords(Buffer.concat([good, bad, good]));
    expect(records).toHaveLength(1);
    expect(discardedBytes).toBe(bad.length + good.length);
  });
});

describe('LevelStorage recovery', () => {
  it('replays a log left by a process that never folded, discarding a torn tail', async () => {
    const dir = await makeTempDir();
    try {
      // What a killed process leaves: a log segment nobody folded, its last record cut short.
      const { log } = WriteAheadLog.open(join(dir, 'wal'));
      void log.append('board-a', Uint8Array.of(1, 2, 3));
      void log.append('board-b', Uint8Array.of(4));
      log.close();
      const segment = join(dir, 'wal', readdirSync(join(dir, 'wal'))[0]!);
      const torn = encodeRecord('board-a', Uint8Array.of(9, 9, 9, 9));
      appendFileSync(segment, torn.subarray(0, torn.length - 2));

      const storage = await LevelStorage.open(dir);
      expect(storage.recovery).toEqual({ segments: 1, records: 2, discardedBytes: torn.length - 2 });
      expect(await storage.loadUpdates('board-a')).toEqual([Uint8Array.of(1, 2, 3)]);
      expect(await storage.loadUpdates('board-b')).toEqual([Uint8Array.of(4)]);
      await storage.close();
      // The replayed segment is gone; a clean close leaves no log behind.
      expect(readdirSync(join(dir, 'wal'))).toEqual([]);

      const reopened = await LevelStorage.open(dir);
      expect(reopened.recovery.records).toBe(0);
      expect(await reopened.loadUpdates('board-a')).toEqual([Uint8Array.of(1, 2, 3)]);
      await reopened.close();
    } finally {
      await removeTempDir(dir);
    }
  });

  it('recovers an empty or header-only segment', async () => {
    const dir = await makeTempDir();
    try {
      const { log } = WriteAheadLog.open(join(dir, 'wal'));
      void log.append('board-a', Uint8Array.of(1));
      log.close();
      const segment = join(dir, 'wal', readdirSync(join(dir, 'wal'))[0]!);
      truncateSync(segment, 5);
      writeFileSync(join(dir, 'wal', '000000000099.log'), '');
      const storage = await LevelStorage.open(dir);
      expect(storage.recovery).toEqual({ segments: 2, records: 0, discardedBytes: 5 });
      expect(await storage.loadUpdates('board-a')).toEqual([]);
      await storage.close();
    } finally {
      await removeTempDir(dir);
    }
  });

  it('loses and repeats nothing when boards append and load while a fold of many boards is built', async () => {
    const dir = await makeTempDir();
    try {
      const storage = await LevelStorage.open(dir, { foldIntervalMs: 60_000 });
      const boards = Array.from({ length: 100 }, (_, i) => `board-${i}`);
      const appended = new Map<string, number[]>(boards.map((board) => [board, []]));
      const asBytes = (n: number) => Uint8Array.of(n & 0xff, n >> 8);
      const asNumber = (bytes: Uint8Array) => bytes[0]! | (bytes[1]! << 8);
      let next = 0;
      const append = (board: string) => {
        const n = next++;
        appended.get(board)!.push(n);
        void storage.append(board, asBytes(n), { t: n, by: null });
      };
      for (const board of boards) for (let i = 0; i < 3; i++) append(board);
      let folded = false;
      const folding = storage.flush().then(() => (folded = true));
      // A turn of the event loop at a time while the fold is built and written: a room appends, another loads.
      const loads: Array<Promise<void>> = [];
      for (let turn = 0; !folded; turn++) {
        await new Promise((resolve) => setImmediate(resolve));
        append(boards[turn % boards.length]!);
        const board = boards[(turn * 7) % boards.length]!;
        const before = [...appended.get(board)!];
        loads.push(
          storage.loadUpdates(board).then((updates) => expect(new Set(updates.map(asNumber))).toEqual(new Set(before))),
        );
      }
      await folding;
      await Promise.all(loads);
      await storage.close();
      const reopened = await LevelStorage.open(dir);
      for (const board of boards) {
        expect((await reopened.loadUpdates(board)).map(asNumber)).toEqual(appended.get(board));
        expect((await reopened.loadHistory(board)).map((entry) => entry.t)).toEqual(appended.get(board));
      }
      await reopened.close();
    } finally {
      await removeTempDir(dir);
    }
  });

  it('writes each append to the log before returning', async () => {
    const dir = await makeTempDir();
    try {
      const storage = await LevelStorage.open(dir, { foldIntervalMs: 60_000 });
      void storage.append('board-a', Uint8Array.of(7, 7), { t: 1, by: null });
      const [segment] = readdirSync(join(dir, 'wal'));
      const { records } = decodeRecords(readFileSync(join(dir, 'wal', segment!)));
      // One record carries the update and its history entry.
      expect(records.map((r) => r.docKey)).toEqual(['history:board-a']);
      expect(decodeHistoryEntry(records[0]!.update)).toEqual({ t: 1, by: null, update: Uint8Array.of(7, 7) });
      await storage.close();
    } finally {
      await removeTempDir(dir);
    }
  });

  it('acknowledges an append at once without fsync or with fsync always, and after one shared fsync with batch', async () => {
    for (const fsync of ['off', 'always', 'batch'] as const) {
      const dir = await makeTempDir();
      try {
        const storage = await LevelStorage.open(dir, { fsync, foldIntervalMs: 60_000 });
        const acks = Array.from({ length: 20 }, (_, i) =>
          storage.append('board-a', Uint8Array.of(i), { t: i, by: null }),
        );
        if (fsync === 'batch') {
          for (const ack of acks) expect(ack).toBeInstanceOf(Promise);
          await Promise.all(acks as Promise<void>[]);
        } else {
          for (const ack of acks) expect(ack).toBeUndefined();
        }
        await storage.close();
        const reopened = await LevelStorage.open(dir, { fsync });
        expect(await reopened.loadUpdates('board-a')).toHaveLength(20);
        await reopened.close();
      } finally {
        await removeTempDir(dir);
      }
    }
  });
});
