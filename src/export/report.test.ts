import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBoardJson } from '../board/format';
import { emptyBoard, type Board } from '../board/types';
import type { Finding } from '../lint';
import { emptyScorecard, type Scorecard } from '../interview/scorecard';
import { initialTimer, nextPhase, start, timerView } from '../interview/timer';
import {
  boardReport,
  overBudgetText,
  reportDocument,
  reportHtml,
  type InterviewerCopy,
  type ReportInput,
} from './report';

const examples = join(import.meta.dirname, '../../examples');
const readExample = (name: string) => parseBoardJson(readFileSync(join(examples, name), 'utf8'), name);
/** A board whose findings the interviewer has shown to the candidate. */
const findingsShown = (board: Board): Board => ({
  ...board,
  settings: { ...board.settings, findingsVisibleToCandidate: true },
});
const design = findingsShown(readExample('url-shortener.json'));
const draft = findingsShown(readExample('url-shortener-draft.json'));

/** Marks that must never reach the candidate. */
const SECRET_NOTE = 'PRIVATE-NOTE-5d1e';
const SECRET_DIMENSION = 'PRIVATE-DIMENSION-77a0';
const SECRET_SUMMARY = 'PRIVATE-SUMMARY-0c4b';
const SECRETS = [SECRET_NOTE, SECRET_DIMENSION, SECRET_SUMMARY];

function scorecard(): Scorecard {
  const card = emptyScorecard('senior');
  card.dimensions['trade-offs'] = { rating: 2, note: `Cassandra without a because ${SECRET_DIMENSION}` };
  card.dimensions.communication = { rating: 4, note: '' };
  card.overall = 'no-hire';
  card.notes = `Debrief: ${SECRET_SUMMARY}`;
  return card;
}
const interviewer = (): InterviewerCopy => ({
  privateNotes: `Candidate froze at estimation. ${SECRET_NOTE}`,
  scorecard: scorecard(),
});

/** A timer 16 minutes in, two steps done, the first over budget. */
function timer() {
  let t = start(initialTimer(), 0);
  t = nextPhase(t, 7 * 60_000);
  t = nextPhase(t, 9 * 60_000);
  return timerView(t, 16 * 60_000);
}

/** The text of the section under a "## " heading, up to the next one. */
function section(markdown: string, heading: string): string | undefined {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start === -1) return undefined;
  const rest = markdown.slice(start + heading.length + 5);
  const end = rest.indexOf('\n## ');
  return end === -1 ? rest : rest.slice(0, end);
}

describe("the candidate's copy never holds the interviewer's material", () => {
  const renderers = [
    ['Markdown', boardReport],
    ['HTML', reportHtml],
  ] as const;

  it.each(renderers)('%s: not when the interviewer copy is left out', (_name, render) => {
    const text = render({ board: draft, timer: timer() });
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/Scorecard|Interviewer's notes|Interviewer's copy/);
  });

  it.each(renderers)('%s: not even when private fields ride along on the input or the board', (_name, render) => {
    // A caller that spreads the private document into the input by mistake.
    const sloppy = {
      board: { ...draft, scorecard: scorecard(), privateNotes: SECRET_NOTE },
      scorecard: scorecard(),
      privateNotes: SECRET_NOTE,
      interviewer: interviewer(),
    };
    const text = render(sloppy);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it.each(renderers)('%s: the interviewer copy has all of it, under a banner', (name, render) => {
    const text = render({ board: draft }, interviewer());
    for (const secret of SECRETS) expect(text).toContain(secret);
    expect(text).toContain(name === 'HTML' ? 'Interviewer&#39;s copy' : "Interviewer's copy");
  });

  it.each(renderers)('%s: the report input type has no place for private material', (_name, render) => {
    // The compile-time half: `npm test` runs tsc, which fails if ReportInput ever
    // grows a place for a scorecard (the directive would then be unused).
    // @ts-expect-error: a scorecard is not part of ReportInput
    const input: ReportInput = { board: draft, scorecard: scorecard() };
    // The run-time half: smuggled in anyway, nothing of it is rendered.
    const text = render(input);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it('the two copies differ only by the interviewer sections', () => {
    const candidate = boardReport({ board: draft, date: 'today' });
    const own = boardReport({ board: draft, date: 'today' }, interviewer());
    const withoutBanner = own.replace(/\*\*Interviewer's copy:\*\*[^\n]*\n\n/, '');
    expect(withoutBanner.startsWith(candidate.trimEnd())).toBe(true);
  });
});

describe('boardReport on the URL shortener design', () => {
  const markdown = boardReport({ board: design, diagram: { src: 'url-shortener.png' }, date: '1 June 2025' });

  it('opens with the title, the date and the problem', () => {
    expect(
      markdown.startsWith(
        '# Design a URL shortener\n\nWritten 1 June 2025\n\n## Problem\n\nDesign a URL shortener like bit.ly\n',
      ),
    ).toBe(true);
  });

  it('lists the functional requirements and the non-functional targets with the downtime they allow', () => {
    const requirements = section(markdown, 'Requirements')!;
    expect(requirements).toContain('- Shorten a long URL to a short code');
    expect(requirements).toContain('| Latency (p99) | 100 ms |');
    expect(requirements).toContain('| Availability | 99.99% (52.6 min of downtime a year) |');
    expect(requirements).toContain('| Consistency | Eventual |');
    expect(requirements).toContain('**Needs:** Analytics');
  });

  it('gives the estimate as a table and the arithmetic step by step', () => {
    const estimate = section(markdown, 'Estimate')!;
    expect(estimate).toContain('| Peak requests a second | 382/s |');
    expect(estimate).toContain('| Total storage | 2.74 TB |');
    expect(estimate).toContain('1. **Reads a day:** 1M DAU × 10 reads = 10M/day');
    expect(estimate).not.toContain('assumed');
  });

  it('shows the diagram as the picture given and as Mermaid text', () => {
    const diagram = section(markdown, 'Diagram')!;
    expect(diagram).toContain('![Diagram: Design a URL shortener](url-shortener.png)');
    expect(diagram).toContain('```mermaid\nflowchart TD\n  n_client(["Browser"])');
    expect(diagram).toContain('n_app -.->|"click"| n_q');
  });

  it('keeps the API and data model notes as written, and the trade-offs as prose', () => {
    const notes = section(markdown, 'Notes')!;
    expect(notes).toContain(
      '### API design\n\n```text\nPOST /api/urls {long_url, expires_at?} -> {code}\nGET /{code} -> 301 Location: long_url\n```',
    );
    expect(notes).toContain('### Data model\n\n```text\nUrl(code PK, long_url, owner_id, created_at, expires_at)\n```');
    expect(notes).toContain('### Trade-offs\n\nBase62 codes');
  });

  it('has no error findings (the example is a complete design)', () => {
    const findings = section(markdown, 'Lint findings')!;
    expect(findings).not.toContain('### Errors');
  });

  it('has no time section without a timer', () => {
    expect(section(markdown, 'Time')).toBeUndefined();
  });
});

describe('boardReport sections', () => {
  it('groups the findings by severity, most severe first, naming the blocks', () => {
    const findings = section(boardReport({ board: draft }), 'Lint findings')!;
    expect(findings.indexOf('### Errors (2)')).toBeGreaterThan(-1);
    expect(findings.indexOf('### Errors')).toBeLessThan(findings.indexOf('### Warnings'));
    expect(findings).toContain('- **single-point-of-failure**: ');
    expect(findings).toContain('_(Shortener API)_');
  });

  it('uses the findings it is given, and leaves the section out for null', () => {
    const one: Finding = { rule: 'orphan-block', severity: 'info', message: 'Lonely <b>', blocks: ['ghost'], why: '' };
    expect(section(boardReport({ board: draft, findings: [one] }), 'Lint findings')).toBe(
      '\n### Information (1)\n\n- **orphan-block**: Lonely \\<b\\> _(ghost)_\n',
    );
    expect(section(boardReport({ board: draft, findings: [] }), 'Lint findings')).toBe('\nNo findings.\n');
    expect(boardReport({ board: draft, findings: null })).not.toContain('Lint findings');
  });

  it.each<[string, boolean | undefined, InterviewerCopy | undefined, boolean]>([
    ["the candidate's copy, findings not shown yet", undefined, undefined, false],
    ["the candidate's copy, findings hidden", false, undefined, false],
    ["the candidate's copy, findings shown", true, undefined, true],
    ["the interviewer's copy, findings hidden", false, {}, true],
  ])("follows the interviewer's choice to show findings: %s", (_name, visible, copy, expected) => {
    const board: Board = { ...draft, settings: { findingsVisibleToCandidate: visible } };
    const one: Finding = { rule: 'orphan-block', severity: 'info', message: 'm', blocks: [], why: '' };
    for (const findings of [undefined, [one]]) {
      expect(boardReport({ board, findings }, copy).includes('## Lint findings')).toBe(expected);
    }
  });

  it('shows the time per step against the budget, the overrun and the checkpoint', () => {
    const time = section(boardReport({ board: draft, timer: timer() }), 'Time')!;
    expect(time).toContain('| Step | Budget | Spent | Over by |\n| --- | ---: | ---: | ---: |');
    expect(time).toContain('| Requirements | 5:00 | 7:00 | 2:00 |');
    expect(time).toContain('| Estimation | 3:00 | 2:00 | |');
    expect(time).toContain('| Storage schema | 4:00 | 7:00 | 3:00 |');
    expect(time).toContain('| Total | 45:00 | 16:00 | |');
    expect(time).toContain('**Checkpoint:** 15 minutes in and high-level design has not begun');
  });

  it('counts "over by" from the seconds the table shows: 3:35 spent on a 3:00 step is over by 0:35', () => {
    expect(overBudgetText(3 * 60_000 + 35_000, 3 * 60_000)).toBe('0:35');
    expect(overBudgetText(3 * 60_000 + 35_999, 3 * 60_000)).toBe('0:35');
    expect(overBudgetText(3 * 60_000 + 35_001, 3 * 60_000)).toBe('0:35');
    expect(overBudgetText(3 * 60_000 + 999, 3 * 60_000)).toBe('');
    expect(overBudgetText(3 * 60_000, 3 * 60_000)).toBe('');
    expect(overBudgetText(2 * 60_000, 3 * 60_000)).toBe('');
    expect(overBudgetText(64 * 60_000 + 1_500, 45 * 60_000)).toBe('19:01');
    // In the table: estimation given 3:00, spent 3:35.4.
    let t = start(initialTimer(), 0);
    t = nextPhase(t, 5 * 60_000);
    const view = timerView(t, 5 * 60_000 + 3 * 60_000 + 35_400);
    const time = section(boardReport({ board: draft, timer: view }), 'Time')!;
    expect(time).toContain('| Estimation | 3:00 | 3:35 | 0:35 |');
  });

  it('prints the scorecard with ratings, the signal and the level expectations', () => {
    const markdown = boardReport({ board: draft }, interviewer());
    const card = section(markdown, 'Scorecard')!;
    expect(card).toContain('**Target level:** Senior');
    expect(card).toContain('**Overall:** No hire');
    expect(card).toContain(`| Trade-off awareness | 2 · Below | Cassandra without a because ${SECRET_DIMENSION} |`);
    expect(card).toContain('| Problem solving | Not rated | |');
    expect(card).toContain('| Drives requirements | Proactively |');
    expect(card).toContain(`### Scorecard notes\n\nDebrief: ${SECRET_SUMMARY}`);
    expect(section(markdown, "Interviewer's notes")).toContain(SECRET_NOTE);
  });

  it("prints the interviewer's notes once when the scorecard's notes are the same text, as in the app", () => {
    const card = { ...scorecard(), notes: `Candidate froze at estimation. ${SECRET_NOTE}` };
    for (const text of [
      boardReport({ board: draft }, { privateNotes: card.notes, scorecard: card }),
      reportHtml({ board: draft }, { privateNotes: card.notes, scorecard: card }),
    ])
      expect(text.split(SECRET_NOTE)).toHaveLength(2);
    // Notes only on the scorecard still print, under the interviewer's notes.
    const onlyCard = boardReport({ board: draft }, { scorecard: card });
    expect(section(onlyCard, "Interviewer's notes")).toContain(SECRET_NOTE);
    expect(onlyCard.split(SECRET_NOTE)).toHaveLength(2);
  });

  it('handles an interviewer copy with no scorecard yet', () => {
    const markdown = boardReport({ board: draft }, {});
    expect(section(markdown, "Interviewer's notes")).toBe('\nNone.\n');
    expect(section(markdown, 'Scorecard')).toBeUndefined();
  });

  it('says what is missing on an empty board', () => {
    const markdown = boardReport({ board: findingsShown(emptyBoard('')) });
    expect(markdown.startsWith('# Untitled board\n')).toBe(true);
    expect(markdown).not.toContain('## Problem');
    expect(markdown).toContain('None written down.');
    expect(markdown).toContain('None stated.');
    expect(markdown).toContain('No scale given');
    expect(markdown).toContain('The board is empty.');
    expect(markdown).toContain('No notes.');
    expect(section(markdown, 'Lint findings')).toBeDefined();
  });

  it('marks assumed factors', () => {
    const board: Board = { ...emptyBoard('x'), requirements: { scale: { dau: 1_000_000, readsPerUserPerDay: 10 } } };
    const estimate = section(boardReport({ board }), 'Estimate')!;
    expect(estimate).toContain('= 347/s _(assumed)_');
    expect(estimate).toContain(
      'Assumed, as usual when the requirements do not say: peak factor 3, replication factor 3.',
    );
  });

  it('escapes what people typed', () => {
    const board: Board = {
      ...emptyBoard('# <script>alert(1)</script>'),
      requirements: { prompt: '*Design* [x](javascript:alert(1))', functional: ['1. <b>bold</b>'] },
      notes: { tradeoffs: '- not a list\n> not a quote', api: '```\nbreak out\n```' },
    };
    const markdown = boardReport({ board, findings: null });
    expect(markdown).toContain('# \\# \\<script\\>alert(1)\\</script\\>\n');
    expect(markdown).toContain('\\*Design\\* \\[x\\](javascript:alert(1))');
    expect(markdown).toContain('- 1\\. \\<b\\>bold\\</b\\>');
    expect(markdown).toContain('\\- not a list\\\n\\> not a quote');
    expect(markdown).toContain('````text\n```\nbreak out\n```\n````');
    const html = reportHtml({ board, findings: null });
    expect(html).not.toMatch(/<script|<b>/);
    expect(html).toContain('<h1># &lt;script&gt;alert(1)&lt;/script&gt;</h1>');
  });

  it('leaves out a diagram picture whose source is not safe', () => {
    const markdown = boardReport({ board: draft, diagram: { src: 'javascript:alert(1)' } });
    expect(markdown).not.toContain('javascript:');
    expect(markdown).toContain('```mermaid');
  });
});

describe('reportHtml', () => {
  it('is a printable page of the same document', () => {
    const html = reportHtml({ board: design, diagram: { src: 'data:image/png;base64,iVBORw0KGgo=' } });
    expect(html).toContain('<title>Design a URL shortener</title>');
    expect(html).toContain('<h1>Design a URL shortener</h1>');
    expect(html).toContain('<img src="data:image/png;base64,iVBORw0KGgo="');
    // Printed, the diagram is the picture: never the Mermaid source.
    expect(html).not.toContain('language-mermaid');
    expect(html).not.toContain('flowchart TD');
    expect(html).toContain('<td>Availability</td><td>99.99% (52.6 min of downtime a year)</td>');
    expect(html).not.toMatch(/<script/i);
  });

  it('renders every block of the document model', () => {
    const blocks = reportDocument({ board: design, timer: timer() }, interviewer());
    const html = reportHtml({ board: design, timer: timer() }, interviewer());
    const headings = blocks.filter((b) => b.type === 'heading').length;
    expect(html.match(/<h[123]>/g)).toHaveLength(headings);
  });
});

describe('evidence pins in the report', () => {
  const board: Board = { ...emptyBoard(), title: 'Pins' };
  const pins: InterviewerCopy['pins'] = [
    {
      clock: '14:05',
      note: 'drew one DB for 10K writes/s',
      blocks: ['DB'],
      href: 'http://localhost:8787/b/abcdef#token=t&replay=5',
    },
    { clock: '20:00', note: 'a hostile link', blocks: [], href: 'javascript:alert(1)' },
  ];

  it("lists them with their times and replay links in the interviewer's copy alone", () => {
    const markdown = boardReport({ board }, { pins });
    expect(markdown).toContain('## Evidence');
    expect(markdown).toContain('**14:05**, drew one DB for 10K writes/s (DB)');
    expect(markdown).toContain('(<http://localhost:8787/b/abcdef#token=t&replay=5>)');
    expect(boardReport({ board })).not.toContain('drew one DB');
    const html = reportHtml({ board }, { pins });
    expect(html).toContain('<a href="http://localhost:8787/b/abcdef#token=t&amp;replay=5">open in the replay</a>');
    // Only http(s) addresses become links.
    expect(html).not.toContain('javascript:');
    expect(markdown).not.toContain('javascript:');
  });
});

describe('failure drills in the report', () => {
  const board = readExample('url-shortener.json');
  const kept = {
    at: Date.UTC(2026, 11, 2, 5, 0, 0),
    by: 'Ana',
    failed: ['Links DB'],
    cut: ['Redirect service'],
    requirementsLost: ['Redirect a short link'],
    clientsDown: ['Browser'],
    clientsDegraded: [],
    survivors: [{ failed: 'Cache', takenOverBy: ['Cache replica'] }],
  };

  it('has no section when no drill was kept', () => {
    expect(boardReport({ board })).not.toContain('Failure drills');
    expect(boardReport({ board, drills: [] })).not.toContain('Failure drills');
  });

  it('tells each kept drill, in both copies', () => {
    const input: ReportInput = { board, drills: [kept], drillTime: () => '05:00' };
    for (const markdown of [boardReport(input), boardReport(input, {})]) {
      expect(markdown).toContain('## Failure drills');
      expect(markdown).toContain('### Drill 1: Links DB down');
      expect(markdown).toContain('**When:** 05:00, by Ana');
      expect(markdown).toContain('**Requirements losing service:** Redirect a short link');
      expect(markdown).toContain('**Clients losing all service:** Browser');
      expect(markdown).toContain('**Clients losing part of it:** none');
      expect(markdown).toContain('**Cut off from their data:** Redirect service');
      expect(markdown).toContain('**Survives:** Cache: Cache replica takes over');
    }
    expect(boardReport({ board, drills: [kept] })).toContain('**When:** 2026-12-02T05:00:00.000Z, by Ana');
    expect(reportHtml(input)).toContain('<h2>Failure drills</h2>');
  });
});

describe('a solo practice round in the report', () => {
  const NEWS_FEED = parseBoardJson(
    readFileSync(join(import.meta.dirname, '../../templates/news-feed.json'), 'utf8'),
    'news-feed.json',
  );
  const { questions, reference } = NEWS_FEED.template!;
  const board: Board = { ...emptyBoard(), title: 'Feed', blocks: [{ id: 'api', kind: 'service', x: 0, y: 0 }] };
  const selfAssessment = emptyScorecard('senior');
  selfAssessment.dimensions['problem-solving'] = { rating: 3, note: 'Asked about the scale first' };
  const round = {
    questions: questions.map((question, i) => ({ question, asked: i < 2 })),
    reference,
    selfAssessment,
  };

  it('lists the questions asked and not asked, the comparison and the self-assessment', () => {
    const md = boardReport({ board, solo: round });
    const solo = section(md, 'Solo practice')!;
    expect(solo).toContain(`Clarifying questions asked: 2 of ${questions.length}`);
    expect(solo).toContain(`- ${questions[0]}`);
    expect(solo.slice(solo.indexOf('### Not asked'))).toContain(`- ${questions[2]}`);
    const compared = section(md, 'Compared with the reference')!;
    expect(compared).toContain('The reference has what the board lacks:');
    expect(compared).toContain('| L · Load balancer | no | yes |');
    const self = section(md, 'Self-assessment')!;
    expect(self).toContain('**Against the level:** Senior');
    expect(self).toMatch(/\| Problem solving \| 3 · Meets \| Asked about the scale first \|/);
    expect(self).toMatch(/\| Communication \| Not rated \|/);
    // The candidate's own report: the findings, and no interviewer's banner or scorecard.
    expect(section(md, 'Lint findings')).toBeDefined();
    expect(md).not.toContain("Interviewer's copy");
    expect(section(md, 'Scorecard')).toBeUndefined();
  });

  it('keeps the reference out until the round is over', () => {
    const md = boardReport({ board, solo: { ...round, reference: undefined } });
    expect(section(md, 'Compared with the reference')).toContain('the reference shows when it ends');
    for (const block of reference.blocks) if (block.label) expect(md).not.toContain(block.label);
  });

  it('has no solo sections on an interview board', () => {
    const md = boardReport({ board });
    expect(section(md, 'Solo practice')).toBeUndefined();
    expect(section(md, 'Self-assessment')).toBeUndefined();
  });
});
