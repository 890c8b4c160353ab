/**
 * The interviewer's scorecard: the four evaluation dimensions, its
 * expectations by level, a rating scale and the overall signal, as plain
 * data. A Scorecard lives only in the interviewer's private document
 * (`/sync/<id>/private`): never in the board's document, never in the
 * candidate's report.
 *
 * The rating scale has four steps with no middle, on purpose: an even scale
 * makes the interviewer lean one way on each dimension instead of parking on
 * "average", and its steps line up with the four-step overall signal (strong
 * no hire .. strong hire). Ratings are against the target level, because
 * the interview mastery guide asks the same question at every level and moves the bar.
 */

/** One of the four dimensions interviewers evaluate */
export type DimensionId = 'problem-solving' | 'technical-knowledge' | 'trade-offs' | 'communication';

/** A dimension, what it means, and what to listen for. */
export interface Dimension {
  id: DimensionId;
  label: string;
  /** What the dimension measures, after the interview mastery guide. */
  description: string;
  /** Questions the interviewer asks themselves */
  lookFor: readonly string[];
}

/** The four dimensions, in the order the interview mastery guide gives them. */
export const DIMENSIONS: readonly Dimension[] = [
  {
    id: 'problem-solving',
    label: 'Problem solving',
    description:
      'Breaks a vague problem into manageable pieces, starts from requirements, and handles ambiguity with clarifying questions rather than silent assumptions.',
    lookFor: [
      'Breaks the problem down into manageable pieces?',
      'Starts with requirements before jumping into architecture?',
      'Asks clarifying questions instead of making silent assumptions?',
    ],
  },
  {
    id: 'technical-knowledge',
    label: 'Technical knowledge',
    description:
      'Understands the building blocks of distributed systems and can explain why a specific database, caching strategy or protocol fits, and how it works inside.',
    lookFor: [
      'Knows the building blocks of distributed systems?',
      'Explains why this database, cache or protocol?',
      'Understands the trade-offs, not just the features?',
    ],
  },
  {
    id: 'trade-offs',
    label: 'Trade-off awareness',
    description:
      'Names the cost of every decision: "because we need X and can accept Y, at the price of Z", not "because it is a good database".',
    lookFor: [
      'Gives each decision a "because" clause?',
      'Says what the choice costs, not only what it gains?',
      'Weighs alternatives against the requirements?',
    ],
  },
  {
    id: 'communication',
    label: 'Communication',
    description:
      'Explains the design so the interviewer follows the reasoning, uses the whiteboard well, summarises before the details and checks in rather than monologues.',
    lookFor: [
      'Can the interviewer follow the reasoning?',
      'Uses the whiteboard effectively?',
      'Summarises the approach before the details, and checks in?',
    ],
  },
];

/** A rating on one dimension, against the target level: 1 (far below) to 4 (exceeds). */
export type Rating = 1 | 2 | 3 | 4;

/** A step of the rating scale. */
export interface RatingStep {
  value: Rating;
  label: string;
  description: string;
}

/** The rating scale, lowest first. */
export const RATING_SCALE: readonly RatingStep[] = [
  { value: 1, label: 'Far below', description: 'Well short of what the target level expects; a clear concern.' },
  { value: 2, label: 'Below', description: 'Some signal, but short of the target level.' },
  { value: 3, label: 'Meets', description: 'What the target level expects.' },
  { value: 4, label: 'Exceeds', description: 'Beyond the target level; signal for the level above.' },
];

/** The overall recommendation. */
export type Signal = 'strong-no-hire' | 'no-hire' | 'hire' | 'strong-hire';

/** A step of the overall signal. */
export interface SignalStep {
  id: Signal;
  label: string;
}

/** The overall signals, from the strongest no to the strongest yes. */
export const SIGNALS: readonly SignalStep[] = [
  { id: 'strong-no-hire', label: 'Strong no hire' },
  { id: 'no-hire', label: 'No hire' },
  { id: 'hire', label: 'Hire' },
  { id: 'strong-hire', label: 'Strong hire' },
];

/** A level the candidate interviews for */
export type LevelId = 'junior' | 'senior' | 'staff' | 'principal';

/** The columns of the expectations-by-level table. */
export type ExpectationId = 'drivesRequirements' | 'depth' | 'tradeoffs' | 'operational';

/** The columns' headings, in the table's order. */
export const EXPECTATION_ASPECTS: readonly { id: ExpectationId; label: string }[] = [
  { id: 'drivesRequirements', label: 'Drives requirements' },
  { id: 'depth', label: 'Depth expected' },
  { id: 'tradeoffs', label: 'Trade-off discussion' },
  { id: 'operational', label: 'Operational concerns' },
];

/** A level and what the interview mastery guide expects of it. */
export interface Level {
  id: LevelId;
  label: string;
  /** The level in a sentence or two, after the interview mastery guide. */
  summary: string;
  expectations: Record<ExpectationId, string>;
}

/** The expectations by level, junior first. */
export const LEVELS: readonly Level[] = [
  {
    id: 'junior',
    label: 'Junior',
    summary:
      'Gathers basic requirements and proposes a reasonable high-level design from the right building blocks; structured thinking and a willingness to learn matter more than every answer.',
    expectations: {
      drivesRequirements: 'With guidance',
      depth: 'One component',
      tradeoffs: 'Basic (SQL vs NoSQL)',
      operational: 'Minimal',
    },
  },
  {
    id: 'senior',
    label: 'Senior',
    summary:
      'Drives the conversation: finds requirements proactively, proposes a complete design, dives deep into at least two components, and discusses scaling, failure modes, trade-offs and monitoring with specifics.',
    expectations: {
      drivesRequirements: 'Proactively',
      depth: 'Two to three components',
      tradeoffs: 'Detailed (consistency, latency, cost)',
      operational: 'Monitoring, failure modes',
    },
  },
  {
    id: 'staff',
    label: 'Staff',
    summary:
      'Everything a senior does, plus system-wide trade-offs against alternative architectures, team ownership, cross-cutting concerns (observability, security, cost), zooming between strategy and implementation.',
    expectations: {
      drivesRequirements: 'Challenges and refines',
      depth: 'System-wide + deep dives',
      tradeoffs: 'Architectural alternatives compared',
      operational: 'Full operational picture',
    },
  },
  {
    id: 'principal',
    label: 'Principal',
    summary:
      'Shapes the problem itself: challenges the requirements, proposes other framings, discusses long-term evolution, business impact, technical debt and migration, as a discussion between peers.',
    expectations: {
      drivesRequirements: 'Reframes the problem',
      depth: 'Any depth on demand',
      tradeoffs: 'Business and technical trade-offs',
      operational: 'Long-term evolution, org design',
    },
  },
];

/** Patterns that make interviewers judge a candidate a level lower (the interview mastery guide), as a reminder next to the ratings. */
export const DOWN_LEVELING_PATTERNS: readonly { label: string; description: string }[] = [
  {
    label: 'Jumping straight to the solution',
    description: 'Names technologies before understanding the requirements: pattern matching, not thinking.',
  },
  { label: 'Staying at the surface', description: 'Boxes and arrows without how any component works inside.' },
  {
    label: "Ignoring the interviewer's hints",
    description: 'Carries on with a script when asked "what happens if this goes down?".',
  },
  { label: 'Unable to justify choices', description: '"I chose Redis for caching" with no because.' },
  { label: 'A monologue', description: 'Talks for minutes without checking in.' },
];

/** One dimension's rating and the evidence for it. */
export interface DimensionScore {
  /** Null until rated. */
  rating: Rating | null;
  note: string;
}

/** The interviewer's scorecard, as plain data (interviewer-private scope). */
export interface Scorecard {
  /** The level the candidate interviews for; the ratings are against it. */
  level: LevelId | null;
  dimensions: Record<DimensionId, DimensionScore>;
  overall: Signal | null;
  /** Free notes: the summary for the debrief. */
  notes: string;
}

/** A scorecard with nothing rated, optionally for a target level. */
export function emptyScorecard(level: LevelId | null = null): Scorecard {
  const dimensions = {} as Record<DimensionId, DimensionScore>;
  for (const d of DIMENSIONS) dimensions[d.id] = { rating: null, note: '' };
  return { level, dimensions, overall: null, notes: '' };
}

const isRating = (x: unknown): x is Rating => x === 1 || x === 2 || x === 3 || x === 4;
const isSignal = (x: unknown): x is Signal => SIGNALS.some((s) => s.id === x);
const isLevel = (x: unknown): x is LevelId => LEVELS.some((l) => l.id === x);
const text = (x: unknown): string => (typeof x === 'string' ? x : '');

/** A valid Scorecard from whatever the private document holds: unknown values become unrated or empty. */
export function readScorecard(value: unknown): Scorecard {
  const card = emptyScorecard();
  if (typeof value !== 'object' || value === null) return card;
  const v = value as Record<string, unknown>;
  const dims =
    typeof v.dimensions === 'object' && v.dimensions !== null ? (v.dimensions as Record<string, unknown>) : {};
  for (const d of DIMENSIONS) {
    const score = dims[d.id];
    if (typeof score !== 'object' || score === null) continue;
    const s = score as Record<string, unknown>;
    card.dimensions[d.id] = { rating: isRating(s.rating) ? s.rating : null, note: text(s.note) };
  }
  return {
    ...card,
    level: isLevel(v.level) ? v.level : null,
    overall: isSignal(v.overall) ? v.overall : null,
    notes: text(v.notes),
  };
}

/** What is still to fill in before the scorecard is complete: the level, unrated dimensions, the overall signal. */
export function scorecardGaps(card: Scorecard): ('level' | DimensionId | 'overall')[] {
  const gaps: ('level' | DimensionId | 'overall')[] = [];
  if (card.level === null) gaps.push('level');
  for (const d of DIMENSIONS) if (card.dimensions[d.id].rating === null) gaps.push(d.id);
  if (card.overall === null) gaps.push('overall');
  return gaps;
}

/** The label of a rating, such as "Meets"; empty for unrated. */
export function ratingLabel(rating: Rating | null): string {
  return RATING_SCALE.find((r) => r.value === rating)?.label ?? '';
}

/** The label of a signal, such as "Strong hire"; empty for none. */
export function signalLabel(signal: Signal | null): string {
  return SIGNALS.find((s) => s.id === signal)?.label ?? '';
}

/** A level by id. */
export function levelInfo(id: LevelId): Level {
  return LEVELS.find((l) => l.id === id)!;
}
