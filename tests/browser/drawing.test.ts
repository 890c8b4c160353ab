/**
 * Free drawing in two browser contexts on one board: a pen stroke, a shape
 * with text, a loose arrow bound to a block and a free text; the other person
 * sees them; the bound arrow follows its block; undo takes back only your own;
 * PNG and JSON exports carry them; the laser is seen by the other person and
 * never reaches the document.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useServerAndBrowser } from '../helpers/browser-suite';
import { connectDocClient, type DocClient } from '../helpers/doc-client';
import { createBoard } from '../helpers/sync-clients';
import { addBlockByClick, dragBlock, MOD, openBoard } from '../helpers/board-page';

const suite = useServerAndBrowser();

async function person(link: string, name: string): Promise<Page> {
  const context = await suite.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  return openBoard(context, suite.server.url, link, name);
}

/** Drags on the canvas from one point to another (canvas-relative), in small steps like a hand. */
async function drag(page: Page, from: [number, number], to: [number, number], via: [number, number][] = []) {
  const c = (await page.locator('.ab-canvas').boundingBox())!;
  await page.mouse.move(c.x + from[0], c.y + from[1]);
  await page.mouse.down();
  for (const p of [...via, to]) await page.mouse.move(c.x + p[0], c.y + p[1], { steps: 8 });
  await page.mouse.up();
}

const kinds = (client: DocClient) => client.board().blocks.map((b) => b.kind);

describe('free drawing, shared', () => {
  it('strokes, shapes, bound arrows and text reach the other person; undo is per person; exports carry them', async () => {
    const { links } = await createBoard(suite.server.url, { title: 'Drawing' });
    const ada = await person(links.interviewer, 'Ada');
    const bob = await person(links.candidate, 'Bob');
    const client = suite.closeAfter(await connectDocClient(suite.server.url, links.interviewer));

    const api = await addBlockByClick(ada, 'service');
    await ada.keyboard.press('Escape');

    // Pen (P): a stroke.
    await ada.keyboard.press('p');
    await drag(
      ada,
      [120, 500],
      [320, 540],
      [
        [170, 470],
        [230, 560],
      ],
    );
    await expect.poll(() => kinds(client)).toContain('sketch');
    const sketch = client.board().blocks.find((b) => b.kind === 'sketch')!;
    expect(sketch.points!.length).toBeGreaterThanOrEqual(4);

    // Rectangle (R): a shape with text typed straight in.
    await ada.keyboard.press('r');
    await drag(ada, [420, 150], [580, 250]);
    await ada.waitForSelector('.ab-shape input:focus');
    await ada.keyboard.type('Cache hit?');
    await ada.keyboard.press('Enter');
    await expect.poll(() => client.board().blocks.find((b) => b.kind === 'shape')?.label).toBe('Cache hit?');
    expect(client.board().blocks.find((b) => b.kind === 'shape')).toMatchObject({ shape: 'rectangle' });

    // Arrow (A) from the service card to empty space: bound at its start.
    const card = (await ada.locator(`.react-flow__node[data-id="${api}"]`).boundingBox())!;
    const c = (await ada.locator('.ab-canvas').boundingBox())!;
    await ada.keyboard.press('a');
    await drag(ada, [card.x - c.x + card.width / 2, card.y - c.y + card.height / 2], [600, 650]);
    await expect.poll(() => client.board().blocks.find((b) => b.kind === 'arrow')?.fromBlock).toBe(api);
    const arrow = client.board().blocks.find((b) => b.kind === 'arrow')!;
    expect(arrow.toBlock).toBeUndefined();

    // Text (T): click and type.
    await ada.keyboard.press('t');
    const at = (await ada.locator('.ab-canvas').boundingBox())!;
    await ada.mouse.click(at.x + 380, at.y + 80);
    await ada.waitForSelector('.ab-text input:focus');
    await ada.keyboard.type('Write path');
    await ada.keyboard.press('Escape');
    await expect.poll(() => client.board().blocks.find((b) => b.kind === 'text')?.label).toBe('Write path');

    // Bob sees every one of them.
    for (const kind of ['sketch', 'shape', 'arrow', 'text'])
      await expect.poll(() => bob.locator(`.react-flow__node [data-kind="${kind}"]`).count()).toBe(1);
    await expect.poll(() => bob.locator('.ab-shape__label').innerText()).toBe('Cache hit?');

    // Bob moves the block; the arrow's bound end follows it on both screens.
    const endBefore = await bob.locator('.ab-arrow').getAttribute('data-end');
    const startOf = async (page: Page) =>
      page.locator('.ab-arrow .ab-arrow__line').evaluate((p) => {
        const at = (p as SVGPathElement).getPointAtLength(0);
        return { x: at.x, y: at.y };
      });
    const adaStart = await startOf(ada);
    await bob.keyboard.press('Escape');
    await dragBlock(bob, api, 0, 200);
    await expect.poll(async () => (await startOf(ada)).y - adaStart.y).toBeGreaterThan(150);
    expect(await bob.locator('.ab-arrow').getAttribute('data-end')).toBe(endBefore); // the free end stays

    // Bob draws his own stroke; his undo takes back his stroke and move, not Ada's drawing.
    await bob.keyboard.press('p');
    await drag(bob, [200, 700], [400, 720]);
    await expect.poll(() => kinds(client).filter((k) => k === 'sketch')).toHaveLength(2);
    await bob.keyboard.press('v');
    await bob.keyboard.press(`${MOD}+Z`);
    await expect.poll(() => kinds(client).filter((k) => k === 'sketch')).toHaveLength(1);
    expect(kinds(client).sort()).toEqual(['arrow', 'service', 'shape', 'sketch', 'text']);

    // Exports: the JSON file holds every drawing exactly as the doc; the PNG is drawn with them.
    await ada.click('[data-testid=export-menu]');
    const [json] = await Promise.all([ada.waitForEvent('download'), ada.click('[data-testid=export-json]')]);
    const file = JSON.parse(readFileSync(await json.path(), 'utf8'));
    expect(file.blocks).toEqual(client.board().blocks);
    await ada.click('[data-testid=export-menu]');
    const [png] = await Promise.all([ada.waitForEvent('download'), ada.click('[data-testid=export-png]')]);
    const bytes = readFileSync(await png.path());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    // The export draws the nodes' DOM: every drawing kind is in what it captured.
    expect(
      await ada
        .locator('.react-flow__node [data-kind]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')).sort()),
    ).toEqual(['arrow', 'service', 'shape', 'sketch', 'text']);
  });

  it('the laser trail shows for the other person, fades, and is never in the document', async () => {
    const { links } = await createBoard(suite.server.url, { title: 'Laser' });
    const ada = await person(links.interviewer, 'Ada');
    const bob = await person(links.candidate, 'Bob');
    const client = suite.closeAfter(await connectDocClient(suite.server.url, links.interviewer));
    const before = JSON.stringify(client.board());
    await ada.keyboard.press('l');
    const c = (await ada.locator('.ab-canvas').boundingBox())!;
    await ada.mouse.move(c.x + 300, c.y + 300);
    await ada.mouse.down();
    for (let i = 1; i <= 20; i++) await ada.mouse.move(c.x + 300 + i * 15, c.y + 300 + Math.sin(i / 3) * 40);
    await expect.poll(() => bob.locator('[data-testid=laser-trails] line').count()).toBeGreaterThan(2);
    await ada.mouse.up();
    await expect.poll(() => bob.locator('[data-testid=laser-trails]').count(), { timeout: 5000 }).toBe(0);
    expect(JSON.stringify(client.board())).toBe(before);
  });

  it('the eraser removes the drawing it passes over and leaves blocks alone', async () => {
    const { links } = await createBoard(suite.server.url, { title: 'Eraser' });
    const ada = await person(links.interviewer, 'Ada');
    const client = suite.closeAfter(await connectDocClient(suite.server.url, links.interviewer));
    await addBlockByClick(ada, 'service');
    await ada.keyboard.press('Escape');
    await ada.keyboard.press('p');
    await drag(ada, [100, 600], [400, 600]);
    await expect.poll(() => kinds(client)).toContain('sketch');
    await ada.keyboard.press('e');
    await drag(ada, [250, 560], [250, 640]);
    await expect.poll(() => kinds(client)).toEqual(['service']);
  });
});
