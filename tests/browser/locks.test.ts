/**
 * A lock the interviewer sets shows on the candidate's screen as locked, with
 * who holds it, and lifts when the interviewer opens it. (The server's side,
 * that a candidate's locked write reaches nobody, is tests/server/locks.test.ts.)
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useServerAndBrowser } from '../helpers/browser-suite';
import { openBoard } from '../helpers/board-page';
import { createBoard } from '../helpers/sync-clients';

const suite = useServerAndBrowser();
const viewport = { width: 1440, height: 900 };

const shot = async (page: Page, name: string) => {
  if (process.env.ARCHBOARD_SHOTS) await page.screenshot({ path: join(process.env.ARCHBOARD_SHOTS, `${name}.png`) });
};

describe('locks on screen', () => {
  it('shows the candidate a lock as held by the interviewer, by name, until it is opened', async () => {
    const { links } = await createBoard(suite.server.url, { template: 'news-feed' });
    const ina = await openBoard(await suite.newContext({ viewport }), suite.server.url, links.interviewer, 'Ina');
    const cato = await openBoard(await suite.newContext({ viewport }), suite.server.url, links.candidate, 'Cato');
    await ina.click('.ab-tab:has-text("Interviewer")');
    await cato.click('.ab-tab:has-text("Requirements")');
    // The first step: open to the candidate.
    await cato.waitForSelector('textarea[name=prompt]:not([readonly])');
    expect(await cato.locator('[data-testid=requirements-locked]').count()).toBe(0);

    await ina.selectOption('[data-testid=lock-requirements]', 'locked');
    const note = cato.locator('[data-testid=requirements-locked]');
    await expect.poll(() => note.textContent()).toContain('Locked by the interviewer (Ina)');
    // The import sits in the toolbar, or in its overflow menu on a narrower screen.
    const inline = cato.locator('[data-testid=import]');
    if ((await inline.count()) > 0)
      expect(await inline.getAttribute('aria-label')).toBe('Import (locked by the interviewer (Ina))');
    else {
      await cato.click('[data-testid=toolbar-more]');
      await expect.poll(() => cato.locator('text=Import: locked by the interviewer (Ina)').count()).toBe(1);
      await shot(cato, 'locks-import-held-by-name');
      await cato.keyboard.press('Escape');
    }
    expect(await cato.locator('textarea[name=prompt]').getAttribute('readonly')).not.toBeNull();
    await shot(cato, 'locks-held-by-name');

    await ina.selectOption('[data-testid=lock-requirements]', 'open');
    await expect.poll(() => note.count()).toBe(0);
    await cato.waitForSelector('textarea[name=prompt]:not([readonly])');
  });
});
