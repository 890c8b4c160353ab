/**
 * The reference design drawn at the end of a solo round (and in "Compare with
 * the reference") places its link labels as the canvas does: none covers
 * another.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useServerAndBrowser } from '../helpers/browser-suite';

const suite = useServerAndBrowser();

/** A solo round on the URL shortener, ended at once: the review draws the reference. */
async function endedSoloRound(): Promise<{ page: Page; picture: Locator }> {
  const context = await suite.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    if (!localStorage.getItem('archboard:session'))
      localStorage.setItem('archboard:session', JSON.stringify({ state: { userName: 'Sol' }, version: 0 }));
  });
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  await page.goto(suite.server.url + '/');
  await page.click('[data-testid=practise-template-url-shortener]');
  await page.waitForSelector('[data-testid=practice-panel]');
  await page.click('[data-testid=practice-end]');
  return { page, picture: page.locator('[data-testid=solo-reference]') };
}

describe('the reference drawing', () => {
  it('keeps its link labels clear of each other', async () => {
    const { picture } = await endedSoloRound();
    await picture.locator('.ab-link-label').first().waitFor();
    const overlaps = () =>
      picture.locator('.ab-link-label').evaluateAll((els) => {
        const boxes = els.map((e) => e.getBoundingClientRect());
        let n = 0;
        for (let i = 0; i < boxes.length; i++)
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i]!;
            const b = boxes[j]!;
            if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) n++;
          }
        return n;
      });
    await expect.poll(overlaps).toBe(0);
  });
});

describe('the reference drawing, resized', () => {
  it('fits the whole reference again when the window narrows', async () => {
    const { page, picture } = await endedSoloRound();
    await picture.locator('.react-flow__node').first().waitFor();
    await page.setViewportSize({ width: 1024, height: 768 });
    const outside = () =>
      picture.evaluate((el) => {
        const frame = el.getBoundingClientRect();
        return [...el.querySelectorAll('.react-flow__node')].filter((n) => {
          const r = n.getBoundingClientRect();
          return (
            r.left < frame.left - 1 || r.right > frame.right + 1 || r.top < frame.top - 1 || r.bottom > frame.bottom + 1
          );
        }).length;
      });
    await expect.poll(outside).toBe(0);
  });
});
