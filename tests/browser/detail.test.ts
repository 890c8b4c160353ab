/**
 * Level of detail on the canvas (src/ui/canvas/detail.ts): far out, cards are
 * plain rectangles, links bare lines without labels, and zooming back in
 * brings the detail back; a selected card keeps its detail; a large board
 * draws only the cards on screen. Behaviour only: timings are the render
 * benchmark's (bench/render.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Block, Board, Link } from '../../src/board/types';
import { BOARD_FORMAT } from '../../src/board/types';
import { applyOpsToDoc } from '../../src/doc/board-doc';
import { useServerAndBrowser } from '../helpers/browser-suite';
import { connectDocClient } from '../helpers/doc-client';
import { createBoard } from '../helpers/sync-clients';
import { openBoard } from '../helpers/board-page';

const suite = useServerAndBrowser();

/** A grid of service cards, each linked to its right-hand neighbour. */
function grid(columns: number, rows: number): Board {
  const blocks: Block[] = [];
  const links: Link[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) {
      blocks.push({ id: `b${r}-${c}`, kind: 'service', label: `svc ${r}-${c}`, x: c * 240, y: r * 140 });
      if (c > 0) links.push({ id: `l${r}-${c}`, from: `b${r}-${c - 1}`, to: `b${r}-${c}`, protocol: 'http' });
    }
  return { format: BOARD_FORMAT, title: 'Detail', blocks, links };
}

async function boardWith(board: Board): Promise<Page> {
  const { links } = await createBoard(suite.server.url, { title: board.title ?? 'Detail' });
  const client = suite.closeAfter(await connectDocClient(suite.server.url, links.interviewer));
  client.doc.transact(() => applyOpsToDoc(client.doc, [{ op: 'replace-board', board }]));
  const context = await suite.newContext({ viewport: { width: 1400, height: 900 } });
  return openBoard(context, suite.server.url, links.interviewer, 'Ivy (interviewer)');
}

const zoom = (page: Page) =>
  page
    .locator('.react-flow__viewport')
    .evaluate((el) => Number(/scale\(([\d.]+)\)/.exec((el as HTMLElement).style.transform)?.[1] ?? NaN));

describe('level of detail', () => {
  async function zoomOutPast(page: Page, limit: number) {
    const zoomOut = page.locator('.react-flow__controls-zoomout');
    while ((await zoom(page)) >= limit) {
      const before = await zoom(page);
      await zoomOut.click();
      await expect.poll(() => zoom(page)).toBeLessThan(before);
    }
  }

  it('far out draws plain cards and bare links; a selected card and zooming in bring the detail back', async () => {
    const board = grid(10, 10);
    const page = await boardWith(board);
    await page.keyboard.press('Shift+Digit0');
    await expect.poll(() => zoom(page)).toBe(1);
    await expect.poll(() => page.locator('.ab-card__label').count()).toBe(100);
    await expect.poll(() => page.locator('.ab-link-label').count()).toBe(90);
    // Fitted, the whole grid is on screen, below 40%.
    await page.keyboard.press('Shift+Digit1');
    await expect.poll(() => zoom(page)).toBeLessThan(0.4);
    await expect.poll(() => page.locator('.ab-card.is-low-detail').count()).toBe(100);
    expect(await page.locator('.ab-card__label').count()).toBe(0);
    expect(await page.locator('.ab-link-label').count()).toBe(0);
    // The links are still drawn, as bare lines.
    expect(await page.locator('.ab-far-links [data-link-id]').count()).toBe(90);

    // A selected card is drawn in full even far out.
    await page.locator('.react-flow__node[data-id="b0-0"]').click();
    await expect.poll(() => page.locator('.react-flow__node[data-id="b0-0"] .ab-card__label').count()).toBe(1);
    await expect.poll(() => page.locator('.ab-card.is-low-detail').count()).toBe(99);

    await page.keyboard.press('Shift+Digit0');
    await expect.poll(() => zoom(page)).toBe(1);
    await expect.poll(() => page.locator('.ab-card.is-low-detail').count()).toBe(0);
    await expect.poll(() => page.locator('.ab-link-label').count()).toBeGreaterThan(0);
    expect(await page.locator('.ab-far-links').count()).toBe(0);
  });

  it('an interview-sized design stays in full detail however far out', async () => {
    const page = await boardWith(grid(3, 2));
    await expect.poll(() => page.locator('.ab-card__label').count()).toBe(6);
    await zoomOutPast(page, 0.3);
    expect(await page.locator('.ab-card.is-low-detail').count()).toBe(0);
    expect(await page.locator('.ab-card__label').count()).toBe(6);
    expect(await page.locator('.ab-link-label').count()).toBe(4);
  });

  it('a large board draws only the cards on screen, and the rest as the view reaches them', async () => {
    const board = grid(20, 12);
    const page = await boardWith(board);
    await page.keyboard.press('Shift+Digit0');
    await expect.poll(() => zoom(page)).toBe(1);
    await expect.poll(() => page.locator('.ab-card__label').count()).toBeGreaterThan(0);
    const drawn = await page.locator('.react-flow__node').count();
    expect(drawn).toBeLessThan(board.blocks.length);
    // Every card drawn is on screen (or at its edge), none far beyond it.
    const canvas = (await page.locator('.ab-canvas').boundingBox())!;
    const boxes = await page
      .locator('.react-flow__node')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    for (const b of boxes) {
      expect(b.right).toBeGreaterThan(canvas.x - 1);
      expect(b.left).toBeLessThan(canvas.x + canvas.width + 1);
    }
    await page.keyboard.press('Shift+Digit1');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(board.blocks.length);
  });
});
