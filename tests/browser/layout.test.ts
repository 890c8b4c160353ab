/**
 * The board screen fits the screen it is on: at the usual laptop sizes every
 * visible button is the element under its own centre (nothing covers it) and
 * works; on a tablet the canvas keeps most of the width; on a phone the page
 * does not scroll sideways; an observer gets no palette column.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useServerAndBrowser } from '../helpers/browser-suite';
import { createBoard } from '../helpers/sync-clients';
import { addBlockByClick, openBoard } from '../helpers/board-page';

const suite = useServerAndBrowser();

async function open(link: string, width: number, height: number, name = 'Ivy (interviewer)', touch = false) {
  const context = await suite.newContext({
    viewport: { width, height },
    hasTouch: touch,
    isMobile: touch && width < 600,
  });
  return openBoard(context, suite.server.url, link, name);
}

/** Visible buttons of the board screen whose centre is covered by another element. */
async function coveredButtons(page: Page, within = 'body'): Promise<string[]> {
  return page.evaluate((within) => {
    const out: string[] = [];
    for (const el of document.querySelector(within)!.querySelectorAll<HTMLElement>('button, a[href], input, select')) {
      if (el.closest('.react-flow__panel, .react-flow__nodes, .react-flow__edges')) continue; // the diagram's own
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none' || el.hidden) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      // Scrolled out of a scrolling list (the palette): reachable by scrolling, not covered.
      let clipped = false;
      for (let a = el.parentElement; a; a = a.parentElement) {
        const o = getComputedStyle(a).overflowY;
        if (o !== 'auto' && o !== 'scroll') continue;
        const ar = a.getBoundingClientRect();
        const cy = r.top + r.height / 2;
        if (cy < ar.top || cy > ar.bottom) clipped = true;
      }
      if (clipped) continue;
      if (r.right <= 0 || r.bottom <= 0 || r.left >= innerWidth || r.top >= innerHeight) {
        out.push(`${el.getAttribute('aria-label') ?? el.textContent?.trim() ?? el.tagName}: off screen`);
        continue;
      }
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      const hit = document.elementFromPoint(x, y);
      if (!hit || !(hit === el || el.contains(hit)))
        out.push(
          `${el.getAttribute('aria-label') ?? el.title ?? el.textContent?.trim()} under ${hit?.closest('button')?.getAttribute('aria-label') ?? hit?.closest('[class]')?.getAttribute('class') ?? 'nothing'}`,
        );
    }
    return out;
  }, within);
}

describe('a layout that fits', () => {
  for (const [width, height] of [
    [1024, 768],
    [1280, 720],
    [1440, 900],
  ] as const) {
    it(`at ${width} × ${height} every button is clickable and does its job`, async () => {
      const { links } = await createBoard(suite.server.url, { template: 'url-shortener' });
      const page = await open(links.interviewer, width, height);
      await addBlockByClick(page, 'service');
      expect(await coveredButtons(page)).toEqual([]);
      // The side panel's tab labels are shown whole, not cut off ("equirement"); when
      // six do not fit, the open tab keeps its label and the others show their icon alone.
      const tabs = await page.locator('.ab-tab').evaluateAll((els) =>
        els.map((t) => {
          const label = t.querySelector('.ab-tab__label')!;
          return {
            name: t.getAttribute('aria-label'),
            active: t.classList.contains('is-active'),
            shown: label.clientWidth,
            whole: label.scrollWidth,
          };
        }),
      );
      for (const tab of tabs) {
        if (tab.active || tab.shown > 0) expect(tab.shown, `${tab.name} shown whole`).toBeGreaterThanOrEqual(tab.whole);
        expect(tab.name).toBeTruthy();
      }
      expect(tabs.find((t) => t.active)!.shown).toBeGreaterThan(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);

      // Next step moves the clock on (at 1280 px it used to open the Export menu).
      const phase = await page.getAttribute('[data-testid=timer]', 'data-phase');
      await page.click('[data-testid=timer-next]');
      await expect.poll(() => page.getAttribute('[data-testid=timer]', 'data-phase')).not.toBe(phase);
      expect(await page.locator('[data-testid=export-png]').count()).toBe(0);

      // Export opens its menu; Esc closes it.
      await page.click('[data-testid=export-menu]');
      await page.waitForSelector('[data-testid=export-png]');
      expect(await coveredButtons(page, '.ab-menu__list')).toEqual([]);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('[data-testid=export-png]').count()).toBe(0);

      // What does not fit is in the More menu, and works from there.
      if (await page.locator('[data-testid=toolbar-more]').count()) {
        await page.click('[data-testid=toolbar-more]');
        const items = page.locator('.ab-menu__list [role=menuitem]');
        expect(await items.count()).toBeGreaterThan(0);
        expect(await coveredButtons(page, '.ab-menu__list')).toEqual([]);
        await page.keyboard.press('Escape');
      }
      const theme = await page.evaluate(() => document.documentElement.dataset.theme ?? '');
      if (await page.locator('[data-testid=theme-toggle]').count()) await page.click('[data-testid=theme-toggle]');
      else {
        await page.click('[data-testid=toolbar-more]');
        await page.click('[data-testid=theme-toggle-menu]');
      }
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme ?? '')).not.toBe(theme);

      // Share opens its dialog and Esc closes it; the panel toggles work.
      await page.click('[data-testid=share-button]');
      await page.waitForSelector('.ab-share');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('.ab-share').count()).toBe(0);
      await page.click('[aria-label="Toggle side panel"]');
      await expect.poll(() => page.locator('.ab-side').count()).toBe(0);
      await page.click('[aria-label="Toggle side panel"]');
      await expect.poll(() => page.locator('.ab-side').count()).toBe(1);
      expect(await coveredButtons(page)).toEqual([]);
    });
  }

  it('on a tablet (768 × 1024, touch) the canvas keeps at least 60% of the width, panels are drawers', async () => {
    const { links } = await createBoard(suite.server.url, { template: 'url-shortener' });
    const page = await open(links.candidate, 768, 1024, 'Cato', true);
    const canvas = (await page.locator('[data-testid=canvas]').boundingBox())!;
    expect(canvas.width).toBeGreaterThanOrEqual(0.6 * 768);
    expect(await coveredButtons(page)).toEqual([]);
    // What the narrow toolbar folds away stays at hand in its overflow menu.
    await page.tap('[data-testid=toolbar-more]');
    await page.tap('[data-testid=traffic-toggle-menu]');
    await expect.poll(() => page.locator('[data-testid=traffic-toggle-menu]').textContent()).toContain('on');
    await page.keyboard.press('Escape');
    await page.tap('[aria-label="Toggle palette"]');
    await page.waitForSelector('.ab-palette');
    await page.tap('.ab-palette__item[data-kind="cache"]');
    await expect.poll(() => page.locator('.react-flow__node[data-kind], .react-flow__node').count()).toBeGreaterThan(0);
    await page.tap('[aria-label="Toggle side panel"]');
    await page.waitForSelector('.ab-side');
    expect(await page.locator('.ab-palette').count()).toBe(0); // one drawer at a time
    expect((await page.locator('[data-testid=canvas]').boundingBox())!.width).toBeGreaterThanOrEqual(0.6 * 768);
  });

  it("on a tablet the interviewer's fuller toolbar (the timer's controls) fits too", async () => {
    const { links } = await createBoard(suite.server.url, { template: 'url-shortener' });
    const page = await open(links.interviewer, 768, 1024, 'Ivy (interviewer)', true);
    await page.waitForSelector('[data-testid=timer-next]');
    expect(await coveredButtons(page, '.ab-toolbar')).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    // Share and Replay fold to their icons and still work by touch.
    await page.tap('[data-testid=share-button]');
    await page.waitForSelector('.ab-share');
  });

  it('on a phone (390 px) the board opens to follow and view, as wide as the screen', async () => {
    const { links } = await createBoard(suite.server.url, { template: 'url-shortener' });
    const desk = await open(links.candidate, 1280, 800, 'Cato');
    await desk.waitForSelector('.ab-people');
    const phone = await open(links.observer, 390, 844, 'Olga', true);
    const canvas = (await phone.locator('[data-testid=canvas]').boundingBox())!;
    expect(canvas.width).toBeGreaterThanOrEqual(380);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    expect(await phone.locator('.ab-palette, .ab-side').count()).toBe(0);
    await expect.poll(() => phone.locator('.ab-avatar.is-followed').count()).toBe(1);
  });

  it('an observer has no palette column and reads block properties without editing them', async () => {
    const { links } = await createBoard(suite.server.url, { template: 'url-shortener' });
    const page = await open(links.observer, 1280, 800, 'Olga');
    expect(await page.locator('.ab-palette').count()).toBe(0);
    const canvas = (await page.locator('[data-testid=canvas]').boundingBox())!;
    expect(canvas.x).toBeLessThan(4);
    await page.click('.react-flow__node >> nth=0');
    await page.waitForSelector('.ab-props input[name=label]');
    expect(await page.locator('.ab-props input[name=label]').getAttribute('readonly')).not.toBeNull();
  });
});
