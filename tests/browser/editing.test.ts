/**
 * Editing like a drawing tool: a link's label edited in place and dragged
 * along it, alignment guides and snapping, align / distribute, z-order, and
 * link labels that keep clear of each other and of cards.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BOARD_FORMAT, type Board } from '../../src/board/types';
import { applyOpsToDoc } from '../../src/doc/board-doc';
import { useServerAndBrowser } from '../helpers/browser-suite';
import { connectDocClient, type DocClient } from '../helpers/doc-client';
import { createBoard } from '../helpers/sync-clients';
import { addBlockByClick, connect, dragBlock, MOD, openBoard } from '../helpers/board-page';

const suite = useServerAndBrowser();

async function freshBoard(title = 'Editing'): Promise<{ page: Page; client: DocClient }> {
  const context = await suite.newContext({ viewport: { width: 1400, height: 900 } });
  const { links } = await createBoard(suite.server.url, { title });
  const page = await openBoard(context, suite.server.url, links.interviewer, 'Ivy (interviewer)');
  const client = await connectDocClient(suite.server.url, links.interviewer);
  suite.closeAfter(client);
  return { page, client };
}

/** The screen point half way along a link's drawn curve. */
async function linkMidpoint(page: Page, id: string): Promise<{ x: number; y: number }> {
  return page.locator(`.react-flow__edge[data-id="${id}"] path.react-flow__edge-path`).evaluate((el) => {
    const path = el as SVGPathElement;
    const p = path.getPointAtLength(path.getTotalLength() / 2);
    const m = path.getScreenCTM()!;
    return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
  });
}

async function twoLinkedBlocks(page: Page, client: DocClient): Promise<{ a: string; b: string; link: string }> {
  const a = await addBlockByClick(page, 'service');
  const b = await addBlockByClick(page, 'sql-db');
  await page.keyboard.press('Escape');
  await dragBlock(page, b, 320, 220);
  await connect(page, a, b);
  await expect.poll(() => client.board().links).toHaveLength(1);
  return { a, b, link: client.board().links[0]!.id };
}

describe('link labels', () => {
  it('a double-click edits a link label in place; Enter and Esc commit, each one undo step', async () => {
    const { page, client } = await freshBoard();
    const { link } = await twoLinkedBlocks(page, client);
    const before = client.board().links[0]!.label;

    const mid = await linkMidpoint(page, link);
    await page.mouse.dblclick(mid.x, mid.y);
    const input = page.locator(`[data-link-label-editor="${link}"] input`);
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press(`${MOD}+A`);
    await page.keyboard.type('write tweet');
    await page.keyboard.press('Enter');
    await expect.poll(() => client.board().links[0]!.label).toBe('write tweet');
    await expect.poll(() => page.locator(`[data-link-label="${link}"]`).textContent()).toContain('write tweet');

    // The chip itself opens the editor too; Esc keeps what was typed.
    await page.dblclick(`[data-link-label="${link}"]`);
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press(`${MOD}+A`);
    await page.keyboard.type('fan out');
    await page.keyboard.press('Escape');
    await expect.poll(() => client.board().links[0]!.label).toBe('fan out');

    // One undo step per edit.
    await page.keyboard.press(`${MOD}+Z`);
    await expect.poll(() => client.board().links[0]!.label).toBe('write tweet');
    await page.keyboard.press(`${MOD}+Z`);
    await expect.poll(() => client.board().links[0]!.label).toBe(before);
  });

  it('a label dragged along its link stays where it was dropped (labelAt), one undo step', async () => {
    const { page, client } = await freshBoard();
    const { a, link } = await twoLinkedBlocks(page, client);
    const mid = await linkMidpoint(page, link);
    await page.mouse.dblclick(mid.x, mid.y);
    await page.locator(`[data-link-label-editor="${link}"] input:focus`).waitFor();
    await page.keyboard.press(`${MOD}+A`);
    await page.keyboard.type('read');
    await page.keyboard.press('Enter');
    await expect.poll(() => client.board().links[0]!.label).toBe('read');

    const chip = page.locator(`[data-link-label="${link}"]`);
    const start = (await chip.boundingBox())!;
    const source = (await page.locator(`.react-flow__node[data-id="${a}"]`).boundingBox())!;
    // Towards the source card, along the link.
    const from = { x: start.x + start.width / 2, y: start.y + start.height / 2 };
    const to = { x: (from.x + source.x + source.width / 2) / 2, y: (from.y + source.y + source.height) / 2 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 10 });
    await page.mouse.up();
    await expect.poll(() => client.board().links[0]!.labelAt).toBeLessThan(0.45);
    // The label placer redraws the chip on a later frame than the write.
    const distance = async () => {
      const moved = (await chip.boundingBox())!;
      return Math.hypot(moved.x - start.x, moved.y - start.y);
    };
    await expect.poll(distance).toBeGreaterThan(30);
    // The drop did not move either card or pan the view.
    expect(client.board().links[0]!.label).toBe('read');

    await page.keyboard.press(`${MOD}+Z`);
    await expect.poll(() => client.board().links[0]!.labelAt).toBeUndefined();
  });
});

describe('arranging', () => {
  it('aligns three blocks to equal x, distributes them, and brings one to front, each one undo step', async () => {
    const { page, client } = await freshBoard();
    const a = await addBlockByClick(page, 'service');
    const b = await addBlockByClick(page, 'cache');
    const c = await addBlockByClick(page, 'sql-db');
    await page.keyboard.press('Escape');
    await dragBlock(page, b, 90, 130);
    await dragBlock(page, c, -60, 300);
    await page.click(`.react-flow__node[data-id="${a}"]`);
    await page.click(`.react-flow__node[data-id="${b}"]`, { modifiers: ['Shift'] });
    await page.click(`.react-flow__node[data-id="${c}"]`, { modifiers: ['Shift'] });
    const x = (id: string) => client.board().blocks.find((k) => k.id === id)!.x;
    await expect.poll(() => new Set([x(a), x(b), x(c)]).size).toBeGreaterThan(1);

    await page.click('[data-align="left"]');
    await expect.poll(() => new Set([x(a), x(b), x(c)]).size).toBe(1);
    const lefts = await page
      .locator('.react-flow__node')
      .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().left)));
    expect(new Set(lefts).size).toBe(1);

    // The shortcut lines up the top edges; undo goes back one step.
    const y = (id: string) => client.board().blocks.find((k) => k.id === id)!.y;
    const before = [y(a), y(b), y(c)];
    await page.keyboard.press('Alt+KeyW');
    await expect.poll(() => new Set([y(a), y(b), y(c)]).size).toBe(1);
    await page.keyboard.press(`${MOD}+Z`);
    await expect.poll(() => [y(a), y(b), y(c)]).toEqual(before);

    await page.click('[data-distribute="vertical"]');
    const ys = () => {
      const blocks = client.board().blocks;
      return [a, b, c].map((id) => blocks.find((k) => k.id === id)!.y).sort((p, q) => p - q);
    };
    await expect
      .poll(async () => {
        const heights = await page
          .locator('.react-flow__node')
          .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
        const sorted = heights.sort((p, q) => p.top - q.top);
        return Math.round(sorted[1]!.top - sorted[0]!.bottom) - Math.round(sorted[2]!.top - sorted[1]!.bottom);
      })
      .toBe(0);
    expect(ys()[0]).toBeLessThan(ys()[2]!);

    await page.keyboard.press('Escape');
    await page.click(`.react-flow__node[data-id="${a}"]`);
    await page.keyboard.press(`${MOD}+Shift+BracketRight`);
    await expect.poll(() => client.board().blocks.find((k) => k.id === a)!.z).toBe(1);
    const order = await page
      .locator('.react-flow__node')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(order.at(-1)).toBe(a);
    await page.click('[data-reorder="back"]');
    await expect.poll(() => client.board().blocks.find((k) => k.id === a)!.z).toBe(-1);
  });

  it('shows a guide and snaps when a dragged card’s edge comes near another card’s', async () => {
    const { page, client } = await freshBoard();
    const a = await addBlockByClick(page, 'service');
    const b = await addBlockByClick(page, 'cache');
    await page.keyboard.press('Escape');
    const target = (await page.locator(`.react-flow__node[data-id="${a}"]`).boundingBox())!;
    const moving = (await page.locator(`.react-flow__node[data-id="${b}"]`).boundingBox())!;
    // Drag so b's left edge ends 3 px right of a's left edge.
    const start = { x: moving.x + moving.width / 2, y: moving.y + moving.height / 2 };
    const dx = target.x + 3 - moving.x;
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + dx, start.y + 40, { steps: 12 });
    await expect.poll(() => page.locator('.ab-guide[data-guide="x"]').count()).toBeGreaterThan(0);
    await page.mouse.up();
    await expect.poll(() => page.locator('.ab-guide').count()).toBe(0);
    const blocks = () => client.board().blocks;
    await expect.poll(() => blocks().find((k) => k.id === b)!.x - blocks().find((k) => k.id === a)!.x).toBe(0);
  });
});

describe('link labels keep clear', () => {
  for (const template of ['news-feed', 'video-streaming']) {
    it(`the ${template} reference design: no label covers another label or a card`, async () => {
      const { page, client } = await freshBoard();
      const file = JSON.parse(readFileSync(join('templates', `${template}.json`), 'utf8')) as Board;
      const reference = file.template!.reference;
      const board: Board = { format: BOARD_FORMAT, blocks: reference.blocks, links: reference.links };
      client.doc.transact(() => applyOpsToDoc(client.doc, [{ op: 'replace-board', board }]));
      const withText = reference.links.filter((l) => l.label || l.protocol).length;
      await expect.poll(() => page.locator('.ab-link-label').count()).toBe(withText);
      await page.keyboard.press('Shift+Digit1');
      // Once placed, the boxes hold still: read them twice, a frame apart, until they agree.
      const read = () =>
        page.evaluate(() => {
          const box = (e: Element) => e.getBoundingClientRect().toJSON() as DOMRect;
          return {
            labels: [...document.querySelectorAll('.ab-link-label')].map((e) => ({
              id: e.getAttribute('data-link-label'),
              ...box(e),
            })),
            cards: [...document.querySelectorAll('.react-flow__node')]
              .filter((e) => e.querySelector('.ab-card, .ab-note'))
              .map((e) => ({ id: e.getAttribute('data-id'), ...box(e) })),
          };
        });
      let seen = await read();
      await expect
        .poll(async () => {
          const next = await read();
          const same = JSON.stringify(next) === JSON.stringify(seen);
          seen = next;
          return same && next.cards.length > 0;
        })
        .toBe(true);
      const hit = (p: DOMRect, q: DOMRect) =>
        p.left < q.right - 0.5 && q.left < p.right - 0.5 && p.top < q.bottom - 0.5 && q.top < p.bottom - 0.5;
      const problems: string[] = [];
      const { labels, cards } = seen;
      for (let i = 0; i < labels.length; i++) {
        for (let j = i + 1; j < labels.length; j++)
          if (hit(labels[i]!, labels[j]!)) problems.push(`label ${labels[i]!.id} covers label ${labels[j]!.id}`);
        for (const card of cards)
          if (hit(labels[i]!, card)) problems.push(`label ${labels[i]!.id} covers card ${card.id}`);
      }
      expect(problems).toEqual([]);
    });
  }
});
