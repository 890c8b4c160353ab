/**
 * Comments in two browser contexts: a thread the interviewer pins to a block
 * shows on the candidate's screen on that block (its count, its text, the
 * mention), a reply and a resolve travel back, and the interviewer's private
 * comment (in the private document, attached to a scorecard dimension) never
 * reaches the candidate's screen.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useServerAndBrowser } from '../helpers/browser-suite';
import { addBlockByClick, connect, openBoard } from '../helpers/board-page';
import { createBoard } from '../helpers/sync-clients';

const suite = useServerAndBrowser();
const viewport = { width: 1440, height: 900 };

const shot = async (page: Page, name: string) => {
  if (process.env.ARCHBOARD_SHOTS) await page.screenshot({ path: join(process.env.ARCHBOARD_SHOTS, `${name}.png`) });
};

/** The open count on the badge of a block or link, or null when it has none. */
const badgeCount = async (page: Page, anchor: string) => {
  const badge = page.locator(`[data-comment-badge="${anchor}"]`).first();
  return (await badge.count()) === 0 ? null : Number(await badge.getAttribute('data-count'));
};

/** The texts of the comments (first comments and replies) the comments tab lists. */
const commentTexts = (page: Page) =>
  page.locator('[data-testid=comment-thread] .ab-comment__text').evaluateAll((els) => els.map((e) => e.textContent));

const selectBlock = (page: Page, id: string) => page.click(`.react-flow__node[data-id="${id}"] .ab-card__icon`);

describe('comments', () => {
  it('shows a pinned comment on the other screen on the right block, and never a private one', async () => {
    const { links } = await createBoard(suite.server.url, { title: 'Comments' });
    const ina = await openBoard(await suite.newContext({ viewport }), suite.server.url, links.interviewer, 'Ina');
    const cato = await openBoard(await suite.newContext({ viewport }), suite.server.url, links.candidate, 'Cato');

    const service = await addBlockByClick(ina, 'service');
    const cache = await addBlockByClick(ina, 'cache');
    await expect.poll(() => cato.locator(`.react-flow__node[data-id="${cache}"]`).count()).toBe(1);
    // Each sees the other present, so the mention can be offered.
    await expect.poll(() => ina.locator('[data-peer="Cato"]').count()).toBe(1);

    // The interviewer comments on the cache, mentioning the candidate.
    await selectBlock(ina, cache);
    await ina.click('[data-testid=comment-selection]');
    const box = ina.locator('[data-testid=comment-new-text]');
    await box.fill('Why a cache here, ');
    await box.pressSequentially('@Ca');
    await ina.click('.ab-mention-menu button:has-text("@Cato")');
    await box.pressSequentially('what is evicted?');
    await expect.poll(() => box.inputValue()).toBe('Why a cache here, @Cato what is evicted?');
    await expect.poll(() => ina.locator('[data-testid=char-count]').textContent()).toMatch(/^40\/2,000/);
    await shot(ina, 'comments-1-interviewer-writing');
    await ina.click('[data-testid=comment-new-send]');
    await expect.poll(() => badgeCount(ina, `block:${cache}`)).toBe(1);

    // On the candidate's screen: the count on the cache card, none on the service.
    await expect.poll(() => badgeCount(cato, `block:${cache}`)).toBe(1);
    const cacheBadge = cato.locator(`.react-flow__node[data-id="${cache}"] [data-comment-badge="block:${cache}"]`);
    expect(await cacheBadge.count()).toBe(1);
    expect(await badgeCount(cato, `block:${service}`)).toBeNull();
    await cacheBadge.click();
    const thread = cato.locator(`[data-testid=comment-thread][data-anchor="block:${cache}"]`);
    await expect
      .poll(() => thread.locator('.ab-comment__text').first().textContent())
      .toBe('Why a cache here, @Cato what is evicted?');
    expect(await thread.locator('.ab-mention.is-me').textContent()).toBe('@Cato');
    expect(await thread.locator('.ab-mention-chip').count()).toBe(1);
    expect(await thread.locator('.ab-role-chip--interviewer').count()).toBe(1);
    // The mention also told the candidate, once.
    await expect.poll(() => cato.locator('.ab-toast:has-text("Ina mentioned you")').count()).toBe(1);

    // The candidate replies; the interviewer reads it under the thread.
    await thread.locator('[data-testid=comment-reply-open]').click();
    await cato.locator('[data-testid=comment-reply-text]').fill('The least recently read timelines.');
    await cato.click('[data-testid=comment-reply-send]');
    await ina.click('.ab-tab:has-text("Comments")');
    await expect
      .poll(() => commentTexts(ina))
      .toEqual(['Why a cache here, @Cato what is evicted?', 'The least recently read timelines.']);
    await shot(cato, 'comments-2-candidate-thread');

    // A comment on a link, with the comment tool: a click on the line pins it to the link.
    await connect(ina, service, cache);
    const link = ina.locator('[data-link-id] .ab-link__line').first();
    await expect.poll(() => link.count()).toBe(1);
    const linkId = await ina.locator('[data-link-id]').first().getAttribute('data-link-id');
    const line = (await link.boundingBox())!;
    await ina.locator('[data-tool=comment]').click();
    await ina.mouse.click(line.x + line.width / 2, line.y + line.height / 2);
    await expect.poll(() => ina.locator('[data-testid=comment-new] h4').textContent()).toMatch(/Service → Cache/);
    await ina.locator('[data-testid=comment-new-text]').fill('Sync or async?');
    await ina.click('[data-testid=comment-new-send]');
    await expect.poll(() => badgeCount(cato, `link:${linkId}`)).toBe(1);
    expect(await badgeCount(cato, `block:${cache}`)).toBe(1);

    // A private comment on the service, as evidence for a scorecard dimension.
    await ina.click('.ab-tab:has-text("Properties")');
    await selectBlock(ina, service);
    await ina.click('[data-testid=comment-selection]');
    await ina.check('[data-testid=comment-private]');
    await ina.selectOption('[data-testid=comment-new] [data-testid=comment-dimension]', 'trade-offs');
    await ina.locator('[data-testid=comment-new-text]').fill('Private: no because for the single service');
    await ina.click('[data-testid=comment-new-send]');
    await expect
      .poll(() => ina.locator(`[data-testid=comment-thread][data-private][data-anchor="block:${service}"]`).count())
      .toBe(1);
    await expect.poll(() => badgeCount(ina, `block:${service}`)).toBe(1);
    await ina.click('.ab-tab:has-text("Interviewer")');
    await expect
      .poll(() => ina.locator('[data-dimension=trade-offs] [data-testid=dimension-comments]').textContent())
      .toMatch(/Private: no because for the single service/);
    await ina.locator('[data-dimension=trade-offs] [data-testid=dimension-comments]').scrollIntoViewIfNeeded();
    await shot(ina, 'comments-3-interviewer-scorecard');

    // Then a shared comment on a point of the canvas, with the comment tool: once it reaches the
    // candidate, everything the interviewer wrote before it has been dealt with.
    const canvas = (await ina.locator('[data-testid=canvas]').boundingBox())!;
    await ina.keyboard.press('c');
    await ina.mouse.click(canvas.x + canvas.width - 220, canvas.y + 90);
    await ina.locator('[data-testid=comment-new-text]').fill('Room for the fan-out workers here');
    await ina.click('[data-testid=comment-new-send]');
    await expect.poll(() => cato.locator('[data-comment-pin]').count()).toBe(1);
    await cato.click('[data-comment-pin]');
    await expect.poll(() => commentTexts(cato)).toContain('Room for the fan-out workers here');

    expect(await badgeCount(cato, `block:${service}`)).toBeNull();
    expect(await cato.locator('[data-private]').count()).toBe(0);
    expect(await cato.content()).not.toContain('no because for the single service');
    expect(await commentTexts(cato)).toEqual([
      'Why a cache here, @Cato what is evicted?',
      'The least recently read timelines.',
      'Sync or async?',
      'Room for the fan-out workers here',
    ]);
    await shot(cato, 'comments-4-candidate-no-private');

    // The candidate resolves the thread: the interviewer's count goes to none open.
    await thread.locator('[data-testid=comment-resolve]').click();
    await expect.poll(() => badgeCount(ina, `block:${cache}`)).toBe(0);
    await ina.click('.ab-tab:has-text("Comments")');
    await ina.check('[data-testid=comments-show-resolved]');
    const inaThread = ina.locator(`[data-testid=comment-thread][data-anchor="block:${cache}"]`);
    await expect.poll(() => inaThread.locator('.ab-thread__state').textContent()).toMatch(/Resolved by Cato/);
    await inaThread.locator('[data-testid=comment-reopen]').click();
    await expect.poll(() => badgeCount(cato, `block:${cache}`)).toBe(1);
    await shot(ina, 'comments-5-interviewer-panel');

    // An observer reads the shared threads, never the private one, and cannot write.
    const olga = await openBoard(await suite.newContext({ viewport }), suite.server.url, links.observer, 'Olga');
    await expect.poll(() => badgeCount(olga, `block:${cache}`)).toBe(1);
    await olga.click(`[data-comment-badge="block:${cache}"]`);
    await expect
      .poll(() => commentTexts(olga))
      .toEqual([
        'Why a cache here, @Cato what is evicted?',
        'The least recently read timelines.',
        'Sync or async?',
        'Room for the fan-out workers here',
      ]);
    expect(await olga.locator('[data-private]').count()).toBe(0);
    expect(await olga.locator('[data-testid=comment-reply-open], [data-testid=comment-resolve]').count()).toBe(0);
    expect(await badgeCount(olga, `block:${service}`)).toBeNull();
  });
});
