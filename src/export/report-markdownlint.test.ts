/**
 * The Markdown report passes markdownlint's default rules (line length
 * aside: a requirement or a note is one line however long it is), tables'
 * MD060 included, for a board made from every template, both copies.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint as markdownlint } from 'markdownlint/promise';
import { describe, expect, it } from 'vitest';
import { parseBoardJson } from '../board/format';
import type { Board } from '../board/types';
import { emptyScorecard } from '../interview/scorecard';
import { initialTimer, nextPhase, start, timerView } from '../interview/timer';
import { boardReport, type InterviewerCopy } from './report';

const templatesDir = join(import.meta.dirname, '../../templates');
const templates = readdirSync(templatesDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f, board: parseBoardJson(readFileSync(join(templatesDir, f), 'utf8'), f) }));

/** A timer 20 minutes in: one step over its budget, one within it, the others not begun (empty cells). */
function timer() {
  let t = start(initialTimer(), 0);
  t = nextPhase(t, 7 * 60_000 + 35_400);
  t = nextPhase(t, 9 * 60_000);
  return timerView(t, 20 * 60_000);
}

function interviewer(): InterviewerCopy {
  const scorecard = emptyScorecard('senior');
  scorecard.dimensions['trade-offs'] = { rating: 2, note: 'Picked *Cassandra* without a because' };
  scorecard.overall = 'hire';
  scorecard.notes = 'Asked about the read/write ratio unprompted.\n\n- not a list';
  return {
    privateNotes: scorecard.notes,
    scorecard,
    pins: [{ clock: '14:05', note: 'drew one DB for 10K writes/s', blocks: ['DB'], href: 'http://localhost/b/x#r=1' }],
    comments: [
      {
        text: 'No *because* for Redis',
        on: 'Cache',
        dimension: 'trade-offs',
        replies: ['Ina: asked twice'],
        resolved: false,
      },
      { text: '# not a heading', on: 'the canvas', dimension: null, replies: [], resolved: true },
    ],
  };
}

/** Two kept failure drills, one with survivors and names that look like Markdown. */
const DRILLS = [
  {
    at: 1,
    by: 'Ina',
    failed: ['Links *DB*'],
    cut: ['API'],
    requirementsLost: ['Shorten a link'],
    clientsDown: ['Web'],
    clientsDegraded: [],
    survivors: [],
  },
  {
    at: 2,
    by: 'Ina',
    failed: ['us-east'],
    cut: [],
    requirementsLost: [],
    clientsDown: [],
    clientsDegraded: ['Mobile'],
    survivors: [{ failed: 'LB (us-east)', takenOverBy: ['LB (eu-west)'] }],
  },
];

async function problems(markdown: string): Promise<string[]> {
  const result = await markdownlint({ strings: { report: markdown }, config: { default: true, MD013: false } });
  return (result.report ?? []).map(
    (e) =>
      `line ${e.lineNumber} ${e.ruleNames.join('/')}: ${e.errorDetail ?? e.ruleDescription} [${e.errorContext ?? ''}]`,
  );
}

describe('the Markdown report passes markdownlint', () => {
  it('has templates to try', () => expect(templates.length).toBeGreaterThan(3));

  for (const { name, board } of templates) {
    it(`for a board from ${name}, both copies`, async () => {
      const input = {
        board,
        timer: timer(),
        diagram: { src: 'diagram.png', alt: 'The design' },
        date: '2 Dec 2026',
        drills: DRILLS,
      };
      expect(await problems(boardReport(input))).toEqual([]);
      expect(await problems(boardReport(input, interviewer()))).toEqual([]);
      const solo = {
        questions: (board.template?.questions ?? []).map((question, i) => ({ question, asked: i % 2 === 0 })),
        ...(board.template ? { reference: board.template.reference } : {}),
        selfAssessment: interviewer().scorecard!,
      };
      expect(await problems(boardReport({ ...input, solo }))).toEqual([]);
    });
  }

  it('for a board whose text looks like Markdown', async () => {
    const board: Board = {
      ...templates[0]!.board,
      title: '# Title  with *stars* ',
      notes: { tradeoffs: '  # heading?\n\n\n> quote\n* star  \n1. one', api: '' },
    };
    expect(await problems(boardReport({ board, timer: timer() }, interviewer()))).toEqual([]);
  });

  it('would catch a table cell MD060 rejects', async () => {
    expect(await problems('# T\n\n| a | b |\n| --- | --- |\n| x |   |\n')).not.toEqual([]);
  });
});
