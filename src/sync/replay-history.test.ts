import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyOpsToDoc, blocksOf, docToBoard, ensureDocSkeleton, sessionOf } from '../doc/board-doc';
import { initialTimer, nextPhase, start } from '../interview/timer';
import type { HistoryAuthor, HistoryEntry } from './history-client';
import { findingMarks, KEYFRAME_EVERY, ReplayHistory } from './replay-history';

const ana: HistoryAuthor = { name: 'Ana', role: 'candidate' };
const ivo: HistoryAuthor = { name: 'Ivo', role: 'interviewer' };

/** Records a doc's updates as history entries at the clock's time. */
function recorder() {
  const doc = new Y.Doc();
  const entries: HistoryEntry[] = [];
  const clock = { t: 1_000, by: null as HistoryAuthor | null };
  doc.on('update', (update: Uint8Array) => entries.push({ t: clock.t, by: clock.by, update }));
  return { doc, entries, clock };
}

describe('ReplayHistory', () => {
  const { doc, entries, clock } = recorder();
  ensureDocSkeleton(doc);
  const boards = new Map<number, unknown>();
  let timer = start(initialTimer(45), 1_000);
  sessionOf(doc).set('timer', timer);
  for (let i = 0; i < 3 * KEYFRAME_EVERY + 17; i++) {
    clock.t += 1_000;
    clock.by = i % 2 ? ivo : ana;
    if (i % 5 === 0) applyOpsToDoc(doc, [{ op: 'add-block', block: { id: `b${i}`, kind: 'service', x: i, y: 0 } }]);
    else applyOpsToDoc(doc, [{ op: 'update-block', id: `b${i - (i % 5)}`, set: { x: -i } }]);
    if (i === 100) sessionOf(doc).set('timer', (timer = nextPhase(timer, clock.t)));
    boards.set(clock.t, docToBoard(doc));
  }
  const history = new ReplayHistory(entries);

  it('gives the board at every moment, across keyframes', () => {
    for (const [t, board] of boards) expect(history.boardAt(t)).toEqual(board);
    expect(history.boardAt(0).blocks).toEqual([]);
    expect(history.boardAt(history.end + 1)).toEqual(docToBoard(doc));
  });

  it('gives the same boards once its keyframes are built ahead of time', async () => {
    const prepared = new ReplayHistory(entries);
    let slices = 0;
    await prepared.prepareSeeks(async () => void slices++);
    expect(slices).toBe(3);
    for (const [t, board] of boards) expect(prepared.boardAt(t)).toEqual(board);
  });

  it('knows who added each block and who took part', () => {
    expect(history.blockAuthors.get('b0')).toEqual(ana);
    expect(history.blockAuthors.get('b5')).toEqual(ivo);
    expect(history.authors).toEqual([ana, ivo]);
  });

  it('reads the chapters from the timer', () => {
    expect(history.timeline.chapters).toEqual([
      { phaseIndex: 0, t: 1_000 },
      { phaseIndex: 1, t: 1_000 + 101 * 1_000 },
    ]);
  });

  it('skips idle stretches and steps between edits', () => {
    expect(history.nextEditAfter(2_000)).toBe(3_000);
    expect(history.previousEditBefore(3_000)).toBe(2_000);
    expect(history.skipIdle(2_000)).toBe(2_000);
    const idle = new ReplayHistory([entries[0]!, { ...entries[1]!, t: entries[0]!.t + 60_000 }]);
    expect(idle.skipIdle(idle.start)).toBe(idle.start + 59_000);
  });

  it('marks where a finding appeared and where it went away', async () => {
    const lintBoard = (board: ReturnType<typeof docToBoard>) =>
      board.blocks.some((b) => b.id === 'b10') ? [{ rule: 'has-b10', message: 'b10 is here', blocks: ['b10'] }] : [];
    const marks = await findingMarks(history, lintBoard, 1_000);
    expect(marks).toEqual([{ t: history.start + 11_000, kind: 'appeared', rule: 'has-b10', message: 'b10 is here' }]);
    blocksOf(doc).delete('b10');
    const fixed = await findingMarks(new ReplayHistory(entries), lintBoard, 1_000);
    expect(fixed.map((m) => m.kind)).toEqual(['appeared', 'fixed']);
  });
});
