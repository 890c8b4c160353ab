/**
 * The interview's chapters for a replay: when each of the 8 steps began and
 * when the checkpoint fell, in server time, from the timer's own history
 * (every state it was written with and when). Pure: the replay reads the
 * states out of the document's history and hands them in.
 */
import { checkpointMs } from './phases';
import type { TimerState } from './timer';
import { timerView } from './timer';

/** The timer as written at server time `t`. */
export interface TimerMoment {
  t: number;
  state: TimerState;
}

/** One step's start on the replay's timeline. */
export interface Chapter {
  phaseIndex: number;
  t: number;
}

export interface InterviewTimeline {
  /** The steps in the order they were first entered with the clock running, each at its first start. */
  chapters: Chapter[];
  /** When interview time reached the checkpoint (a third of the interview), if it did. */
  checkpointT: number | null;
}

/** Chapters and checkpoint from the timer's states, oldest first. */
export function interviewTimeline(moments: readonly TimerMoment[]): InterviewTimeline {
  const chapters: Chapter[] = [];
  const entered = new Set<number>();
  let checkpointT: number | null = null;
  moments.forEach(({ t, state }, i) => {
    const running = state.runningSince !== null;
    if (running && !entered.has(state.phaseIndex)) {
      entered.add(state.phaseIndex);
      chapters.push({ phaseIndex: state.phaseIndex, t });
    }
    if (checkpointT !== null || !running) return;
    // Interview time grows only while the clock runs: the checkpoint falls inside this running stretch if anywhere.
    const atMs = checkpointMs(state.totalMinutes);
    const elapsedAtWrite = timerView(state, t).elapsedMs;
    const reachedAt = t + Math.max(0, atMs - elapsedAtWrite);
    const stretchEnd = moments[i + 1]?.t ?? Number.POSITIVE_INFINITY;
    if (reachedAt <= stretchEnd) checkpointT = reachedAt;
  });
  return { chapters, checkpointT };
}
