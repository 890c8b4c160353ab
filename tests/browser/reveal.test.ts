/**
 * Answers revealed as they are asked, and the interviewer's locks, in two
 * browser contexts: a board from a template shows the candidate the prompt
 * only; each answer the interviewer reveals reaches the candidate's
 * requirements, marked as given, and nothing else does; the candidate sees the
 * timer, the rules, the requirements after the first step and the import as
 * held by the interviewer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Board } from '../../src/board/types';
import { templateAnswers } from '../../src/interview/answers';
import { useServerAndBrowser } from '../helpers/browser-suite';
import { openBoard } from '../helpers/board-page';
import { createBoard } from '../helpers/sync-clients';

const suite = useServerAndBrowser();
const viewport = { width: 1440, height: 900 };
const NEWS_FEED = JSON.parse(readFileSync(join(__dirname, '../../templates/news-feed.json'), 'utf8')) as Board;
const ANSWERS = templateAnswers(NEWS_FEED.template!.questions, NEWS_FEED.requirements!);

/** A board a candidate might import over the interview's. */
const OTHER_BOARD: Board = {
  format: 'archboard/v1',
  title: 'Something else',
  blocks: [
    { id: 'a', kind: 'service', x: 0, y: 0 },
    { id: 'b', kind: 'cache', x: 200, y: 0 },
    { id: 'c', kind: 'queue', x: 400, y: 0 },
  ],
  links: [],
};

const shot = async (page: Page, name: string) => {
  if (process.env.ARCHBOARD_SHOTS) await page.screenshot({ path: join(process.env.ARCHBOARD_SHOTS, `${name}.png`) });
};

/** The questions whose answers the candidate's requirements panel shows as given. */
const givenOn = (page: Page) =>
  page
    .locator('[data-testid=given-answers] > ol > li')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-question'))));

/** The functional requirements on a screen. */
const functionalOn = (page: Page) =>
  page
    .locator('[data-list=functional] textarea')
    .evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));

describe('answers revealed as they are asked', () => {
  it('shows the candidate exactly the answers the interviewer gave, one by one', async () => {
    const { links } = await createBoard(suite.server.url, { template: 'news-feed' });
    const ina = await openBoard(await suite.newContext({ viewport }), suite.server.url, links.interviewer, 'Ina');
    const cato = await openBoard(await suite.newContext({ viewport }), suite.server.url, links.candidate, 'Cato');
    await ina.click('.ab-tab:has-text("Interviewer")');
    await cato.click('.ab-tab:has-text("Requirements")');

    // The candidate starts with the prompt and nothing of the answers.
    await expect.poll(() => cato.locator('textarea[name=prompt]').inputValue()).toBe(NEWS_FEED.requirements!.prompt);
    expect(await functionalOn(cato)).toEqual([]);
    expect(await cato.locator('[data-testid=given-answers]').count()).toBe(0);
    // The interviewer's tab lists every question with its answer.
    await expect.poll(() => ina.locator('[data-testid=template-answers] > ol > li').count()).toBe(ANSWERS.length);
    await shot(ina, 'reveal-1-interviewer-before');

    // Two answers, one by one: the features in scope, then the photos.
    const [first, second] = ANSWERS.filter((a) => a.parts.some((p) => p.kind === 'functional'));
    const linesOf = (a: typeof first) => a!.parts.flatMap((p) => (p.kind === 'functional' ? [p.text] : []));
    await ina.click(`[data-question="${first!.index}"] [data-testid=reveal-answer]`);
    await expect.poll(() => givenOn(cato)).toEqual([first!.index]);
    await expect.poll(() => functionalOn(cato)).toEqual(linesOf(first));
    await expect
      .poll(() => ina.locator(`[data-question="${first!.index}"] [data-testid=answer-given]`).count())
      .toBe(1);

    await ina.click(`[data-question="${second!.index}"] [data-testid=reveal-answer]`);
    await expect.poll(() => givenOn(cato)).toEqual([first!.index, second!.index]);
    await expect.poll(() => functionalOn(cato)).toEqual([...linesOf(first), ...linesOf(second)]);
    const given = cato.locator('[data-testid=given-answers]');
    for (const line of [...first!.lines, ...second!.lines]) expect(await given.textContent()).toContain(line);
    for (const other of ANSWERS.filter((a) => a !== first && a !== second))
      for (const line of other.lines) expect(await given.textContent()).not.toContain(line);
    await shot(cato, 'reveal-2-candidate-two-answers');
    await shot(ina, 'reveal-3-interviewer-two-given');
  });

  it('shows the candidate the interviewer’s controls as locked, held by the interviewer', async () => {
    const { links } = await createBoard(suite.server.url, { template: 'news-feed' });
    const ina = await openBoard(await suite.newContext({ viewport }), suite.server.url, links.interviewer, 'Ina');
    const cato = await openBoard(await suite.newContext({ viewport }), suite.server.url, links.candidate, 'Cato');

    // The clock is the interviewer's: no buttons for the candidate, a lock instead.
    expect(await cato.locator('[data-testid=timer-start]').count()).toBe(0);
    await expect.poll(() => cato.locator('[data-testid=timer-locked]').textContent()).toContain('the interviewer');
    // Importing, which would replace the whole board, is locked for the candidate by default.
    const file = { name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(OTHER_BOARD)) };
    await cato.setInputFiles('[data-testid=import-input]', file);
    await expect
      .poll(() => cato.locator('[data-toast=error]').last().textContent())
      .toContain('locked by the interviewer');
    expect(await cato.locator('.react-flow__node').count()).toBe(NEWS_FEED.blocks.length);
    expect(await ina.locator('.react-flow__node').count()).toBe(NEWS_FEED.blocks.length);
    const importButton = cato.locator('[data-testid=import]');
    if ((await importButton.count()) > 0) expect(await importButton.isDisabled()).toBe(true);
    // The rules are switched by the interviewer only.
    await ina.click('.ab-tab:has-text("Findings")');
    await ina.click('[data-testid=show-findings-to-candidate]');
    await cato.click('.ab-tab:has-text("Findings")');
    await cato.click('.ab-findings__rules button');
    await expect.poll(() => cato.locator('[data-testid=rules-locked]').count()).toBe(1);
    expect(await cato.locator('[data-rule-toggle]').first().isDisabled()).toBe(true);

    // The requirements are the candidate's during the first step, then locked.
    await cato.click('.ab-tab:has-text("Requirements")');
    expect(await cato.locator('[data-testid=requirements-locked]').count()).toBe(0);
    await ina.click('[data-testid=timer-start]');
    await ina.click('[data-testid=timer-next]');
    await expect
      .poll(() => cato.locator('[data-testid=requirements-locked]').textContent())
      .toContain('the interviewer');
    expect(await cato.locator('textarea[name=prompt]').getAttribute('readonly')).not.toBeNull();
    await shot(cato, 'locks-candidate');
    // The interviewer opens them again.
    await ina.click('.ab-tab:has-text("Interviewer")');
    await ina.selectOption('[data-testid=lock-requirements]', 'open');
    await expect.poll(() => cato.locator('[data-testid=requirements-locked]').count()).toBe(0);
  });
});
