/**
 * The shared interview timer. Its state is plain data in the board's document
 * (scope: document, under `session.timer`), written only on the interviewer's
 * actions; every screen derives what it shows with `timerView(state, now)`
 * from the server's time, so nothing ticks in the document.
 *
 * Time is banked per step: a running step's time is `now - runningSince` plus
 * what it banked before, so pausing, resuming and moving between steps are
 * each one write, and two screens that agree on the server's time agree on
 * every figure.
 */
import {
  DEFAULT_TOTAL_MINUTES,
  HIGH_LEVEL_DESIGN_INDEX,
  PHASES,
  budgetsFor,
  checkpointMs,
  clampTotalMinutes,
  type Phase,
  type PhaseId,
} from './phases';

/** The timer as stored in the document. Every transition returns a new object. */
export interface TimerState {
  /** The interview's length, whole minutes from 30 to 60. */
  totalMinutes: number;
  /** The current step, an index into PHASES. */
  phaseIndex: number;
  /** Server time (ms) when the clock last started; null while it is stopped. */
  runningSince: number | null;
  /** Time banked per step, in ms, index-aligned with PHASES (excludes the running stretch). */
  spentMs: number[];
  /** The interviewer closed the last step: the clock stays stopped until a reset or a step back. */
  finished: boolean;
}

/** Where the interview stands. */
export type TimerStatus = 'ready' | 'running' | 'paused' | 'finished';

/** One step's time. */
export interface PhaseTime {
  phase: Phase;
  index: number;
  /** Where the step stands relative to the current one. */
  position: 'past' | 'current' | 'upcoming';
  budgetMs: number;
  spentMs: number;
  /** Budget left; negative once over. */
  remainingMs: number;
  overBudget: boolean;
}

/** The 15-minute checkpoint of the 8-step framework: by a third of the interview, high-level design should have begun. */
export interface CheckpointView {
  /** Interview time (ms) at which the checkpoint falls: 15 minutes of 45. */
  atMs: number;
  reached: boolean;
  highLevelDesignBegun: boolean;
  /** Set once the checkpoint is reached without high-level design begun. */
  warning: string | null;
}

/** What every screen shows, derived from the state and the server's time. */
export interface TimerView {
  status: TimerStatus;
  running: boolean;
  /** The current step. */
  current: PhaseTime;
  /** Every step, in order. */
  phases: PhaseTime[];
  /** Interview time so far: the sum of the steps' time (pauses do not count). */
  elapsedMs: number;
  budgetMs: number;
  /** Interview time left; negative once over. */
  remainingMs: number;
  /** The total budget is used up (the clock keeps counting: interviews run over). */
  timeUp: boolean;
  /** Steps over their budget, in order. */
  overBudget: PhaseId[];
  checkpoint: CheckpointView;
}

const MS_PER_MINUTE = 60_000;

/** A timer at the first step, stopped, with nothing spent. */
export function initialTimer(totalMinutes: number = DEFAULT_TOTAL_MINUTES): TimerState {
  return {
    totalMinutes: clampTotalMinutes(totalMinutes),
    phaseIndex: 0,
    runningSince: null,
    spentMs: PHASES.map(() => 0),
    finished: false,
  };
}

/**
 * A valid TimerState from whatever the document holds (another client's
 * version, a hand edit, nothing): bad fields take their initial value.
 */
export function readTimerState(value: unknown): TimerState {
  const initial = initialTimer();
  if (typeof value !== 'object' || value === null) return initial;
  const v = value as Record<string, unknown>;
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  const spent = Array.isArray(v.spentMs) ? v.spentMs : [];
  return {
    totalMinutes: finite(v.totalMinutes) ? clampTotalMinutes(v.totalMinutes) : initial.totalMinutes,
    phaseIndex: Number.isInteger(v.phaseIndex) ? Math.min(PHASES.length - 1, Math.max(0, v.phaseIndex as number)) : 0,
    runningSince: finite(v.runningSince) && v.finished !== true ? v.runningSince : null,
    spentMs: PHASES.map((_, i) => (finite(spent[i]) && spent[i] > 0 ? spent[i] : 0)),
    finished: v.finished === true,
  };
}

/** The running stretch of the current step; never negative (another screen's offset may put `now` a little before `runningSince`). */
function runningMs(state: TimerState, now: number): number {
  return state.runningSince === null ? 0 : Math.max(0, now - state.runningSince);
}

/** The state with the running stretch banked into the current step and the clock stopped. */
function banked(state: TimerState, now: number): TimerState {
  if (state.runningSince === null) return state;
  const spentMs = [...state.spentMs];
  spentMs[state.phaseIndex] = (spentMs[state.phaseIndex] ?? 0) + runningMs(state, now);
  return { ...state, spentMs, runningSince: null };
}

/** Starts or resumes the clock on the current step. No change if it runs already or the interview is finished. */
export function start(state: TimerState, now: number): TimerState {
  if (state.runningSince !== null || state.finished) return state;
  return { ...state, runningSince: now };
}

/** Stops the clock, banking the time. No change if it is stopped. */
export function pause(state: TimerState, now: number): TimerState {
  return banked(state, now);
}

/**
 * Moves to a step, banking the current one's time. The clock keeps running if
 * it was (the new step starts counting at `now`) and stays stopped if not.
 * Going to a step reopens a finished interview; going to the current one changes nothing.
 */
export function goToPhase(state: TimerState, index: number, now: number): TimerState {
  const target = Math.min(PHASES.length - 1, Math.max(0, Math.trunc(index)));
  if (target === state.phaseIndex && !state.finished) return state;
  const wasRunning = state.runningSince !== null;
  const next = banked(state, now);
  return { ...next, phaseIndex: target, finished: false, runningSince: wasRunning ? now : null };
}

/** The next step; on the last step it finishes the interview (the clock stops). */
export function nextPhase(state: TimerState, now: number): TimerState {
  if (state.finished) return state;
  if (state.phaseIndex >= PHASES.length - 1) return { ...banked(state, now), finished: true };
  return goToPhase(state, state.phaseIndex + 1, now);
}

/** Ends the interview at once, from any step (a solo round the candidate closes early): the clock stops, time banked. */
export function finish(state: TimerState, now: number): TimerState {
  if (state.finished) return state;
  return { ...banked(state, now), finished: true };
}

/** The previous step (to correct a step moved on too early); on a finished interview, reopens the last step, stopped. */
export function previousPhase(state: TimerState, now: number): TimerState {
  if (state.finished) return { ...state, finished: false };
  if (state.phaseIndex === 0) return state;
  return goToPhase(state, state.phaseIndex - 1, now);
}

/** Back to the first step with nothing spent, keeping the total. */
export function reset(state: TimerState): TimerState {
  return initialTimer(state.totalMinutes);
}

/**
 * Sets the interview's length (clamped by `clampTotalMinutes`). Time spent
 * stays as it is and a running clock keeps running: the budgets, the time left
 * and the checkpoint follow the new total.
 */
export function setTotal(state: TimerState, totalMinutes: number): TimerState {
  const total = clampTotalMinutes(totalMinutes);
  return total === state.totalMinutes ? state : { ...state, totalMinutes: total };
}

/** Everything a screen shows, at server time `now`. */
export function timerView(state: TimerState, now: number): TimerView {
  const budgets = budgetsFor(state.totalMinutes);
  const running = state.runningSince !== null;
  const phases: PhaseTime[] = PHASES.map((phase, index) => {
    const spentMs = (state.spentMs[index] ?? 0) + (index === state.phaseIndex ? runningMs(state, now) : 0);
    const budgetMs = (budgets[index] ?? 0) * MS_PER_MINUTE;
    const position =
      state.finished || index < state.phaseIndex ? 'past' : index === state.phaseIndex ? 'current' : 'upcoming';
    return {
      phase,
      index,
      position,
      budgetMs,
      spentMs,
      remainingMs: budgetMs - spentMs,
      overBudget: spentMs > budgetMs,
    };
  });
  const elapsedMs = phases.reduce((sum, p) => sum + p.spentMs, 0);
  const budgetMs = state.totalMinutes * MS_PER_MINUTE;

  const atMs = checkpointMs(state.totalMinutes);
  const reached = elapsedMs >= atMs;
  // Begun: reached at some time, even if the interviewer stepped back since.
  const highLevelDesignBegun =
    state.phaseIndex >= HIGH_LEVEL_DESIGN_INDEX || (phases[HIGH_LEVEL_DESIGN_INDEX]?.spentMs ?? 0) > 0;
  const warning =
    reached && !highLevelDesignBegun
      ? `${formatMinutes(atMs)} in and high-level design has not begun: move on, or there will be no time for the detailed design.`
      : null;

  const status: TimerStatus = state.finished ? 'finished' : running ? 'running' : elapsedMs > 0 ? 'paused' : 'ready';
  return {
    status,
    running,
    current: phases[state.phaseIndex] ?? phases[0]!,
    phases,
    elapsedMs,
    budgetMs,
    remainingMs: budgetMs - elapsedMs,
    timeUp: elapsedMs >= budgetMs,
    overBudget: phases.filter((p) => p.overBudget).map((p) => p.phase.id),
    checkpoint: { atMs, reached, highLevelDesignBegun, warning },
  };
}

/** "15 minutes", "10 minutes 20 seconds": the checkpoint in words. */
function formatMinutes(ms: number): string {
  const totalSeconds = Math.round(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return seconds === 0 ? `${minutes} minutes` : `${minutes} minutes ${seconds} seconds`;
}

/**
 * A duration as a clock, "m:ss" ("-m:ss" when negative, for time over). Rounds
 * down by default; pass 'up' for countdowns, so a screen shows 0:00 only when
 * the time is really up.
 */
export function formatClock(ms: number, rounding: 'down' | 'up' = 'down'): string {
  if (!Number.isFinite(ms)) return '—';
  const abs = Math.abs(ms) / 1000;
  const totalSeconds = rounding === 'up' ? Math.ceil(abs) : Math.floor(abs);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  const sign = ms < 0 && totalSeconds > 0 ? '-' : '';
  return `${sign}${minutes}:${String(seconds).padStart(2, '0')}`;
}
