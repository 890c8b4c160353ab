import { describe, expect, it } from 'vitest';
import {
  DIMENSIONS,
  EXPECTATION_ASPECTS,
  LEVELS,
  RATING_SCALE,
  SIGNALS,
  emptyScorecard,
  levelInfo,
  ratingLabel,
  readScorecard,
  scorecardGaps,
  signalLabel,
  type Scorecard,
} from './scorecard';

describe('the scorecard data', () => {
  it('has the four dimensions of the interview mastery guide, each described', () => {
    expect(DIMENSIONS.map((d) => d.label)).toEqual([
      'Problem solving',
      'Technical knowledge',
      'Trade-off awareness',
      'Communication',
    ]);
    for (const d of DIMENSIONS) {
      expect(d.description.length, d.id).toBeGreaterThan(40);
      expect(d.lookFor.length, d.id).toBeGreaterThan(0);
    }
  });

  it('has an even rating scale that lines up with the overall signal', () => {
    expect(RATING_SCALE.map((r) => r.value)).toEqual([1, 2, 3, 4]);
    expect(SIGNALS.map((s) => s.label)).toEqual(['Strong no hire', 'No hire', 'Hire', 'Strong hire']);
    expect(RATING_SCALE.length).toBe(SIGNALS.length);
  });

  it.each([
    ['junior', 'With guidance', 'One component', 'Basic (SQL vs NoSQL)', 'Minimal'],
    [
      'senior',
      'Proactively',
      'Two to three components',
      'Detailed (consistency, latency, cost)',
      'Monitoring, failure modes',
    ],
    [
      'staff',
      'Challenges and refines',
      'System-wide + deep dives',
      'Architectural alternatives compared',
      'Full operational picture',
    ],
    [
      'principal',
      'Reframes the problem',
      'Any depth on demand',
      'Business and technical trade-offs',
      'Long-term evolution, org design',
    ],
  ] as const)('has the expectations by level for %s', (level, drives, depth, tradeoffs, operational) => {
    expect(levelInfo(level).expectations).toEqual({ drivesRequirements: drives, depth, tradeoffs, operational });
    expect(Object.keys(levelInfo(level).expectations)).toEqual(EXPECTATION_ASPECTS.map((a) => a.id));
  });

  it('lists the levels junior to principal', () => {
    expect(LEVELS.map((l) => l.id)).toEqual(['junior', 'senior', 'staff', 'principal']);
  });
});

describe('emptyScorecard and scorecardGaps', () => {
  it('starts with nothing rated', () => {
    const card = emptyScorecard();
    expect(card).toEqual({
      level: null,
      overall: null,
      notes: '',
      dimensions: {
        'problem-solving': { rating: null, note: '' },
        'technical-knowledge': { rating: null, note: '' },
        'trade-offs': { rating: null, note: '' },
        communication: { rating: null, note: '' },
      },
    });
    expect(scorecardGaps(card)).toEqual([
      'level',
      'problem-solving',
      'technical-knowledge',
      'trade-offs',
      'communication',
      'overall',
    ]);
  });

  it('is complete once level, every dimension and the overall signal are set', () => {
    const card = emptyScorecard('senior');
    for (const d of DIMENSIONS) card.dimensions[d.id].rating = 3;
    card.overall = 'hire';
    expect(scorecardGaps(card)).toEqual([]);
  });

  it('is plain JSON', () => {
    const card = emptyScorecard('staff');
    expect(JSON.parse(JSON.stringify(card))).toEqual(card);
  });
});

describe('readScorecard', () => {
  const full: Scorecard = {
    level: 'senior',
    overall: 'strong-hire',
    notes: 'Clear and fast.',
    dimensions: {
      'problem-solving': { rating: 4, note: 'Asked about scale first' },
      'technical-knowledge': { rating: 3, note: '' },
      'trade-offs': { rating: 2, note: 'Cassandra without a because' },
      communication: { rating: 4, note: '' },
    },
  };
  it.each<[string, unknown, Scorecard]>([
    ['a valid scorecard', full, full],
    ['nothing', undefined, emptyScorecard()],
    [
      'a rating out of the scale',
      { dimensions: { communication: { rating: 5, note: 'x' } } },
      {
        ...emptyScorecard(),
        dimensions: { ...emptyScorecard().dimensions, communication: { rating: null, note: 'x' } },
      },
    ],
    ['an unknown level and signal', { level: 'wizard', overall: 'maybe', notes: 42 }, emptyScorecard()],
  ])('%s', (_name, input, expected) => {
    expect(readScorecard(input)).toEqual(expected);
  });
});

describe('labels', () => {
  it.each([
    [1, 'Far below'],
    [3, 'Meets'],
    [null, ''],
  ] as const)('rating %s → %s', (rating, label) => expect(ratingLabel(rating)).toBe(label));
  it.each([
    ['strong-no-hire', 'Strong no hire'],
    ['hire', 'Hire'],
    [null, ''],
  ] as const)('signal %s → %s', (signal, label) => expect(signalLabel(signal)).toBe(label));
});
