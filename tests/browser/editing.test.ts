/**
 * Editing like a drawing tool: a link's label edited in place and dragged
 * along it, alignment guides and snapping, align / distribute, z-order, and
 * link labels that keep clear of each other and of cards.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
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
    await page.locator(`[data-link-label-editor="${link}"] input`).waitFor();
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
    const moved = (await chip.boundingBox())!;
    expect(Math.hypot(moved.x - start.x, moved.y - start.y)).toBeGreaterThan(30);
    // The drop did not move either card or pan the view.
    expect(client.board().links[0]!.label).toBe('read');

    await page.keyboard.press(`${MOD}+Z`);
    await expect.poll(() => client.board().links[0]!.labelAt).toBeUndefined();
  });
});
