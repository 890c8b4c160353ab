/**
 * A document's history made seekable: every update applied once (when the
 * replay opens) with a keyframe, the encoded state, every KEYFRAME_EVERY
 * entries, so the document at any moment is one keyframe plus at most that
 * many updates away. While applying it also records who added each block
 * (the "who drew this" tint) and every state the interview timer was
 * written with (the chapters).
 */
import * as Y from 'yjs';
import { blocksOf, docToBoard, sessionOf } from '../doc/board-doc';
import type { Board } from '../board/types';
import { readTimerState } from '../interview/timer';
import { interviewTimeline, type InterviewTimeline, type TimerMoment } from '../interview/chapters';
import type { HistoryAuthor, HistoryEntry } from './history-client';

/** Entries between keyframes: seeking applies at most this many updates. */
export const KEYFRAME_EVERY = 200;

/** A stretch without edits longer than this is idle: playback skips it when asked. */
export const IDLE_GAP_MS = 20_000;

interface Keyframe {
  /** Entries applied: the state is that of entries[0..count). */
  count: number;
  state: Uint8Array;
}

export class ReplayHistory {
  readonly start: number;
  readonly end: number;
  /** Who first added each block. */
  readonly blockAuthors = new Map<string, HistoryAuthor | null>();
  /** Everyone who sent an update, in order of first appearance. */
  readonly authors: HistoryAuthor[] = [];
  readonly timeline: InterviewTimeline;
  private readonly keyframes: Keyframe[] = [];
  private readonly times: number[];

  constructor(readonly entries: readonly HistoryEntry[]) {
    this.times = entries.map((e) => e.t);
    this.start = this.times[0] ?? 0;
    this.end = this.times.at(-1) ?? 0;
    const doc = new Y.Doc();
    const timerMoments: TimerMoment[] = [];
    let author: HistoryAuthor | null = null;
    blocksOf(doc).observe((event) => {
      for (const [id, change] of event.changes.keys)
        if (change.action === 'add' && !this.blockAuthors.has(id)) this.blockAuthors.set(id, author);
    });
    const seen = new Set<string>();
    let timerValue: unknown;
    entries.forEach((entry, i) => {
      if (i % KEYFRAME_EVERY === 0) this.keyframes.push({ count: i, state: Y.encodeStateAsUpdate(doc) });
      author = entry.by;
      if (entry.by) {
        const key = `${entry.by.role}\n${entry.by.name}`;
        if (!seen.has(key)) {
          seen.add(key);
          this.authors.push(entry.by);
        }
      }
      Y.applyUpdate(doc, entry.update);
      // The timer is written whole: a new value object means a new state.
      const value = sessionOf(doc).get('timer');
      if (value !== timerValue) {
        timerValue = value;
        timerMoments.push({ t: entry.t, state: readTimerState(value) });
      }
    });
    this.timeline = interviewTimeline(timerMoments);
    doc.destroy();
  }

  /** How many entries lie at or before `t`. */
  countAt(t: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** A new doc holding the document as it was at `t`. The caller destroys it. */
  docAt(t: number): Y.Doc {
    const count = this.countAt(t);
    const doc = new Y.Doc();
    const keyframe = this.keyframes[Math.floor(count / KEYFRAME_EVERY)] ?? this.keyframes.at(-1);
    let applied = 0;
    if (keyframe && keyframe.count <= count) {
      Y.applyUpdate(doc, keyframe.state);
      applied = keyframe.count;
    }
    for (let i = applied; i < count; i++) Y.applyUpdate(doc, this.entries[i]!.update);
    return doc;
  }

  /** The board as it was at `t`. */
  boardAt(t: number): Board {
    const doc = this.docAt(t);
    const board = docToBoard(doc);
    doc.destroy();
    return board;
  }

  /** The time of the next entry after `t`, or null at the end. */
  nextEditAfter(t: number): number | null {
    return this.times[this.countAt(t)] ?? null;
  }

  /** The time of the last entry before `t`, or null at the start. */
  previousEditBefore(t: number): number | null {
    let count = this.countAt(t);
    while (count > 0 && this.times[count - 1]! >= t) count--;
    return count > 0 ? this.times[count - 1]! : null;
  }

  /** Where playback goes from `t`, skipping an idle stretch: the next edit when it is more than IDLE_GAP_MS away. */
  skipIdle(t: number): number {
    const next = this.nextEditAfter(t);
    return next !== null && next - t > IDLE_GAP_MS ? next - 1_000 : t;
  }
}

/** A finding's appearance or fix on the timeline. */
export interface FindingMark {
  t: number;
  kind: 'appeared' | 'fixed';
  /** The finding's rule and message. */
  rule: string;
  message: string;
}

/** A finding as the replay compares it between moments. */
export interface ReplayFinding {
  rule: string;
  message: string;
  blocks: readonly string[];
}

/** Samples between yields of findingMarks: about a frame's work. */
const SAMPLES_PER_YIELD = 20;

/**
 * Lints the board every `sampleMs` of history (and at the end) and marks where
 * findings appeared and where they went away. Walks forward through one doc,
 * yielding between batches so the page stays responsive; the marks grow as it goes.
 */
export async function findingMarks(
  history: ReplayHistory,
  lintBoard: (board: Board) => readonly ReplayFinding[],
  sampleMs = 5_000,
  yieldNow: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0)),
): Promise<FindingMark[]> {
  const marks: FindingMark[] = [];
  const doc = new Y.Doc();
  let previous = new Map<string, ReplayFinding>();
  let applied = 0;
  let samples = 0;
  for (let t = history.start; ; t = Math.min(t + sampleMs, history.end)) {
    const count = history.countAt(t);
    for (; applied < count; applied++) Y.applyUpdate(doc, history.entries[applied]!.update);
    const current = new Map(lintBoard(docToBoard(doc)).map((f) => [`${f.rule}|${[...f.blocks].sort().join(',')}`, f]));
    for (const [key, f] of current)
      if (!previous.has(key)) marks.push({ t, kind: 'appeared', rule: f.rule, message: f.message });
    for (const [key, f] of previous)
      if (!current.has(key)) marks.push({ t, kind: 'fixed', rule: f.rule, message: f.message });
    previous = current;
    if (t >= history.end) break;
    if (++samples % SAMPLES_PER_YIELD === 0) await yieldNow();
  }
  doc.destroy();
  return marks;
}
