import { describe, expect, it } from 'vitest';
import { emptyBoard } from '../board/types';
import { emptyScorecard } from '../interview/scorecard';
import { boardReport, type InterviewerCopy } from './report';

const copy: InterviewerCopy = {
  scorecard: emptyScorecard('senior'),
  comments: [
    {
      text: 'No because for Redis',
      on: 'Cache',
      dimension: 'trade-offs',
      replies: ['Ina: asked twice'],
      resolved: false,
    },
    {
      text: 'Summarised before the details',
      on: 'the canvas',
      dimension: 'communication',
      replies: [],
      resolved: true,
    },
    { text: 'Ask about hot keys', on: 'API → Cache', dimension: null, replies: [], resolved: false },
  ],
};

describe('private comments in the report', () => {
  it('lists them under their scorecard dimension in the interviewer’s copy, the rest apart', () => {
    const md = boardReport({ board: emptyBoard(), findings: null }, copy);
    expect(md).toContain('### Evidence from comments');
    expect(md).toMatch(/- \*\*Trade-off awareness:\*\* No because for Redis \(on Cache\) · Ina: asked twice/);
    expect(md).toMatch(/- \*\*Communication:\*\* Summarised before the details \(on the canvas, resolved\)/);
    expect(md).toContain('### Other private comments');
    expect(md).toMatch(/- Ask about hot keys \(on API → Cache\)/);
  });

  it('never shows them in the candidate’s copy', () => {
    const md = boardReport({ board: emptyBoard(), findings: null });
    expect(md).not.toContain('No because for Redis');
    expect(md).not.toContain('Evidence from comments');
  });
});
