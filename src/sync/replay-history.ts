/**
 * A document's history made seekable. Opening it applies every update once,
 * in a few large transactions, recording who added each block (the "who drew
 * this" tint) and every state the interview timer was written with (the
 * chapters), and keeps the last board, where a replay opens. Keyframes (the
 * encoded state every KEYFRAME_EVERY entries) are built when a seek first
 * needs one, or ahead of time by `prepareSeeks` once the replay is on
 * screen, so the document at any moment is one keyframe plus at most that
 * many updates away.
 */
import * as Y from 'yjs';
import { blocksOf, docToBoard, sessionOf } from '../doc/board-doc';
import type { Board } from '../board/types';
import { readTimerState } from '../interview/timer';
import { interviewTimeline, type InterviewTimeline, type TimerMoment } from '../interview/chapters';
import type { HistoryAuthor, HistoryEntry } from './history-client';

/** Entries between keyframes: seeking applies at most this many updates, in one transaction. */
export const KEYFRAME_EVERY = 500;

/** A stretch without edits longer than this is idle: playback skips it when asked. */
export const IDLE_GAP_MS = 20_000;

/** Applies entries [from, to) to `doc` in one transaction (per-update transactions cost several times more). */
function applyEntries(doc: Y.Doc, entries: readonly HistoryEntry[], from: number, to: number): void {
  doc.transact(() => {
    for (let i = from; i < to; i++) Y.applyUpdate(doc, entries[i]!.update);
  });
}

export class ReplayHistory {
  readonly start: number;
  readonly end: number;
  /** Who first added each block. */
  readonly blockAuthors = new Map<string, HistoryAuthor | null>();
  /** Everyone who sent an update, in order of first appearance. */
  readonly authors: HistoryAuthor[] = [];
  readonly timeline: InterviewTimeline;
  /** keyframes[k]: the state after the first k × KEYFRAME_EVERY entries, once built. */
  private readonly keyframes: (Uint8Array | undefined)[];
  private readonly times: number[];
  /** The board after every entry: where the replay opens. */
  private readonly lastBoard: Board;
  /** The doc of the last moment boardAt built, and how many entries it holds. */
  private cursor: { doc: Y.Doc; count: number } | null = null;

  constructor(readonly entries: readonly HistoryEntry[]) {
    this.times = entries.map((e) => e.t);
    this.start = this.times[0] ?? 0;
    this.end = this.times.at(-1) ?? 0;
    this.keyframes = new Array<Uint8Array | undefined>(Math.floor(entries.length / KEYFRAME_EVERY) + 1);
    const doc = new Y.Doc();
    this.keyframes[0] = Y.encodeStateAsUpdate(doc);
    const timerMoments: TimerMoment[] = [];
    // Every key the blocks map ever had (Yjs keeps a deleted key's last item): it grows when a block is first added.
    const blockKeys = blocksOf(doc)._map;
    const seen = new Set<string>();
    let timerValue: unknown;
    // One transaction for the whole pass: nothing observes, and the values read after each update
    // (the timer, the blocks' keys) are already integrated inside a transaction.
    doc.transact(() => {
      for (const entry of entries) {
        if (entry.by) {
          const key = `${entry.by.role}\n${entry.by.name}`;
          if (!seen.has(key)) {
            seen.add(key);
            this.authors.push(entry.by);
          }
        }
        const keysBefore = blockKeys.size;
        Y.applyUpdate(doc, entry.update);
        if (blockKeys.size !== keysBefore)
          for (const id of blockKeys.keys()) if (!this.blockAuthors.has(id)) this.blockAuthors.set(id, entry.by);
        // The timer is written whole: a new value object means a new state.
        const value = sessionOf(doc).get('timer');
        if (value !== timerValue) {
          timerValue = value;
          timerMoments.push({ t: entry.t, state: readTimerState(value) });
        }
      }
    });
    this.timeline = interviewTimeline(timerMoments);
    this.lastBoard = docToBoard(doc);
    doc.destroy();
  }

  /** The state after the first k × KEYFRAME_EVERY entries, built (with the ones before it) if need be. */
  private keyframe(k: number): Uint8Array {
    let built = k;
    while (this.keyframes[built] === undefined) built--;
    if (built === k) return this.keyframes[k]!;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, this.keyframes[built]!);
    for (let next = built + 1; next <= k; next++) {
      applyEntries(doc, this.entries, (next - 1) * KEYFRAME_EVERY, next * KEYFRAME_EVERY);
      this.keyframes[next] = Y.encodeStateAsUpdate(doc);
    }
    doc.destroy();
    return this.keyframes[k]!;
  }

  /**
   * Builds the keyframes not built yet, one per slice of work, so that later
   * seeks never build one; stops when `cancelled` says so.
   */
  async prepareSeeks(
    yieldNow: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0)),
    cancelled: () => boolean = () => false,
  ): Promise<void> {
    for (let k = 1; k < this.keyframes.length; k++) {
      if (cancelled()) return;
      if (this.keyframes[k] !== undefined) continue;
      this.keyframe(k);
      await yieldNow();
    }
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
    const k = Math.floor(count / KEYFRAME_EVERY);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, this.keyframe(k));
    applyEntries(doc, this.entries, k * KEYFRAME_EVERY, count);
    return doc;
  }

  /** The board as it was at `t`. */
  boardAt(t: number): Board {
    const count = this.countAt(t);
    if (count === this.entries.length) return structuredClone(this.lastBoard);
    // Forward from the last moment asked (playback, a seek later on): apply only what lies between,
    // to the same doc; otherwise start again from the keyframe.
    const cursor = this.cursor;
    if (cursor && cursor.count <= count && count - cursor.count <= KEYFRAME_EVERY) {
      applyEntries(cursor.doc, this.entries, cursor.count, count);
      cursor.count = count;
      return docToBoard(cursor.doc);
    }
    cursor?.doc.destroy();
    this.cursor = { doc: this.docAt(t), count };
    return docToBoard(this.cursor.doc);
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

/** findingMarks works in slices of about this many milliseconds, so a seek or a click waits no longer than that. */
const SLICE_MS = 8;

/**
 * Lints the board every `sampleMs` of history (and at the end) and marks where
 * findings appeared and where they went away. Walks forward through one doc,
 * yielding every few milliseconds so the page stays responsive.
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
  let sliceStart = performance.now();
  for (let t = history.start; ; t = Math.min(t + sampleMs, history.end)) {
    const count = history.countAt(t);
    applyEntries(doc, history.entries, applied, count);
    applied = count;
    const current = new Map(lintBoard(docToBoard(doc)).map((f) => [`${f.rule}|${[...f.blocks].sort().join(',')}`, f]));
    for (const [key, f] of current)
      if (!previous.has(key)) marks.push({ t, kind: 'appeared', rule: f.rule, message: f.message });
    for (const [key, f] of previous)
      if (!current.has(key)) marks.push({ t, kind: 'fixed', rule: f.rule, message: f.message });
    previous = current;
    if (t >= history.end) break;
    if (performance.now() - sliceStart >= SLICE_MS) {
      await yieldNow();
      sliceStart = performance.now();
    }
  }
  doc.destroy();
  return marks;
}
