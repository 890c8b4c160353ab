/**
 * Solo practice, as a candidate alone goes through it: from the home page's
 * "Practise alone" on a template, the board plays the interviewer: the clock
 * starts, clarifying questions are asked by clicking them and their answers
 * land in the requirements as given, the follow-up questions come at the
 * evaluation step, and the end of the round shows the reference (hidden
 * until then) and a self-assessment on the scorecard's four dimensions, which
 * the report holds.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint as markdownlint } from 'markdownlint/promise';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Board } from '../../src/board/types';
import { templateAnswers } from '../../src/interview/answers';
import { PHASES, phaseIndexOf } from '../../src/interview/phases';
import { useServerAndBrowser } from '../helpers/browser-suite';
import { addBlockByClick, openBoard } from '../helpers/board-page';
import { createBoard } from '../helpers/sync-clients';
import { readReportZip } from '../helpers/report-zip';

const suite = useServerAndBrowser();
const viewport = { width: 1440, height: 900 };
const NEWS_FEED = JSON.parse(readFileSync(join(__dirname, '../../templates/news-feed.json'), 'utf8')) as Board;
const ANSWERS = templateAnswers(NEWS_FEED.template!.questions, NEWS_FEED.requirements!);
const REFERENCE = NEWS_FEED.template!.reference;
/** Text only the reference has: its notes' first lines. */
const REFERENCE_TEXT = Object.values(REFERENCE.notes ?? {})
  .map((n) => n.split('\n')[0]!.trim())
  .filter((line) => line.length > 12);

const SHOTS = process.env.ARCHBOARD_SHOTS;
const shot = async (page: Page, name: string) => {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
};

/** The functional requirements on the screen. */
const functionalOn = (page: Page) =>
  page
    .locator('[data-list=functional] textarea')
    .evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));

describe('solo practice', () => {
  it('runs a full round alone, from a template to the report', async () => {
    expect(REFERENCE_TEXT.length).toBeGreaterThan(0);
    const context = await suite.newContext({ viewport, acceptDownloads: true });
    await context.addInitScript(() => {
      if (!localStorage.getItem('archboard:session'))
        localStorage.setItem('archboard:session', JSON.stringify({ state: { userName: 'Sol' }, version: 0 }));
    });
    const page = await context.newPage();

    // The home page offers solo practice; a template's card starts it.
    await page.goto(suite.server.url + '/');
    await page.waitForSelector('[data-testid=practise-alone]');
    await page.fill('[data-testid=template-search]', 'news feed');
    await shot(page, 'solo-1-home');
    await page.click('[data-testid=practise-template-news-feed]');
    await page.waitForURL(/\/b\/[^#]+#token=/);
    await page.waitForSelector('.react-flow__renderer');

    // The board plays the interviewer: its practice tab instead of the interviewer's, and the clock running.
    await page.waitForSelector('[data-testid=practice-panel]');
    expect(await page.locator('.ab-tab:has-text("Interviewer")').count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid=timer]').getAttribute('data-status')).toBe('running');
    expect(await page.locator('[data-testid=practice-step]').getAttribute('data-phase')).toBe('requirements');
    await expect.poll(() => page.locator('[data-testid=ask-question]').count()).toBe(ANSWERS.length);
    // No answer shows before it is asked, and the follow-ups wait for the evaluation step.
    expect(await page.locator('[data-testid=practice-answer]').count()).toBe(0);
    expect(await page.locator('[data-testid=follow-ups]').count()).toBe(0);
    await shot(page, 'solo-2-start');

    // Two questions asked by clicking them: each answer shows, and lands in the requirements as given.
    const [first, second] = ANSWERS.filter((a) => a.parts.some((p) => p.kind === 'functional'));
    for (const answer of [first!, second!]) {
      await page.click(`[data-testid=practice-questions] [data-question="${answer.index}"] [data-testid=ask-question]`);
      const shown = page.locator(`[data-testid=practice-questions] [data-question="${answer.index}"]`);
      await expect.poll(() => shown.locator('[data-testid=practice-answer]').textContent()).toContain(answer.lines[0]);
    }
    expect(await page.locator('[data-testid=practice-answer]').count()).toBe(2);
    await shot(page, 'solo-3-asked');
    await page.click('.ab-tab:has-text("Requirements")');
    const functional = [first!, second!].flatMap((a) =>
      a.parts.flatMap((p) => (p.kind === 'functional' ? [p.text] : [])),
    );
    await expect.poll(() => functionalOn(page)).toEqual(functional);
    await expect
      .poll(() =>
        page
          .locator('[data-testid=given-answers] > ol > li')
          .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-question')))),
      )
      .toEqual([first!.index, second!.index]);

    // A design: one service in front of one database (a single point of failure to ask about).
    await addBlockByClick(page, 'service');
    await addBlockByClick(page, 'sql-db');

    // Step by step to the evaluation step, where the interviewer's follow-up questions come forward.
    await page.click('.ab-tab:has-text("Practice")');
    for (let i = 0; i < phaseIndexOf('evaluation'); i++) {
      const next = PHASES[i + 1]!.id;
      await page.click('[data-testid=practice-next]');
      await expect.poll(() => page.locator('[data-testid=practice-step]').getAttribute('data-phase')).toBe(next);
      if (next !== 'evaluation') expect(await page.locator('[data-testid=follow-ups]').count()).toBe(0);
    }
    await expect.poll(() => page.locator('[data-testid=follow-ups] .ab-questions li').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=follow-ups]').textContent()).toContain('The interviewer asks');
    await shot(page, 'solo-4-evaluation');
    // The reference stays hidden until the end.
    expect(await page.locator('[data-testid=solo-review]').count()).toBe(0);
    const before = await page.content();
    for (const line of REFERENCE_TEXT) expect(before).not.toContain(line);

    // The last step, then the end of the round: the reference beside the comparison, and the self-assessment.
    await page.click('[data-testid=practice-next]');
    await expect
      .poll(() => page.locator('[data-testid=practice-step]').getAttribute('data-phase'))
      .toBe('distinctive-features');
    await page.click('[data-testid=practice-finish]');
    const review = page.locator('[data-testid=solo-review]');
    await review.waitFor();
    await expect.poll(() => page.locator('[data-testid=timer]').getAttribute('data-status')).toBe('finished');
    await expect
      .poll(() => review.locator('[data-testid=comparison-summary]').textContent())
      .toContain('The reference has what the board lacks');
    await expect
      .poll(() => review.locator('[data-testid=solo-reference] .react-flow__node').count())
      .toBe(REFERENCE.blocks.length);

    await review.locator('[data-testid=self-assessment]').waitFor();
    await review.locator('[data-testid=scorecard-level]').selectOption('senior');
    const ratings = {
      'problem-solving': 'Meets',
      'technical-knowledge': 'Below',
      'trade-offs': 'Below',
      communication: 'Exceeds',
    };
    for (const [dimension, label] of Object.entries(ratings)) {
      const radio = review.locator(`[data-dimension="${dimension}"]`).getByRole('radio', { name: label, exact: true });
      await radio.click();
      await expect.poll(() => radio.getAttribute('aria-checked')).toBe('true');
    }
    await review.locator('textarea[name=note-problem-solving]').fill('Asked for the scale before drawing');
    await review.locator('.ab-compare__text').evaluate((el) => el.scrollTo(0, 0));
    await shot(page, 'solo-5-review');
    await review.locator('[data-dimension=communication]').scrollIntoViewIfNeeded();
    await shot(page, 'solo-6-self-assessment');

    // The report: the questions asked and not, the comparison and the self-assessment, clean Markdown.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      review.locator('[data-testid=solo-report]').click(),
    ]);
    const zip = readReportZip(await download.path());
    expect(zip.names).toEqual(['diagram.png', 'diagram.svg', 'report.md']);
    const md = zip.markdown;
    expect(md).toContain('## Solo practice');
    expect(md).toContain(`Clarifying questions asked: 2 of ${ANSWERS.length}`);
    expect(md).toContain(`- ${first!.question}`);
    expect(md).toContain('## Compared with the reference');
    expect(md).toContain('The reference has what the board lacks:');
    expect(md).toContain('## Self-assessment');
    expect(md).toContain('**Against the level:** Senior');
    expect(md).toMatch(/\| Problem solving \| 3 · Meets \| Asked for the scale before drawing \|/);
    expect(md).toMatch(/\| Communication \| 4 · Exceeds \|/);
    expect(md).toContain('## Time');
    expect(md).not.toContain("Interviewer's copy");
    const lint = await markdownlint({ strings: { report: md }, config: { default: true, MD013: false } });
    expect(lint.report).toEqual([]);

    // The printable page holds the same sections.
    const [printable] = await Promise.all([
      context.waitForEvent('page'),
      review.locator('[data-testid=solo-print]').click(),
    ]);
    await printable.waitForLoadState();
    expect(await printable.locator('h2').allTextContents()).toEqual(
      expect.arrayContaining(['Solo practice', 'Compared with the reference', 'Self-assessment']),
    );
    if (SHOTS) await printable.screenshot({ path: join(SHOTS, 'solo-7-printable.png'), fullPage: true });
  });

  it('keeps a round through a reload, its clock still on the same step, and ends it early on request', async () => {
    const { links } = await createBoard(suite.server.url, { template: 'news-feed', mode: 'solo' });
    const page = await openBoard(await suite.newContext({ viewport }), suite.server.url, links.interviewer, 'Sol');
    await page.waitForSelector('[data-testid=practice-panel]');
    await expect.poll(() => page.locator('[data-testid=timer]').getAttribute('data-status')).toBe('running');
    const asked = ANSWERS.find((a) => a.lines.length > 0)!;
    await page.click(`[data-testid=practice-questions] [data-question="${asked.index}"] [data-testid=ask-question]`);
    await page.waitForSelector(
      `[data-testid=practice-questions] [data-question="${asked.index}"] [data-testid=practice-answer]`,
    );
    await page.click('[data-testid=practice-next]');
    await expect.poll(() => page.locator('[data-testid=practice-step]').getAttribute('data-phase')).toBe('estimation');

    await page.reload();
    await page.waitForSelector('[data-testid=practice-panel]');
    await expect.poll(() => page.locator('[data-testid=practice-step]').getAttribute('data-phase')).toBe('estimation');
    expect(await page.locator('[data-testid=timer]').getAttribute('data-status')).toBe('running');
    expect(await page.locator('[data-testid=practice-answer]').count()).toBe(1);
    // The linter's findings wait for the evaluation step, as the follow-up questions do.
    await page.click('.ab-tab:has-text("Findings")');
    await expect.poll(() => page.locator('[data-testid=findings-hidden]').textContent()).toContain('evaluation');
    expect(await page.locator('[data-testid=show-findings-to-candidate]').count()).toBe(0);
    await page.click('.ab-tab:has-text("Practice")');
    // "End now" asks first, then ends the round at this step and opens the review.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('[data-testid=practice-end]');
    await page.locator('[data-testid=solo-review]').waitFor();
    await expect.poll(() => page.locator('[data-testid=timer]').getAttribute('data-status')).toBe('finished');
    await page.click('[data-testid=solo-review] [aria-label=Close]');
    await page.waitForSelector('[data-testid=practice-over]');
    await page.click('[data-testid=practice-review]');
    await page.locator('[data-testid=solo-review]').waitFor();
    // Once the round is over, the findings show.
    await page.click('[data-testid=solo-review] [aria-label=Close]');
    await page.click('.ab-tab:has-text("Findings")');
    await expect.poll(() => page.locator('.ab-finding').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=findings-hidden]').count()).toBe(0);
  });
  it('starts the clock once the person has given their name, not behind the name prompt', async () => {
    const page = await (await suite.newContext({ viewport })).newPage();
    await page.goto(suite.server.url + '/');
    await page.click('[data-testid=practise-template-news-feed]');
    await page.waitForSelector('.react-flow__renderer');
    // The round's page knows the server's timer (the Practice tab comes forward then), and the name prompt is up.
    await page.waitForSelector('[data-testid=practice-panel]');
    await page.waitForSelector('[data-testid=name-input]');
    expect(await page.locator('[data-testid=timer]').getAttribute('data-status')).not.toBe('running');
    await page.fill('[data-testid=name-input]', 'Sol');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=timer]').getAttribute('data-status')).toBe('running');
  });
});
