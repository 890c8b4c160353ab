/**
 * Damaged embedded storage (issue "trust the board", item 6): a data directory
 * with four boards is damaged the ways a disk or an operator damages it, and
 * the server must neither serve it silently empty nor refuse every board for
 * one bad record. Behaviour chosen:
 *   - bytes flipped in one board's record (a LevelDB table): the server starts,
 *     names the board in its start warning, closes that board's connections with
 *     4510, and serves the others; `archboard repair` moves the record aside;
 *   - bytes flipped anywhere in a table: every board not named damaged is served whole;
 *   - MANIFEST cut in half, CURRENT deleted, the database gone next to the
 *     marker file: the server refuses to start (non-zero exit, one stderr line
 *     with the fix), and `archboard repair` brings every board back.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand, type CliIo } from '../../src/cli/cli';
import { applyOpsToDoc, blocksOf, docToBoard } from '../../src/doc/board-doc';
import { CLOSE_BOARD_DAMAGED } from '../../src/protocol/close-codes';
import { MARKER_FILE, StorageDamagedError } from '../../server/storage/level-health';
import { LevelStorage } from '../../server/storage/level-storage';
import { startServerProcess } from '../helpers/server';
import { connectClient, createBoard, openRawSocket, syncUrl, type CreatedBoard } from '../helpers/sync-clients';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir';
import { startTestServer } from '../helpers/test-server';
import * as Y from 'yjs';
import { encodeHistoryEntry } from '../../server/storage/history-entries';
import { WriteAheadLog } from '../../server/storage/write-ahead-log';
import { waitFor } from '../helpers/wait-for';

interface Seeded {
  dataDir: string;
  boards: CreatedBoard[];
  /** Each board's content as its clients saw it. */
  expected: Map<string, unknown>;
  /** Each board's document state, to build later updates on. */
  states: Map<string, Uint8Array>;
  /** A label only board 0 holds (with `bigBoard`), stored verbatim in the table (see MARKER). */
  marker: string;
}

/**
 * Board 0's label that the tests find in a table. LevelDB compresses each 4 KB
 * block with snappy, which replaces any run of 4 or more bytes seen earlier in
 * the block by a reference to it: a random label shares such a run with the
 * block's other labels (or begins with the byte the previous label began with)
 * often enough (6 seeds in 200), and then it appears in no table. This
 * one cannot: 74 different two-byte UTF-8 characters, so each of its 4-byte runs
 * holds a whole character found nowhere else in the block, and its first byte
 * begins no other label.
 */
const MARKER = Array.from({ length: 74 }, (_, i) => String.fromCharCode(0x100 + i)).join('');

function occurrences(bytes: Buffer, needle: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1)) count++;
  return count;
}

/** `count` boards, edited through the server, then moved by LevelDB from its log into a table. */
async function seedDataDir(count = 4, bigBoard = false): Promise<Seeded> {
  const dataDir = await makeTempDir();
  const server = await startTestServer({ dataDir });
  const boards: CreatedBoard[] = [];
  const expected = new Map<string, unknown>();
  const states = new Map<string, Uint8Array>();
  const labels = Array.from({ length: 30 }, () => randomBytes(110).toString('base64'));
  labels[15] = MARKER;
  try {
    for (let b = 0; b < count; b++) {
      const board = await createBoard(server.url, { title: `Board ${b}` });
      boards.push(board);
      const client = connectClient(server.url, board.id, board.tokens.interviewer);
      await client.synced;
      // Board 0's edit is larger than one LevelDB block (4 KB): its update and history records
      // then lie in different blocks, each compressed alone.
      const extra =
        b === 0 && bigBoard ? labels.map((label, i) => ({ id: `big-${i}`, kind: 'service', x: i, y: 3, label })) : [];
      client.doc.transact(() =>
        applyOpsToDoc(client.doc, [
          { op: 'add-block', block: { id: `cache-${b}`, kind: 'cache', x: b, y: 1 } },
          { op: 'add-block', block: { id: `db-${b}`, kind: 'sql-db', x: b, y: 2, label: `db ${b}` } },
          ...extra.map((block) => ({ op: 'add-block' as const, block })),
        ]),
      );
      await waitFor(() => client.provider.synced && client.provider.wsconnected, 'the edit sent');
      // Durable once another client sees it (the server broadcasts only what it stored).
      const reader = connectClient(server.url, board.id, board.tokens.observer);
      await waitFor(() => blocksOf(reader.doc).has(`db-${b}`), `board ${b} stored`);
      expected.set(board.id, docToBoard(reader.doc));
      states.set(board.id, Y.encodeStateAsUpdate(reader.doc));
      reader.destroy();
      client.destroy();
    }
  } finally {
    await server.stop();
  }
  // One more open and close: LevelDB writes what its own log holds into a table (.ldb).
  await (await LevelStorage.open(dataDir)).close();
  expect(tables(dataDir).length).toBeGreaterThan(0);
  if (bigBoard) {
    // Board 0's history record and its update record, each once, in one table.
    const holding = tables(dataDir).map((path) => occurrences(readFileSync(path), Buffer.from(MARKER)));
    expect(holding.filter((n) => n > 0)).toEqual([2]);
  }
  return { dataDir, boards, expected, states, marker: MARKER };
}

const levelDir = (dataDir: string) => join(dataDir, 'level');
const tables = (dataDir: string) =>
  readdirSync(levelDir(dataDir))
    .filter((name) => /\.(ldb|sst)$/.test(name))
    .map((name) => join(levelDir(dataDir), name));

/** Inverts 64 bytes of a file from `at`. */
function flip64(path: string, at: number): void {
  const bytes = readFileSync(path);
  for (let i = at; i < at + 64 && i < bytes.length; i++) bytes[i]! ^= 0xff;
  writeFileSync(path, bytes);
}

/**
 * Leaves in the write-ahead log what a process killed before its fold would: an
 * edit of `board` adding block `id`. Returns the board's content with it.
 */
function leaveInLog(seeded: Seeded, board: CreatedBoard, id: string): unknown {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, seeded.states.get(board.id)!);
  const before = Y.encodeStateVector(doc);
  applyOpsToDoc(doc, [{ op: 'add-block', block: { id, kind: 'queue', x: 9, y: 9 } }]);
  const { log } = WriteAheadLog.open(join(seeded.dataDir, 'wal'));
  void log.append(
    `history:${board.id}`,
    encodeHistoryEntry({ t: Date.now(), by: null, update: Y.encodeStateAsUpdate(doc, before) }),
  );
  log.close();
  return docToBoard(doc);
}

/** Runs `archboard repair` as the command line does, capturing its output. */
async function repair(dataDir: string): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), readFile: () => '' };
  const status = await runCommand(['repair', dataDir], io);
  return { status, out, err };
}

/** How the server answers a new connection to a board: 'served' (its first sync message) or the close code. */
async function firstAnswer(url: string, board: CreatedBoard): Promise<'served' | number> {
  const { socket, closed } = await openRawSocket(`${syncUrl(url)}/${board.id}?token=${board.tokens.observer}`);
  const served = new Promise<'served'>((resolve) => socket.once('message', () => resolve('served')));
  const answer = await Promise.race([served, closed.then(({ code }) => code)]);
  socket.terminate();
  return answer;
}

/** What a new client of a board gets from a server. */
async function contentOf(url: string, board: CreatedBoard): Promise<unknown> {
  const client = connectClient(url, board.id, board.tokens.observer);
  try {
    await client.synced;
    return docToBoard(client.doc);
  } finally {
    client.destroy();
  }
}

async function expectAllBoardsServed(seeded: Seeded): Promise<void> {
  const server = await startTestServer({ dataDir: seeded.dataDir });
  try {
    expect(server.warnings).toEqual([]);
    for (const board of seeded.boards)
      expect(await contentOf(server.url, board)).toEqual(seeded.expected.get(board.id));
  } finally {
    await server.stop();
  }
}

describe('damaged LevelDB storage', () => {
  const dirs: string[] = [];
  async function seed(count?: number, bigBoard?: boolean): Promise<Seeded> {
    const seeded = await seedDataDir(count, bigBoard);
    dirs.push(seeded.dataDir);
    return seeded;
  }
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await removeTempDir(dir);
  });

  it('flipped bytes in one board’s record: that board closes with 4510, the others are served; repair rebuilds it from its history', async () => {
    const seeded = await seed(4, true);
    // The label is in board 0's update record and in its history record; keys sort `h!` before
    // `u!`, so its last place in the table is the update record. Only that one is damaged.
    const needle = Buffer.from(seeded.marker);
    const [table] = tables(seeded.dataDir).filter((path) => readFileSync(path).includes(needle));
    flip64(table!, readFileSync(table!).lastIndexOf(needle));
    const [damaged, ...healthy] = seeded.boards;
    // The write-ahead log a killed process left is still replayed.
    seeded.expected.set(healthy[0]!.id, leaveInLog(seeded, healthy[0]!, 'from-the-log'));

    const server = await startTestServer({ dataDir: seeded.dataDir });
    try {
      expect(server.warnings).toHaveLength(1);
      expect(server.warnings[0]).toContain(`${damaged!.id} (updates)`);
      expect(server.warnings[0]).toContain(`archboard repair ${seeded.dataDir}`);
      expect(await firstAnswer(server.url, damaged!)).toBe(CLOSE_BOARD_DAMAGED);
      for (const board of healthy) expect(await contentOf(server.url, board)).toEqual(seeded.expected.get(board.id));
    } finally {
      await server.stop();
    }

    const repaired = await repair(seeded.dataDir);
    expect(repaired.status).toBe(0);
    expect(repaired.out).toMatch(new RegExp(`removed records that failed their checksum: .*${damaged!.id}`));
    expect(repaired.out).toContain('updates rebuilt from the history of');
    await expectAllBoardsServed(seeded);
  });

  it('flipped bytes in the middle of a table: every board not named damaged is served whole', async () => {
    // Enough boards for several of LevelDB's 4 KB blocks: a flip costs the boards of one block.
    const seeded = await seed(16);
    const [table] = tables(seeded.dataDir);
    flip64(table!, Math.floor(statSync(table!).size / 2));
    const server = await startTestServer({ dataDir: seeded.dataDir });
    try {
      const named = server.warnings.join(' ');
      console.log(`[damaged-storage] 64 bytes flipped mid-table: ${named || 'no warning'}`);
      expect(named).toContain('damaged records');
      let served = 0;
      for (const board of seeded.boards) {
        // Refused: its updates were in the bad block (the warning names it, unless all its records were there).
        const outcome = await firstAnswer(server.url, board);
        if (named.includes(`${board.id} (updates)`)) expect(outcome).toBe(CLOSE_BOARD_DAMAGED);
        if (outcome === CLOSE_BOARD_DAMAGED) continue;
        expect(outcome).toBe('served');
        expect(await contentOf(server.url, board)).toEqual(seeded.expected.get(board.id));
        served++;
      }
      expect(served).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
    expect((await repair(seeded.dataDir)).status).toBe(0);
    const after = await startTestServer({ dataDir: seeded.dataDir });
    await after.stop();
    expect(after.warnings).toEqual([]);
  });

  it('a table with no readable block: refuses to start, naming LevelDB’s finding and the fix', async () => {
    const seeded = await seed(1);
    for (const table of tables(seeded.dataDir)) flip64(table, 0);
    await expect(startTestServer({ dataDir: seeded.dataDir })).rejects.toThrow(
      /no record of the database .* can be read \(LevelDB: Corruption: .*\)\. To recover what is left, stop the server and run `archboard repair/,
    );
  });

  it('a MANIFEST cut in half: the server refuses to start and says to repair; repair brings every board back', async () => {
    const seeded = await seed();
    const manifest = readdirSync(levelDir(seeded.dataDir)).find((name) => name.startsWith('MANIFEST-'))!;
    const path = join(levelDir(seeded.dataDir), manifest);
    truncateSync(path, Math.floor(statSync(path).size / 2));
    const start = startTestServer({ dataDir: seeded.dataDir });
    await expect(start).rejects.toBeInstanceOf(StorageDamagedError);
    await expect(start).rejects.toThrow(`archboard repair ${seeded.dataDir}`);

    const repaired = await repair(seeded.dataDir);
    expect(repaired.status).toBe(0);
    expect(repaired.out).toContain('before: the database could not be opened');
    expect(repaired.out).toMatch(/after: +\d+ readable records in \d+ documents \(4 boards\)/);
    await expectAllBoardsServed(seeded);
  });

  it('a deleted CURRENT: the process exits non-zero with one line naming the fix, never starts empty; repair brings every board back', async () => {
    const seeded = await seed();
    unlinkSync(join(levelDir(seeded.dataDir), 'CURRENT'));
    const start = startServerProcess({ dataDir: seeded.dataDir });
    await expect(start).rejects.toThrow(/exited with 1 before listening/);
    await expect(start).rejects.toThrow(
      `Archboard could not start: The database in ${levelDir(seeded.dataDir)} has lost its CURRENT file`,
    );
    await expect(start).rejects.toThrow(`archboard repair ${seeded.dataDir}`);
    // Nothing was written over: the tables are still there for the repair.
    expect(tables(seeded.dataDir).length).toBeGreaterThan(0);

    expect((await repair(seeded.dataDir)).status).toBe(0);
    await expectAllBoardsServed(seeded);
  });

  it('a database gone or emptied next to the marker file: refuses to start instead of serving nothing', async () => {
    const seeded = await seed();
    expect(readdirSync(seeded.dataDir)).toContain(MARKER_FILE);
    rmSync(levelDir(seeded.dataDir), { recursive: true });
    await expect(startTestServer({ dataDir: seeded.dataDir })).rejects.toThrow(
      `${seeded.dataDir} held boards (${MARKER_FILE}) but its database ${levelDir(seeded.dataDir)} is missing`,
    );
    // An empty database there (a reset, a wrong volume) is refused the same way.
    const empty = new ClassicLevel(levelDir(seeded.dataDir));
    await empty.open();
    await empty.close();
    await expect(startTestServer({ dataDir: seeded.dataDir })).rejects.toThrow(/held boards .* is empty/);
    // Deleting the marker is the way to start empty on purpose.
    unlinkSync(join(seeded.dataDir, MARKER_FILE));
    const server = await startTestServer({ dataDir: seeded.dataDir });
    await server.stop();
  });

  it('writes the marker with the first board, and not before', async () => {
    const dataDir = await makeTempDir();
    dirs.push(dataDir);
    const server = await startTestServer({ dataDir });
    try {
      expect(readdirSync(dataDir)).not.toContain(MARKER_FILE);
      await createBoard(server.url);
      expect(readdirSync(dataDir)).toContain(MARKER_FILE);
    } finally {
      await server.stop();
    }
  });
});

describe('archboard repair', () => {
  it('refuses while a server runs on the data directory', async () => {
    const server = await startTestServer();
    try {
      await createBoard(server.url);
      const { status, err } = await repair(server.dataDir);
      expect(status).toBe(1);
      expect(err).toContain('is in use: stop the server first');
    } finally {
      await server.stop();
    }
  });
});
