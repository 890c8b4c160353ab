import { describe, expect, it } from 'vitest';
import { emptyBoard } from '../board/types';
import { boardReport, reportHtml } from './report';

describe('the reports of peer rounds', () => {
  const first = 'https://archboard.example/b/round1abc#token=observer1';
  const third = 'https://archboard.example/b/round3abc#token=observer3';
  const input = {
    board: { ...emptyBoard(), title: 'Round 2' },
    findings: null,
    rounds: { number: 2, previous: { number: 1, href: first }, next: { number: 3, href: third } },
  };

  it('link the previous and the next round, in Markdown and in the printable page', () => {
    const md = boardReport(input);
    expect(md).toContain('**Round 2** of a peer practice.');
    expect(md).toContain(`Previous round: [Round 1](<${first}>).`);
    expect(md).toContain(`Next round: [Round 3](<${third}>).`);
    const html = reportHtml(input);
    expect(html).toContain(`href="${first}"`);
    expect(html).toContain(`href="${third}"`);
  });

  it('say nothing of rounds for a board that is none', () => {
    expect(boardReport({ board: emptyBoard(), findings: null })).not.toMatch(/round/i);
  });
});
