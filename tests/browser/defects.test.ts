/**
 * The small defects of the drawing issue, each as a person meets it: Esc
 * commits text, arrow keys nudge by grid steps, pasted copies cover no card,
 * the first block lands where it was dropped, sticky notes grow with their
 * text, Fit keeps blocks out from under the minimap, initials and the tab title.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useServerAndBrowser } from '../helpers/browser-suite';
import { connectDocClient, type DocClient } from '../helpers/doc-client';
import { createBoard } from '../helpers/sync-clients';
import { addBlockByClick, dragBlock, MOD, openBoard } from '../helpers/board-page';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBoardJson } from '../../src/board/format';
import { applyOpsToDoc } from '../../src/doc/board-doc';

const suite = useServerAndBrowser();

async function freshBoard(title = 'Defects'): Promise<{ page: Page; client: DocClient }> {
  const context = await suite.newContext({ viewport: { width: 1400, height: 900 } });
  const { links } = await createBoard(suite.server.url, { title });
  const page = await openBoard(context, suite.server.url, links.interviewer, 'Ivy (interviewer)');
  const client = await connectDocClient(suite.server.url, links.interviewer);
  suite.closeAfter(client);
  return { page, client };
}

const block = (client: DocClient, id: string) => client.board().blocks.find((b) => b.id === id)!;

describe('small defects, fixed', () => {
  it('Esc while editing a label or a note keeps the typed text', async () => {
    const { page, client } = await freshBoard();
    const id = await addBlockByClick(page, 'service');
    await page.dblclick(`.react-flow__node[data-id="${id}"] .ab-card__label`);
    // Keys pressed before the label's input has focus would reach the canvas as shortcuts.
    await page.waitForSelector(`.react-flow__node[data-id="${id}"] input:focus`);
    await page.keyboard.press(`${MOD}+A`);
    await page.keyboard.type('Feed service');
    await page.keyboard.press('Escape');
    await expect.poll(() => block(client, id).label).toBe('Feed service');

    const note = await addBlockByClick(page, 'note');
    await page.dblclick(`.react-flow__node[data-id="${note}"] .ab-note`);
    await page.waitForSelector('.ab-note textarea:focus');
    await page.keyboard.type('Assume 10:1 reads');
    await page.keyboard.press('Escape');
    await expect.poll(() => block(client, note).notes).toBe('Assume 10:1 reads');
  });

  it('an arrow key nudges one grid step, Shift+arrow five', async () => {
    const { page, client } = await freshBoard();
    const id = await addBlockByClick(page, 'service');
    await page.click(`.react-flow__node[data-id="${id}"]`);
    await expect.poll(() => block(client, id)).toBeTruthy();
    const start = { ...block(client, id) };
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => block(client, id).x).toBe(start.x + 16);
    await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(() => block(client, id).y).toBe(start.y + 80);
    await page.waitForTimeout(200);
    expect(block(client, id).x).toBe(start.x + 16);
  });

  it('pasted copies land clear of the cards already there', async () => {
    const { page, client } = await freshBoard();
    const a = await addBlockByClick(page, 'service');
    await page.click(`.react-flow__node[data-id="${a}"]`);
    await page.keyboard.press(`${MOD}+D`);
    await page.keyboard.press(`${MOD}+D`);
    await expect.poll(() => client.board().blocks.length).toBe(3);
    const boxes = await page
      .locator('.react-flow__node')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const p = boxes[i]!;
        const q = boxes[j]!;
        const overlap = p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom;
        expect(overlap, `cards ${i} and ${j} overlap`).toBe(false);
      }
  });

  it('the first block dropped top-left on an empty board stays where it was dropped', async () => {
    const { page } = await freshBoard();
    const canvas = (await page.locator('.ab-canvas').boundingBox())!;
    await page
      .locator('.ab-palette__item[data-kind="service"]')
      .dragTo(page.locator('.ab-canvas'), { targetPosition: { x: 160, y: 120 } });
    await page.waitForSelector('.react-flow__node');
    await page.waitForTimeout(400);
    const box = (await page.locator('.react-flow__node').boundingBox())!;
    const centre = { x: box.x + box.width / 2 - canvas.x, y: box.y + box.height / 2 - canvas.y };
    expect(Math.abs(centre.x - 160)).toBeLessThan(24);
    expect(Math.abs(centre.y - 120)).toBeLessThan(24);
  });

  it('a sticky note grows with its text instead of clipping it', async () => {
    const { page } = await freshBoard();
    const note = await addBlockByClick(page, 'note');
    // The node frame is what React Flow selects, outlines and hit-tests.
    const frame = page.locator(`.react-flow__node[data-id="${note}"]`);
    await frame.locator('.ab-note').dblclick();
    // Keys typed before the text area has focus would reach the canvas as shortcuts.
    await frame.locator('textarea:focus').waitFor();
    const text = Array.from({ length: 14 }, (_, i) => `line ${i + 1}`).join('\n');
    await page.keyboard.type(text);
    // An empty spot of the canvas, clear of the tool rail down its left edge.
    await page.click('.ab-canvas', { position: { x: 400, y: 40 } });
    await expect.poll(() => frame.locator('div.ab-note__text').textContent()).toBe(text);
    const overflow = () =>
      frame.evaluate((el) => {
        const shown = el.querySelector('.ab-note__text')!.getBoundingClientRect();
        // Pixels of text past the frame's edge, with a pixel's rounding allowed.
        const past = (n: number) => Math.max(0, Math.ceil(n - 1));
        return {
          below: past(shown.bottom - el.getBoundingClientRect().bottom),
          hidden: past(el.scrollHeight - el.clientHeight),
        };
      });
    await expect.poll(overflow).toEqual({ below: 0, hidden: 0 });
  });

  it('Fit keeps every block out from under the minimap', async () => {
    const { page } = await freshBoard();
    for (const kind of ['client', 'load-balancer', 'service', 'cache', 'sql-db', 'queue', 'worker'])
      await addBlockByClick(page, kind);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+!');
    await page.waitForTimeout(500);
    const minimap = (await page.locator('.react-flow__minimap').boundingBox())!;
    const boxes = await page
      .locator('.react-flow__node')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    for (const b of boxes) {
      const under =
        b.left < minimap.x + minimap.width &&
        minimap.x < b.right &&
        b.top < minimap.y + minimap.height &&
        minimap.y < b.bottom;
      expect(under).toBe(false);
    }
  });

  it('Fit frames a whole design as large as the canvas beside the minimap allows', async () => {
    const template = parseBoardJson(readFileSync(join(import.meta.dirname, '../../templates/chat.json'), 'utf8'));
    const { blocks, links } = template.template!.reference;
    for (const [width, height, touch] of [
      [1024, 768, false],
      [1280, 720, false],
      [768, 1024, true], // a tablet hides the minimap
    ] as const) {
      const context = await suite.newContext({ viewport: { width, height }, hasTouch: touch });
      const board = await createBoard(suite.server.url, { title: 'Fit' });
      const client = await connectDocClient(suite.server.url, board.links.interviewer);
      suite.closeAfter(client);
      applyOpsToDoc(client.doc, [
        ...blocks.map((block) => ({ op: 'add-block' as const, block })),
        ...links.map((link) => ({ op: 'add-link' as const, link })),
      ]);
      const page = await openBoard(context, suite.server.url, board.links.interviewer);
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(blocks.length);
      await page.keyboard.press('Shift+!');
      await page.waitForTimeout(500);
      const canvas = (await page.locator('[data-testid=canvas]').boundingBox())!;
      const minimap = (await page.locator('.react-flow__minimap').boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };
      const cards = await page
        .locator('.react-flow__node')
        .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
      for (const b of cards)
        expect(
          b.left < minimap.x + minimap.width &&
            minimap.x < b.right &&
            b.top < minimap.y + minimap.height &&
            minimap.y < b.bottom,
        ).toBe(false);
      // The design spans most of the canvas's width or height, not a corner of it.
      const spanX = Math.max(...cards.map((b) => b.right)) - Math.min(...cards.map((b) => b.left));
      const spanY = Math.max(...cards.map((b) => b.bottom)) - Math.min(...cards.map((b) => b.top));
      expect(Math.max(spanX / canvas.width, spanY / canvas.height)).toBeGreaterThan(0.6);
      await context.close();
    }
  });

  it('avatars show letters only, and the tab is titled by the board', async () => {
    const { page } = await freshBoard('Design a news feed');
    expect((await page.locator('.ab-avatar.is-me').innerText()).trim()).toBe('II');
    await expect.poll(() => page.title()).toBe('Design a news feed · Archboard');
    await page.fill('.ab-title', 'Design a chat');
    await expect.poll(() => page.title()).toBe('Design a chat · Archboard');
  });

  it('Share and Compare close on Esc', async () => {
    const { page } = await freshBoard();
    await page.click('[data-testid=share-button]');
    await page.waitForSelector('.ab-share');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.ab-share').count()).toBe(0);
    const { links } = await createBoard(suite.server.url, { template: 'url-shortener' });
    const interviewer = await openBoard(page.context(), suite.server.url, links.interviewer, 'Ivy');
    await interviewer.click('[role=tab]:has-text("Interviewer")');
    await interviewer.click('[data-testid=compare-reference]');
    await interviewer.waitForSelector('[data-testid=compare-dialog]');
    await interviewer.keyboard.press('Escape');
    await expect.poll(() => interviewer.locator('[data-testid=compare-dialog]').count()).toBe(0);
  });

  it('a link dropped on the body of a card connects to it', async () => {
    const { page, client } = await freshBoard();
    const a = await addBlockByClick(page, 'service');
    const b = await addBlockByClick(page, 'sql-db');
    await page.keyboard.press('Escape');
    const source = page.locator(`.react-flow__node[data-id="${a}"]`);
    await source.hover();
    const s = (await source.locator('.react-flow__handle-bottom').boundingBox())!;
    const t = (await page.locator(`.react-flow__node[data-id="${b}"]`).boundingBox())!;
    await page.mouse.move(s.x + s.width / 2, s.y + s.height / 2);
    await page.mouse.down();
    // The middle of the card's right half: far from every handle.
    await page.mouse.move(t.x + t.width * 0.7, t.y + t.height / 2, { steps: 10 });
    await page.mouse.up();
    await expect.poll(() => client.board().links).toHaveLength(1);
    expect(client.board().links[0]).toMatchObject({ from: a, to: b });
  });

  it('a group resized over blocks adopts them, and moving it moves them; a block inside stays clickable', async () => {
    const { page, client } = await freshBoard();
    const inside = await addBlockByClick(page, 'service');
    const group = await addBlockByClick(page, 'group');
    await page.click(`.react-flow__node[data-id="${group}"] .ab-group`, { position: { x: 200, y: 200 } });
    const card = (await page.locator(`.react-flow__node[data-id="${inside}"]`).boundingBox())!;
    const handle = page.locator(`.react-flow__node[data-id="${group}"] .react-flow__resize-control.handle.top.left`);
    const h = (await handle.boundingBox())!;
    await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
    await page.mouse.down();
    await page.mouse.move(card.x - 40, card.y - 40, { steps: 10 });
    await page.mouse.up();
    await expect.poll(() => block(client, inside).parent).toBe(group);

    const before = (await page.locator(`.react-flow__node[data-id="${inside}"]`).boundingBox())!;
    await dragBlock(page, group, 120, 60);
    await expect
      .poll(async () => (await page.locator(`.react-flow__node[data-id="${inside}"]`).boundingBox())!.x - before.x)
      .toBeGreaterThan(100);

    // With the group selected, a click on the block inside selects the block.
    await page.click(`.react-flow__node[data-id="${inside}"]`);
    await expect
      .poll(() =>
        page.locator('.react-flow__node.selected').evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))),
      )
      .toEqual([inside]);
  });
});
