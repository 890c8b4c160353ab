/**
 * Peer rounds in two browser contexts: the interviewer ends the round with
 * "Next round, swap roles"; each screen shows its own new link and role; the
 * former candidate, now the interviewer, picks the problem and holds its
 * answers; the former interviewer, now the candidate, sees the problem and
 * none of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Board } from '../../src/board/types';
import { templateAnswers } from '../../src/interview/answers';
import { useServerAndBrowser } from '../helpers/browser-suite';
import { openBoard } from '../helpers/board-page';
import { createBoard, parseLink } from '../helpers/sync-clients';

const suite = useServerAndBrowser();
const viewport = { width: 1440, height: 900 };
const CHAT = JSON.parse(readFileSync(join(__dirname, '../../templates/chat.json'), 'utf8')) as Board;

const shot = async (page: Page, name: string) => {
  if (process.env.ARCHBOARD_SHOTS) await page.screenshot({ path: join(process.env.ARCHBOARD_SHOTS, `${name}.png`) });
};

/** The role a page's own token grants on its board, as the server says. */
async function roleOf(page: Page): Promise<string> {
  const { id, token } = parseLink(page.url());
  const res = await fetch(`${suite.server.url}/api/boards/${id}`, { headers: { Authorization: `Bearer ${token}` } });
  return ((await res.json()) as { role: string }).role;
}

describe('peer rounds', () => {
  it('a peer round swap gives each person the right role', async () => {
    const { links } = await createBoard(suite.server.url, { template: 'news-feed' });
    const ina = await openBoard(await suite.newContext({ viewport }), suite.server.url, links.interviewer, 'Ina');
    const cato = await openBoard(await suite.newContext({ viewport }), suite.server.url, links.candidate, 'Cato');
    await ina.click('.ab-tab:has-text("Interviewer")');
    await ina.click('[data-testid=next-round]');

    // Each screen shows its own new link, with the roles swapped.
    const notice = (page: Page) => page.locator('[data-testid=next-round-notice]');
    await expect.poll(() => notice(ina).getAttribute('data-role')).toBe('candidate');
    await expect.poll(() => notice(cato).getAttribute('data-role')).toBe('interviewer');
    const inaLink = await ina.locator('[data-testid=next-round-link]').inputValue();
    const catoLink = await cato.locator('[data-testid=next-round-link]').inputValue();
    expect(parseLink(inaLink).id).toBe(parseLink(catoLink).id);
    expect(parseLink(inaLink).token).not.toBe(parseLink(catoLink).token);
    // Neither page holds the other's link anywhere.
    expect(await cato.content()).not.toContain(parseLink(inaLink).token);
    expect(await ina.content()).not.toContain(parseLink(catoLink).token);
    await shot(ina, 'peer-1-old-interviewer-notice');
    await shot(cato, 'peer-2-old-candidate-notice');

    // The former candidate opens the next round as its interviewer and picks the problem there.
    await cato.click('[data-testid=open-next-round]');
    await cato.waitForURL((url) => url.pathname.includes(parseLink(catoLink).id));
    await cato.waitForSelector('.react-flow__renderer');
    expect(await roleOf(cato)).toBe('interviewer');
    // The pick list comes forward by itself: the Interviewer tab opens, nobody has to find it.
    await cato.waitForSelector('[data-testid=pick-problem]');
    await expect.poll(() => cato.locator('[data-testid=pick-problem-select] option').count()).toBeGreaterThan(3);
    await shot(cato, 'peer-3-new-interviewer-picks');

    // The former interviewer opens theirs as the candidate, before the pick: a blank board, no problem, no list.
    const inaNext = await openBoard(ina.context(), suite.server.url, inaLink, 'Ina');
    expect(await roleOf(inaNext)).toBe('candidate');
    expect(await inaNext.locator('.ab-tab:has-text("Interviewer")').count()).toBe(0);
    expect(await inaNext.locator('[data-testid=pick-problem]').count()).toBe(0);

    await cato.selectOption('[data-testid=pick-problem-select]', 'chat');
    await cato.click('[data-testid=pick-problem-start]');
    // The answers are on the new interviewer's screen...
    await expect
      .poll(() => cato.locator('[data-testid=template-answers] > ol > li').count())
      .toBe(templateAnswers(CHAT.template!.questions, CHAT.requirements!).length);
    await expect.poll(() => cato.locator('[data-testid=pick-problem]').count()).toBe(0);
    await shot(cato, 'peer-4-new-interviewer-answers');

    // ...and the new candidate sees the problem and none of them.
    await inaNext.click('.ab-tab:has-text("Requirements")');
    await expect.poll(() => inaNext.locator('textarea[name=prompt]').inputValue()).toBe(CHAT.requirements!.prompt);
    expect(await inaNext.locator('[data-testid=template-answers]').count()).toBe(0);
    const text = await inaNext.locator('body').innerText();
    expect(text).not.toContain(CHAT.template!.questions[0]!);
    for (const line of CHAT.requirements!.functional ?? []) expect(text).not.toContain(line);
    await shot(inaNext, 'peer-5-new-candidate');

    // The two rounds' reports link each other (through observer links: a report hands on no more than a look).
    const reportLinks = async (page: Page) => {
      await page.click('[data-testid=export-menu]');
      const [printable] = await Promise.all([
        page.context().waitForEvent('page'),
        page.click('[data-testid=print-report]'),
      ]);
      await printable.waitForLoadState();
      const links = await printable
        .locator('a', { hasText: /^Round \d$/ })
        .evaluateAll((els) => els.map((a) => ({ text: a.textContent, href: (a as HTMLAnchorElement).href })));
      await shot(printable, `peer-report-${parseLink(page.url()).id}`);
      await printable.close();
      return links;
    };
    const firstRound = parseLink(links.observer).id;
    const nextRound = parseLink(catoLink).id;
    const fromFirst = await reportLinks(ina);
    expect(fromFirst).toEqual([{ text: 'Round 2', href: expect.stringContaining(`/b/${nextRound}#token=`) as string }]);
    const fromNext = await reportLinks(inaNext);
    expect(fromNext).toEqual([{ text: 'Round 1', href: expect.stringContaining(`/b/${firstRound}#token=`) as string }]);
    const viewRole = async (href: string) => {
      const { id, token } = parseLink(href);
      const res = await fetch(`${suite.server.url}/api/boards/${id}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      return ((await res.json()) as { role: string }).role;
    };
    expect(await viewRole(fromFirst[0]!.href)).toBe('observer');
    expect(await viewRole(fromNext[0]!.href)).toBe('observer');
  });
});
