/**
 * Where persisting latency comes from, measured in-process without a network:
 * the time from "persist this update" to "it survives kill -9", per update,
 * for three ways of doing it. Typical board updates are 40-120 bytes.
 *
 *   write-ahead log   fs.writeSync of one record (what the server does by default),
 *                     and with ARCHBOARD_FSYNC=always and =batch
 *   LevelDB per update await db.put for each update (what y-leveldb amounts to)
 *   LevelDB group commit await one db.batch per tick of updates
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import { WriteAheadLog } from '../server/storage/write-ahead-log';
import { quantile } from './machine';

/** Latency percentiles of one way of persisting, in microseconds. */
export interface DurabilityCost {
  method: string;
  p50Micros: number;
  p99Micros: number;
}

const UPDATES = 5_000;
/** Fewer where each waits for the disk. */
const SYNCED_UPDATES = 1_500;
/** Updates arriving in one event-loop tick under the 200-room load: 12,000/s, a tick every few ms. */
const PER_TICK = 30;

function sampleUpdate(i: number): Uint8Array {
  return Uint8Array.from({ length: 40 + (i % 80) }, (_, j) => (i + j) % 256);
}

/** Measures the three methods once each. */
export async function measureDurabilityCost(): Promise<DurabilityCost[]> {
  const dir = await mkdtemp(join(tmpdir(), 'archboard-durability-'));
  try {
    const results: DurabilityCost[] = [];
    const summarize = (method: string, micros: number[]) =>
      results.push({ method, p50Micros: quantile(micros, 0.5), p99Micros: quantile(micros, 0.99) });

    const { log } = WriteAheadLog.open(join(dir, 'wal'));
    const walTimes: number[] = [];
    for (let i = 0; i < UPDATES; i++) {
      const update = sampleUpdate(i);
      const started = performance.now();
      void log.append('board-1234567', update);
      walTimes.push((performance.now() - started) * 1000);
    }
    log.close();
    summarize('write-ahead log, ARCHBOARD_FSYNC=off (fs.writeSync, no event-loop hop)', walTimes);

    // Survives a power cut too: each record fsynced before the append returns.
    const always = WriteAheadLog.open(join(dir, 'wal-always'), 'always').log;
    const alwaysTimes: number[] = [];
    for (let i = 0; i < SYNCED_UPDATES; i++) {
      const started = performance.now();
      void always.append('board-1234567', sampleUpdate(i));
      alwaysTimes.push((performance.now() - started) * 1000);
    }
    always.close();
    summarize('write-ahead log, ARCHBOARD_FSYNC=always (fsync per update, blocks the loop)', alwaysTimes);

    // The updates of one tick share one fsync; each is acknowledged (and broadcast) when it ends.
    const batch = WriteAheadLog.open(join(dir, 'wal-batch'), 'batch').log;
    const batchedTimes: number[] = [];
    for (let i = 0; i < SYNCED_UPDATES; i += PER_TICK) {
      const started = performance.now();
      const acks = Array.from({ length: PER_TICK }, (_, j) =>
        (batch.append('board-1234567', sampleUpdate(i + j)) as Promise<void>).then(() =>
          batchedTimes.push((performance.now() - started) * 1000),
        ),
      );
      await Promise.all(acks);
    }
    batch.close();
    summarize(`write-ahead log, ARCHBOARD_FSYNC=batch (${PER_TICK} updates a tick share one fsync)`, batchedTimes);

    const db = new ClassicLevel<string, Uint8Array>(join(dir, 'level'), { keyEncoding: 'utf8', valueEncoding: 'view' });
    await db.open();
    const putTimes: number[] = [];
    for (let i = 0; i < UPDATES; i++) {
      const started = performance.now();
      await db.put(`u!board!${String(i).padStart(8, '0')}`, sampleUpdate(i));
      putTimes.push((performance.now() - started) * 1000);
    }
    summarize('LevelDB, one awaited put per update', putTimes);

    const batchTimes: number[] = [];
    for (let i = 0; i < UPDATES; i += PER_TICK) {
      const started = performance.now();
      await db.batch(
        Array.from({ length: PER_TICK }, (_, j) => ({
          type: 'put' as const,
          key: `g!board!${String(i + j).padStart(8, '0')}`,
          value: sampleUpdate(i + j),
        })),
      );
      // Every update of the tick waits for the whole batch.
      const micros = (performance.now() - started) * 1000;
      for (let j = 0; j < PER_TICK; j++) batchTimes.push(micros);
    }
    summarize(`LevelDB group commit, one awaited batch per tick (${PER_TICK} updates)`, batchTimes);
    await db.close();
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
