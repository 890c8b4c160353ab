/**
 * History: a recorded 45-minute interview of 10,000 updates (two people
 * drawing, dragging, typing notes and requirements, the interviewer moving
 * the timer through the 8 steps), stored through LevelStorage exactly as the
 * server stores it. Measured: the replay opening (history read from storage,
 * encoded as the endpoint's JSON, parsed and validated as the browser does,
 * every update applied once with keyframes, the last board built: the
 * replay view's work before React paints), seeking to random moments, and
 * the bytes of history against the bytes of the board's current state, raw
 * and coarsened. Reference: applying the same 10,000 updates to one Y.Doc.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { applyOpsToDoc, blocksOf, ensureDocSkeleton, notesOf, requirementsOf, sessionOf } from '../src/doc/board-doc';
import { initialTimer, nextPhase, start, type TimerState } from '../src/interview/timer';
import { parseHistory } from '../src/sync/history-client';
import { ReplayHistory } from '../src/sync/replay-history';
import { coarsenEntries, coarseningCut } from '../server/history/coarsen';
import { encodeHistoryEntry } from '../server/storage/history-entries';
import { LevelStorage } from '../server/storage/level-storage';
import type { HistoryAuthor, HistoryEntry } from '../server/storage/storage';
import { median, quantile } from './machine';
import type { BenchSuite } from './run';

const UPDATES = 10_000;
const INTERVIEW_MS = 45 * 60_000;
const RUNS = 5;
const SEEKS = 200;

const candidate: HistoryAuthor = { name: 'Candidate', role: 'candidate' };
const interviewer: HistoryAuthor = { name: 'Interviewer', role: 'interviewer' };

/** A seeded PRNG (mulberry32): the same interview every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The interview as history entries: bursts of edits (a drag, a typed sentence) between pauses. */
export function recordInterview(startT = Date.UTC(2026, 10, 2, 14, 0, 0)): HistoryEntry[] {
  const rand = random(45);
  const doc = new Y.Doc();
  const entries: HistoryEntry[] = [];
  let t = startT;
  let by: HistoryAuthor | null = null;
  doc.on('update', (update: Uint8Array) => entries.push({ t, by, update }));
  ensureDocSkeleton(doc);
  by = interviewer;
  let timer: TimerState = start(initialTimer(45), t);
  sessionOf(doc).set('timer', timer);
  let blocks = 0;
  while (entries.length < UPDATES) {
    const progress = (t - startT) / INTERVIEW_MS;
    const phase = Math.min(7, Math.floor(progress * 8));
    if (phase > timer.phaseIndex) {
      by = interviewer;
      sessionOf(doc).set('timer', (timer = nextPhase(timer, t)));
    }
    by = rand() < 0.8 ? candidate : interviewer;
    const action = rand();
    const before = entries.length;
    if (phase < 2) {
      // Requirements and estimation: typing.
      const functional = requirementsOf(doc).get('functional') as Y.Array<string>;
      if (action < 0.05) functional.push([`Requirement ${functional.length + 1}`]);
      else notesOf(doc).get('api')!.insert(0, 'x');
    } else if (action < 0.04 || blocks < 3) {
      applyOpsToDoc(doc, [{ op: 'add-block', block: { id: `b${++blocks}`, kind: 'service', x: 0, y: 0 } }]);
      if (blocks > 1)
        applyOpsToDoc(doc, [{ op: 'add-link', link: { id: `l${blocks}`, from: `b${blocks - 1}`, to: `b${blocks}` } }]);
    } else if (action < 0.8) {
      // A drag: 20 position updates 50 ms apart.
      const id = `b${1 + Math.floor(rand() * blocks)}`;
      for (let step = 0; step < 20 && entries.length < UPDATES; step++) {
        t += 50;
        doc.transact(() =>
          blocksOf(doc)
            .get(id)
            ?.set('x', Math.round(rand() * 2000)),
        );
      }
    } else {
      notesOf(doc).get('tradeoffs')!.insert(0, 'y');
    }
    // Spread what is left evenly over the time left, with now and then a pause to think.
    const left = (startT + INTERVIEW_MS - t) / Math.max(1, UPDATES - before);
    t += Math.max(1, Math.round(left * (entries.length - before) * (rand() < 0.01 ? 20 : 2 * rand())));
  }
  entries.length = UPDATES;
  return entries;
}

const entryBytes = (entries: readonly HistoryEntry[]) =>
  entries.reduce((sum, e) => sum + encodeHistoryEntry(e).byteLength, 0);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function run(): Promise<string> {
  const recorded = recordInterview();
  const dir = await mkdtemp(join(tmpdir(), 'archboard-bench-history-'));
  const storage = await LevelStorage.open(dir);
  for (const entry of recorded) storage.append('bench', entry.update, entry);
  await storage.flush();

  const opens: number[] = [];
  const references: number[] = [];
  let history: ReplayHistory | undefined;
  // The first run pays for compiling Yjs and the replay code, as a page opening the replay does.
  let firstOpen = 0;
  for (let i = 0; i < RUNS; i++) {
    let started = performance.now();
    const stored = await storage.loadHistory('bench');
    const json = JSON.stringify({
      entries: stored.map((e) => ({ t: e.t, by: e.by, update: Buffer.from(e.update).toString('base64') })),
    });
    history = new ReplayHistory(parseHistory(JSON.parse(json)));
    history.boardAt(history.end);
    opens.push(performance.now() - started);
    if (i === 0) firstOpen = opens[0]!;

    started = performance.now();
    const doc = new Y.Doc();
    for (const entry of recorded) Y.applyUpdate(doc, entry.update);
    references.push(performance.now() - started);
    doc.destroy();
  }
  const replay = history!;
  const rand = random(7);
  const seeks: number[] = [];
  for (let i = 0; i < SEEKS; i++) {
    const at = replay.start + rand() * (replay.end - replay.start);
    const started = performance.now();
    replay.boardAt(at);
    seeks.push(performance.now() - started);
  }

  const finalDoc = new Y.Doc();
  for (const entry of recorded) Y.applyUpdate(finalDoc, entry.update);
  const stateBytes = Y.encodeStateAsUpdate(finalDoc).byteLength;
  const rawBytes = entryBytes(recorded);
  const span = replay.end - replay.start;
  const coarsenAt = (now: number) => {
    const cut = coarseningCut(now);
    return entryBytes([
      ...coarsenEntries(
        recorded.filter((e) => e.t < cut),
        now,
      ),
      ...recorded.filter((e) => e.t >= cut),
    ]);
  };
  const day = 24 * 3600_000;
  const perSecond = coarsenAt(replay.end + day + 1_000);
  const perMinute = coarsenAt(replay.end + 31 * day);
  const perHour = (bytes: number) => kb((bytes / span) * 3600_000);
  await storage.close();
  await rm(dir, { recursive: true, force: true });

  const openMs = median(opens);
  const seekMedian = median(seeks);
  const seekP95 = quantile(seeks, 0.95);
  return [
    '## History and replay (issue 13)',
    '',
    `A recorded ${Math.round(span / 60_000)}-minute interview of ${UPDATES.toLocaleString('en')} updates by two people (drags of 20 moves, typed notes and requirements, ${recorded.length > 0 ? 'the timer through the 8 steps' : ''}), stored through LevelStorage. "Open" is the replay's work before React paints: history read from storage, encoded as the endpoint's JSON, parsed and validated as the browser does, every update applied once with a keyframe every 200, and the last board built. "Seek" builds the board at ${SEEKS} random moments. Reference: applying the same updates to one Y.Doc. Medians of ${RUNS} runs. Timed in Node, not in the browser.`,
    '',
    '| measure | figure | aim |',
    '| --- | ---: | --- |',
    `| open the replay, median | ${openMs.toFixed(0)} ms | < 1 s: ${openMs < 1000 ? 'met' : 'not met'} |`,
    `| open the replay, first run (cold JIT) | ${firstOpen.toFixed(0)} ms | < 1 s: ${firstOpen < 1000 ? 'met' : 'not met'} |`,
    `| reference: apply 10,000 updates | ${median(references).toFixed(0)} ms | |`,
    `| seek, median | ${seekMedian.toFixed(2)} ms | < 50 ms: ${seekMedian < 50 ? 'met' : 'not met'} |`,
    `| seek, p95 | ${seekP95.toFixed(2)} ms | < 50 ms: ${seekP95 < 50 ? 'met' : 'not met'} |`,
    `| board's current state | ${kb(stateBytes)} | |`,
    `| history, raw (first 24 h) | ${kb(rawBytes)} (${(rawBytes / stateBytes).toFixed(1)}× the state), ${perHour(rawBytes)} per hour of editing | |`,
    `| history, per second (after 24 h) | ${kb(perSecond)} (${(perSecond / stateBytes).toFixed(1)}× the state), ${perHour(perSecond)} per hour | |`,
    `| history, per minute (after 30 days) | ${kb(perMinute)} (${(perMinute / stateBytes).toFixed(1)}× the state), ${perHour(perMinute)} per hour | |`,
  ].join('\n');
}

const suite: BenchSuite = { title: 'History and replay', run };
export default suite;
