import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TOTAL_MINUTES,
  HIGH_LEVEL_DESIGN_INDEX,
  MAX_TOTAL_MINUTES,
  MIN_TOTAL_MINUTES,
  PHASES,
  budgetsFor,
  checkpointMs,
  clampTotalMinutes,
  isValidTotalMinutes,
} from './phases';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
/** Minute at which high-level design is due to start under some budgets. */
const highLevelDesignStart = (budgets: number[]) => sum(budgets.slice(0, HIGH_LEVEL_DESIGN_INDEX));

describe('PHASES', () => {
  it('are the 8 steps of the 8-step framework, in order', () => {
    expect(PHASES.map((p) => p.id)).toEqual([
      'requirements',
      'estimation',
      'storage-schema',
      'high-level-design',
      'api-design',
      'detailed-design',
      'evaluation',
      'distinctive-features',
    ]);
  });

  it('budget 45 minutes by default', () => {
    expect(sum(PHASES.map((p) => p.defaultMinutes))).toBe(DEFAULT_TOTAL_MINUTES);
  });

  it('keep each step within the range the interview mastery guide gives it', () => {
    for (const p of PHASES) {
      const [low, high = low] = p.seedMinutes.split('-').map(Number) as [number, number?];
      expect(p.defaultMinutes, p.id).toBeGreaterThanOrEqual(low);
      expect(p.defaultMinutes, p.id).toBeLessThanOrEqual(high);
    }
  });

  it('keep the summary ranges of the interview mastery guide (requirements and estimation 5-8, evaluation and wrap-up 3-5)', () => {
    const minutes = Object.fromEntries(PHASES.map((p) => [p.id, p.defaultMinutes]));
    expect(minutes['requirements']! + minutes['estimation']!).toBeLessThanOrEqual(8);
    expect(minutes['evaluation']! + minutes['distinctive-features']!).toBeLessThanOrEqual(5);
  });

  it('have a prompt for the candidate on each step', () => {
    for (const p of PHASES) expect(p.prompt.length, p.id).toBeGreaterThan(20);
  });
});

describe('clampTotalMinutes and isValidTotalMinutes', () => {
  it.each([
    [45, 45, true],
    [30, 30, true],
    [60, 60, true],
    [29, 30, false],
    [61, 60, false],
    [0, 30, false],
    [-5, 30, false],
    [1000, 60, false],
    [44.6, 45, false],
    [30.4, 30, false],
    [Number.NaN, 45, false],
    [Number.POSITIVE_INFINITY, 45, false],
  ])('%s minutes → %s (valid as typed: %s)', (input, clamped, valid) => {
    expect(clampTotalMinutes(input)).toBe(clamped);
    expect(isValidTotalMinutes(input)).toBe(valid);
  });
});

describe('budgetsFor', () => {
  it.each([
    [45, [5, 3, 4, 10, 4, 14, 3, 2]],
    [30, [3, 2, 3, 7, 3, 9, 2, 1]],
    [60, [7, 4, 5, 13, 5, 19, 4, 3]],
  ])('%s minutes → %j', (total, budgets) => {
    expect(budgetsFor(total)).toEqual(budgets);
  });

  it('sums exactly to every total from 30 to 60, every step at least a minute, high-level design before the checkpoint', () => {
    for (let total = MIN_TOTAL_MINUTES; total <= MAX_TOTAL_MINUTES; total++) {
      const budgets = budgetsFor(total);
      expect(sum(budgets), `total ${total}`).toBe(total);
      expect(Math.min(...budgets), `total ${total}`).toBeGreaterThanOrEqual(1);
      expect(highLevelDesignStart(budgets) * 60_000, `total ${total}`).toBeLessThan(checkpointMs(total));
    }
  });

  it('never gives a step less time when the total grows', () => {
    for (let total = MIN_TOTAL_MINUTES; total < MAX_TOTAL_MINUTES; total++) {
      const now = budgetsFor(total);
      const more = budgetsFor(total + 1);
      now.forEach((m, i) => expect(more[i], `step ${i} at ${total + 1}`).toBeGreaterThanOrEqual(m));
    }
  });

  it('clamps totals outside 30-60', () => {
    expect(budgetsFor(10)).toEqual(budgetsFor(30));
    expect(budgetsFor(90)).toEqual(budgetsFor(60));
  });
});

describe('checkpointMs', () => {
  it.each([
    [45, 15 * 60_000],
    [30, 10 * 60_000],
    [60, 20 * 60_000],
    [50, (16 * 60 + 40) * 1000],
  ])('%s minutes → %s ms', (total, ms) => {
    expect(checkpointMs(total)).toBe(ms);
  });
});

describe('budgetsFor, proportions', () => {
  it('keeps every budget within a minute of its exact share', () => {
    for (let total = MIN_TOTAL_MINUTES; total <= MAX_TOTAL_MINUTES; total++) {
      budgetsFor(total).forEach((minutes, i) => {
        const share = (PHASES[i]!.defaultMinutes * total) / DEFAULT_TOTAL_MINUTES;
        expect(Math.abs(minutes - share), `step ${i} at ${total}`).toBeLessThan(1);
      });
    }
  });
});
