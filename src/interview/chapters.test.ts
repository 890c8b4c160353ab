import { describe, expect, it } from 'vitest';
import { interviewTimeline } from './chapters';
import { initialTimer, nextPhase, pause, start, type TimerState } from './timer';

const MIN = 60_000;

describe('interview timeline', () => {
  it('puts each step at its first running start and the checkpoint at 15 minutes of interview time', () => {
    const t0 = 1_000_000;
    let state: TimerState = initialTimer(45);
    const moments = [];
    state = start(state, t0);
    moments.push({ t: t0, state });
    state = nextPhase(state, t0 + 5 * MIN);
    moments.push({ t: t0 + 5 * MIN, state });
    // A 10-minute pause: interview time stands still.
    state = pause(state, t0 + 8 * MIN);
    moments.push({ t: t0 + 8 * MIN, state });
    state = start(state, t0 + 18 * MIN);
    moments.push({ t: t0 + 18 * MIN, state });
    state = nextPhase(state, t0 + 20 * MIN);
    moments.push({ t: t0 + 20 * MIN, state });
    const { chapters, checkpointT } = interviewTimeline(moments);
    expect(chapters).toEqual([
      { phaseIndex: 0, t: t0 },
      { phaseIndex: 1, t: t0 + 5 * MIN },
      { phaseIndex: 2, t: t0 + 20 * MIN },
    ]);
    // 8 minutes before the pause, 7 more after it.
    expect(checkpointT).toBe(t0 + 25 * MIN);
  });

  it('has no chapters or checkpoint when the clock never ran', () => {
    expect(interviewTimeline([{ t: 5, state: initialTimer() }])).toEqual({ chapters: [], checkpointT: null });
  });
});
