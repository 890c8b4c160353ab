import { describe, expect, it } from 'vitest';
import { PHASES } from './phases';
import {
  finish,
  formatClock,
  goToPhase,
  initialTimer,
  nextPhase,
  pause,
  previousPhase,
  readTimerState,
  reset,
  setTotal,
  start,
  timerView,
  type TimerState,
} from './timer';

const MIN = 60_000;
const SEC = 1_000;
/** An arbitrary server time, far from 0, so a bug that uses absolute times shows. */
const T0 = 1_750_000_000_000;

/** Applies actions at server times, as the interviewer's clicks would. */
type Action =
  ['start' | 'pause' | 'next' | 'previous', number] | ['goto', number, number] | ['total', number] | ['reset'];
function run(actions: Action[], state: TimerState = initialTimer()): TimerState {
  for (const action of actions) {
    switch (action[0]) {
      case 'start':
        state = start(state, T0 + action[1]);
        break;
      case 'pause':
        state = pause(state, T0 + action[1]);
        break;
      case 'next':
        state = nextPhase(state, T0 + action[1]);
        break;
      case 'previous':
        state = previousPhase(state, T0 + action[1]);
        break;
      case 'goto':
        state = goToPhase(state, action[1], T0 + action[2]);
        break;
      case 'total':
        state = setTotal(state, action[1]);
        break;
      case 'reset':
        state = reset(state);
        break;
    }
  }
  return state;
}

describe('timerView: arithmetic across steps', () => {
  const cases: {
    name: string;
    actions: Action[];
    at: number;
    phase: string;
    phaseSpent: number;
    elapsed: number;
    status: string;
  }[] = [
    { name: 'a new timer', actions: [], at: 0, phase: 'requirements', phaseSpent: 0, elapsed: 0, status: 'ready' },
    {
      name: 'running in the first step',
      actions: [['start', 0]],
      at: 3 * MIN,
      phase: 'requirements',
      phaseSpent: 3 * MIN,
      elapsed: 3 * MIN,
      status: 'running',
    },
    {
      name: 'second step after a 5-minute first',
      actions: [
        ['start', 0],
        ['next', 5 * MIN],
      ],
      at: 7 * MIN,
      phase: 'estimation',
      phaseSpent: 2 * MIN,
      elapsed: 7 * MIN,
      status: 'running',
    },
    {
      name: 'three steps, paused in the third',
      actions: [
        ['start', 0],
        ['next', 6 * MIN],
        ['next', 9 * MIN],
        ['pause', 10 * MIN],
      ],
      at: 30 * MIN,
      phase: 'storage-schema',
      phaseSpent: 1 * MIN,
      elapsed: 10 * MIN,
      status: 'paused',
    },
    {
      name: 'pause, resume: the pause does not count',
      actions: [
        ['start', 0],
        ['pause', 2 * MIN],
        ['start', 12 * MIN],
      ],
      at: 13 * MIN,
      phase: 'requirements',
      phaseSpent: 3 * MIN,
      elapsed: 3 * MIN,
      status: 'running',
    },
    {
      name: 'next step while paused stays paused',
      actions: [
        ['start', 0],
        ['pause', 4 * MIN],
        ['next', 8 * MIN],
      ],
      at: 20 * MIN,
      phase: 'estimation',
      phaseSpent: 0,
      elapsed: 4 * MIN,
      status: 'paused',
    },
    {
      name: 'a step back banks the step left and resumes the earlier one',
      actions: [
        ['start', 0],
        ['next', 5 * MIN],
        ['previous', 6 * MIN],
      ],
      at: 7 * MIN,
      phase: 'requirements',
      phaseSpent: 6 * MIN,
      elapsed: 7 * MIN,
      status: 'running',
    },
    {
      name: 'start twice keeps the first start',
      actions: [
        ['start', 0],
        ['start', 5 * MIN],
      ],
      at: 6 * MIN,
      phase: 'requirements',
      phaseSpent: 6 * MIN,
      elapsed: 6 * MIN,
      status: 'running',
    },
    {
      name: 'pause twice banks once',
      actions: [
        ['start', 0],
        ['pause', 1 * MIN],
        ['pause', 5 * MIN],
      ],
      at: 6 * MIN,
      phase: 'requirements',
      phaseSpent: 1 * MIN,
      elapsed: 1 * MIN,
      status: 'paused',
    },
    {
      name: 'jump to a step',
      actions: [
        ['start', 0],
        ['goto', 5, 2 * MIN],
      ],
      at: 3 * MIN,
      phase: 'detailed-design',
      phaseSpent: 1 * MIN,
      elapsed: 3 * MIN,
      status: 'running',
    },
  ];
  it.each(cases)('$name', ({ actions, at, phase, phaseSpent, elapsed, status }) => {
    const view = timerView(run(actions), T0 + at);
    expect(view.current.phase.id).toBe(phase);
    expect(view.current.spentMs).toBe(phaseSpent);
    expect(view.elapsedMs).toBe(elapsed);
    expect(view.remainingMs).toBe(45 * MIN - elapsed);
    expect(view.status).toBe(status);
  });

  it('gives each step its time, budget and position', () => {
    const state = run([
      ['start', 0],
      ['next', 5 * MIN],
      ['next', 9 * MIN],
    ]);
    const view = timerView(state, T0 + 10 * MIN);
    expect(view.phases.map((p) => [p.phase.id, p.position, p.spentMs, p.budgetMs])).toEqual([
      ['requirements', 'past', 5 * MIN, 5 * MIN],
      ['estimation', 'past', 4 * MIN, 3 * MIN],
      ['storage-schema', 'current', 1 * MIN, 4 * MIN],
      ['high-level-design', 'upcoming', 0, 10 * MIN],
      ['api-design', 'upcoming', 0, 4 * MIN],
      ['detailed-design', 'upcoming', 0, 14 * MIN],
      ['evaluation', 'upcoming', 0, 3 * MIN],
      ['distinctive-features', 'upcoming', 0, 2 * MIN],
    ]);
  });

  it('going to the current step changes nothing', () => {
    const state = run([['start', 0]]);
    expect(goToPhase(state, 0, T0 + MIN)).toBe(state);
  });

  it("never counts negative time when a screen's server time is a little before the start", () => {
    const state = run([['start', 10 * SEC]]);
    expect(timerView(state, T0 + 9 * SEC).elapsedMs).toBe(0);
    expect(pause(state, T0 + 9 * SEC).spentMs[0]).toBe(0);
  });
});

describe('timerView: over budget and time up', () => {
  it('flags a step once its time passes its budget, not at it', () => {
    const state = run([['start', 0]]);
    expect(timerView(state, T0 + 5 * MIN).current.overBudget).toBe(false);
    const over = timerView(state, T0 + 5 * MIN + 1);
    expect(over.current.overBudget).toBe(true);
    expect(over.current.remainingMs).toBe(-1);
    expect(over.overBudget).toEqual(['requirements']);
  });

  it('keeps a past step over budget after moving on', () => {
    const view = timerView(
      run([
        ['start', 0],
        ['next', 7 * MIN],
      ]),
      T0 + 8 * MIN,
    );
    expect(view.overBudget).toEqual(['requirements']);
    expect(view.phases[0]!.remainingMs).toBe(-2 * MIN);
  });

  it('keeps counting past the total, with time up', () => {
    const state = run([['start', 0]]);
    expect(timerView(state, T0 + 45 * MIN - 1).timeUp).toBe(false);
    const view = timerView(state, T0 + 50 * MIN);
    expect(view.timeUp).toBe(true);
    expect(view.remainingMs).toBe(-5 * MIN);
  });
});

describe('finishing', () => {
  const allSteps: Action[] = [['start', 0], ...PHASES.map((_, i): Action => ['next', (i + 1) * 5 * MIN])];

  it('next on the last step finishes and stops the clock', () => {
    const state = run(allSteps);
    expect(state.finished).toBe(true);
    const view = timerView(state, T0 + 99 * MIN);
    expect(view.status).toBe('finished');
    expect(view.elapsedMs).toBe(40 * MIN);
    expect(view.phases.every((p) => p.position === 'past')).toBe(true);
    expect(view.current.phase.id).toBe('distinctive-features');
  });

  it('start and next do nothing once finished; a step back reopens the last step, stopped', () => {
    const finished = run(allSteps);
    expect(start(finished, T0 + 50 * MIN)).toBe(finished);
    expect(nextPhase(finished, T0 + 50 * MIN)).toBe(finished);
    const reopened = previousPhase(finished, T0 + 50 * MIN);
    expect(reopened).toMatchObject({ finished: false, phaseIndex: PHASES.length - 1, runningSince: null });
    expect(timerView(reopened, T0 + 60 * MIN).elapsedMs).toBe(40 * MIN);
  });

  it('finish ends the interview from any step, banking the running step, and then changes nothing', () => {
    const running = run([
      ['start', 0],
      ['next', 4 * MIN],
    ]);
    const finished = finish(running, T0 + 7 * MIN);
    expect(finished).toMatchObject({ finished: true, phaseIndex: 1, runningSince: null });
    const view = timerView(finished, T0 + 30 * MIN);
    expect(view.status).toBe('finished');
    expect(view.phases.slice(0, 2).map((p) => p.spentMs)).toEqual([4 * MIN, 3 * MIN]);
    expect(view.elapsedMs).toBe(7 * MIN);
    expect(finish(finished, T0 + 40 * MIN)).toBe(finished);
  });
});

describe('the checkpoint', () => {
  const cases: { name: string; actions: Action[]; at: number; reached: boolean; warns: boolean }[] = [
    {
      name: 'before 15 minutes, still on requirements',
      actions: [['start', 0]],
      at: 15 * MIN - 1,
      reached: false,
      warns: false,
    },
    { name: 'at 15 minutes, still on requirements', actions: [['start', 0]], at: 15 * MIN, reached: true, warns: true },
    {
      name: 'at 15 minutes, on the storage schema',
      actions: [
        ['start', 0],
        ['goto', 2, 10 * MIN],
      ],
      at: 16 * MIN,
      reached: true,
      warns: true,
    },
    {
      name: 'at 15 minutes, in high-level design',
      actions: [
        ['start', 0],
        ['goto', 3, 12 * MIN],
      ],
      at: 16 * MIN,
      reached: true,
      warns: false,
    },
    {
      name: 'high-level design begun, then a step back',
      actions: [
        ['start', 0],
        ['goto', 3, 12 * MIN],
        ['previous', 13 * MIN],
      ],
      at: 20 * MIN,
      reached: true,
      warns: false,
    },
    {
      name: 'pauses do not count: 20 wall minutes but 10 of interview',
      actions: [
        ['start', 0],
        ['pause', 5 * MIN],
        ['start', 15 * MIN],
      ],
      at: 20 * MIN,
      reached: false,
      warns: false,
    },
    {
      name: 'a 30-minute interview checks at 10 minutes',
      actions: [
        ['total', 30],
        ['start', 0],
      ],
      at: 10 * MIN,
      reached: true,
      warns: true,
    },
    {
      name: 'a 60-minute interview does not check at 15 minutes',
      actions: [
        ['total', 60],
        ['start', 0],
      ],
      at: 15 * MIN,
      reached: false,
      warns: false,
    },
  ];
  it.each(cases)('$name', ({ actions, at, reached, warns }) => {
    const { checkpoint } = timerView(run(actions), T0 + at);
    expect(checkpoint.reached).toBe(reached);
    expect(checkpoint.warning !== null).toBe(warns);
  });

  it('says when and what', () => {
    const { checkpoint } = timerView(run([['start', 0]]), T0 + 15 * MIN);
    expect(checkpoint.atMs).toBe(15 * MIN);
    expect(checkpoint.warning).toMatch(/^15 minutes in and high-level design has not begun/);
  });
});

describe('reset and total changes', () => {
  it('reset goes back to the start and keeps the total', () => {
    const state = run([['total', 50], ['start', 0], ['next', 5 * MIN], ['reset']]);
    expect(state).toEqual(initialTimer(50));
    expect(timerView(state, T0 + 60 * MIN)).toMatchObject({ status: 'ready', elapsedMs: 0, budgetMs: 50 * MIN });
  });

  it('a total change while running keeps the clock and the time spent, and moves budgets and checkpoint', () => {
    const before = run([
      ['start', 0],
      ['next', 5 * MIN],
    ]);
    const after = setTotal(before, 60);
    expect(after.runningSince).toBe(before.runningSince);
    const view = timerView(after, T0 + 17 * MIN);
    expect(view.running).toBe(true);
    expect(view.elapsedMs).toBe(17 * MIN);
    expect(view.budgetMs).toBe(60 * MIN);
    expect(view.remainingMs).toBe(43 * MIN);
    expect(view.current.budgetMs).toBe(4 * MIN);
    expect(view.current.overBudget).toBe(true); // 12 minutes of estimation
    expect(view.checkpoint).toMatchObject({ atMs: 20 * MIN, reached: false, warning: null });
  });

  it.each([
    [25, 30],
    [75, 60],
    [52.4, 52],
    [Number.NaN, 45],
  ])('setTotal(%s) sets %s', (input, total) => {
    expect(setTotal(initialTimer(), input).totalMinutes).toBe(total);
  });

  it('setTotal to the same total returns the same state (no needless write)', () => {
    const state = initialTimer(45);
    expect(setTotal(state, 45)).toBe(state);
  });
});

describe('readTimerState', () => {
  it.each<[string, unknown, Partial<TimerState>]>([
    ['nothing', undefined, initialTimer()],
    ['not an object', 'x', initialTimer()],
    [
      'a valid state',
      { totalMinutes: 50, phaseIndex: 3, runningSince: 5, spentMs: [1, 2, 3, 4, 0, 0, 0, 0], finished: false },
      { totalMinutes: 50, phaseIndex: 3, runningSince: 5, spentMs: [1, 2, 3, 4, 0, 0, 0, 0] },
    ],
    ['a total out of range', { totalMinutes: 500 }, { totalMinutes: 60 }],
    ['a step out of range', { phaseIndex: 42 }, { phaseIndex: PHASES.length - 1 }],
    ['a fractional step', { phaseIndex: 1.5 }, { phaseIndex: 0 }],
    ['bad spent times', { spentMs: [-1, 'x', null, 5] }, { spentMs: [0, 0, 0, 5, 0, 0, 0, 0] }],
    ['running though finished', { runningSince: 5, finished: true }, { runningSince: null, finished: true }],
  ])('%s', (_name, input, expected) => {
    expect(readTimerState(input)).toMatchObject(expected);
  });
});

describe('formatClock', () => {
  it.each<[number, 'down' | 'up', string]>([
    [0, 'down', '0:00'],
    [59_999, 'down', '0:59'],
    [59_001, 'up', '1:00'],
    [60_000, 'down', '1:00'],
    [5 * MIN + 7 * SEC, 'down', '5:07'],
    [61 * MIN, 'down', '61:00'],
    [-1, 'down', '0:00'],
    [-1, 'up', '-0:01'],
    [-(2 * MIN + 30 * SEC), 'down', '-2:30'],
    [Number.NaN, 'down', '—'],
  ])('%s ms (%s) → %s', (ms, rounding, text) => {
    expect(formatClock(ms, rounding)).toBe(text);
  });
});
