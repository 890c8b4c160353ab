/**
 * The 8 steps of the 8-step framework, their time budgets and the 15-minute
 * checkpoint. Plain data and arithmetic: the timer and the report read it.
 *
 * The default budgets fit every range the interview mastery guide gives, both per step (step 1:
 * 5 min, steps 2, 3 and 5: 3-5, step 4: 10, step 6: 10-15, step 7: 3, step 8:
 * 2-3) and in its 45-minute summary (requirements and estimation 5-8, data
 * model 3-5, high-level design 8-10, API 3-5, detailed design 10-15,
 * evaluation and wrap-up 3-5), and they put the start of high-level design at
 * minute 12, before the checkpoint at 15.
 */

/** Which step of the interview. */
export type PhaseId =
  | 'requirements'
  | 'estimation'
  | 'storage-schema'
  | 'high-level-design'
  | 'api-design'
  | 'detailed-design'
  | 'evaluation'
  | 'distinctive-features';

/** One step of the framework. */
export interface Phase {
  id: PhaseId;
  label: string;
  /** What the candidate does in this step, in one line (after the interview mastery guide). */
  prompt: string;
  /** Whole minutes of the 45-minute interview. */
  defaultMinutes: number;
  /** The time the interview mastery guide suggests, as it says it. */
  seedMinutes: string;
}

/** The interview length the defaults are written for (the 8-step framework's 45-minute budget). */
export const DEFAULT_TOTAL_MINUTES = 45;
/** Shortest interview the interviewer may set. */
export const MIN_TOTAL_MINUTES = 30;
/** Longest interview the interviewer may set. */
export const MAX_TOTAL_MINUTES = 60;

/** The 8 steps in order; their `defaultMinutes` add up to 45. */
export const PHASES: readonly Phase[] = [
  {
    id: 'requirements',
    label: 'Requirements',
    prompt:
      'Ask clarifying questions; write down the functional and non-functional requirements and what is out of scope.',
    defaultMinutes: 5,
    seedMinutes: '5',
  },
  {
    id: 'estimation',
    label: 'Estimation',
    prompt: 'Estimate users, requests per second (average and peak), storage and bandwidth; round aggressively.',
    defaultMinutes: 3,
    seedMinutes: '3-5',
  },
  {
    id: 'storage-schema',
    label: 'Storage schema',
    prompt: 'Define the entities, their attributes and relations, and the main access patterns; choose the database.',
    defaultMinutes: 4,
    seedMinutes: '3-5',
  },
  {
    id: 'high-level-design',
    label: 'High-level design',
    prompt: 'Draw the major components from the client inward, how data flows between them and where it is stored.',
    defaultMinutes: 10,
    seedMinutes: '10',
  },
  {
    id: 'api-design',
    label: 'API design',
    prompt: 'Define the key endpoints with their requests and responses, pagination and authentication.',
    defaultMinutes: 4,
    seedMinutes: '3-5',
  },
  {
    id: 'detailed-design',
    label: 'Detailed design',
    prompt: 'Go deep on the one or two most critical components: algorithms, data structures, scaling.',
    defaultMinutes: 14,
    seedMinutes: '10-15',
  },
  {
    id: 'evaluation',
    label: 'Evaluation',
    prompt: 'Check the design against the requirements; find bottlenecks, failure modes and single points of failure.',
    defaultMinutes: 3,
    seedMinutes: '3',
  },
  {
    id: 'distinctive-features',
    label: 'Distinctive features',
    prompt: 'Address what sets this system apart from a generic template.',
    defaultMinutes: 2,
    seedMinutes: '2-3',
  },
];

/** Position of each step in PHASES. */
export function phaseIndexOf(id: PhaseId): number {
  return PHASES.findIndex((p) => p.id === id);
}

/** The step the checkpoint watches for. */
export const HIGH_LEVEL_DESIGN_INDEX = phaseIndexOf('high-level-design');

/**
 * Whether a total typed by the interviewer is usable as it is: whole minutes
 * from 30 to 60. The UI can show an error for anything else.
 */
export function isValidTotalMinutes(minutes: number): boolean {
  return Number.isInteger(minutes) && minutes >= MIN_TOTAL_MINUTES && minutes <= MAX_TOTAL_MINUTES;
}

/**
 * The rule for totals that are not valid: not a finite number gives the
 * default 45; anything else is rounded to whole minutes and clamped into 30-60.
 */
export function clampTotalMinutes(minutes: number): number {
  if (!Number.isFinite(minutes)) return DEFAULT_TOTAL_MINUTES;
  return Math.min(MAX_TOTAL_MINUTES, Math.max(MIN_TOTAL_MINUTES, Math.round(minutes)));
}

/**
 * Whole-minute budgets for each step, in PHASES order, scaled from the
 * defaults to `totalMinutes` (clamped by `clampTotalMinutes`) and summing to it
 * exactly. The minutes are handed out one at a time, each to the step whose
 * default share is least served so far (Webster's divisor method: the largest
 * `defaultMinutes / (budget + 1/2)`, earlier steps first on ties). At 45 this
 * gives the defaults; every budget stays within a minute of its exact share;
 * and, unlike largest-remainder rounding, raising the total never takes a
 * minute from a step (a running interview's budgets only grow when the
 * interviewer gives it more time).
 */
export function budgetsFor(totalMinutes: number): number[] {
  const total = clampTotalMinutes(totalMinutes);
  const budgets = PHASES.map(() => 0);
  for (let minute = 0; minute < total; minute++) {
    let best = 0;
    for (let i = 1; i < PHASES.length; i++) {
      // d_i / (b_i + 1/2) > d_best / (b_best + 1/2), cross-multiplied to stay in integers.
      if (PHASES[i]!.defaultMinutes * (2 * budgets[best]! + 1) > PHASES[best]!.defaultMinutes * (2 * budgets[i]! + 1))
        best = i;
    }
    budgets[best]! += 1;
  }
  return budgets;
}

/**
 * When the checkpoint falls, in ms of interview time: the 8-step framework's "check the
 * clock at 15 minutes" of 45, kept at the same third of any other total (at
 * 60 minutes high-level design is due to start at minute 16, so a fixed 15
 * would warn on a candidate who is on time).
 */
export function checkpointMs(totalMinutes: number): number {
  return (clampTotalMinutes(totalMinutes) * 60_000) / 3;
}
