import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  privateNotesOf,
  readPrivateScorecard,
  setDimensionScore,
  setScorecardLevel,
  setScorecardOverall,
} from './private-doc';

describe('private document', () => {
  it('reads back what the interviewer wrote, and ignores junk', () => {
    const doc = new Y.Doc();
    setScorecardLevel(doc, 'senior');
    setScorecardOverall(doc, 'hire');
    setDimensionScore(doc, 'communication', { rating: 3, note: 'checks in often' });
    privateNotesOf(doc).insert(0, 'strong on caching');
    doc.getMap('scorecard').set('dimension:trade-offs', { rating: 9, note: 5 });
    const card = readPrivateScorecard(doc);
    expect(card.level).toBe('senior');
    expect(card.overall).toBe('hire');
    expect(card.dimensions.communication).toEqual({ rating: 3, note: 'checks in often' });
    expect(card.dimensions['trade-offs']).toEqual({ rating: null, note: '' });
    expect(card.notes).toBe('strong on caching');
  });
});
