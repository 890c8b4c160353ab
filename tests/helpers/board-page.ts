/**
 * Driving a board page the way a person does: palette clicks and drags,
 * handle-to-handle connections, keyboard shortcuts.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Opens a board link as a person with a name (the name dialog is answered through localStorage). */
export async function openBoard(context: BrowserContext, baseUrl: string, link: string, name = 'Ada'): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript((userName) => {
    const key = 'archboard:session';
    const saved = JSON.parse(localStorage.getItem(key) ?? '{"state":{},"version":0}');
    if (!saved.state.userName) {
      saved.state.userName = userName;
      localStorage.setItem(key, JSON.stringify(saved));
    }
  }, name);
  await page.goto(new URL(link, baseUrl).toString());
  await page.waitForSelector('.react-flow__renderer');
  return page;
}

/** Clicks a palette item and returns the id of the block it added (the new block is selected). */
export async function addBlockByClick(page: Page, kind: string): Promise<string> {
  const before = new Set(await nodeIds(page));
  await page.click(`.ab-palette__item[data-kind="${kind}"]`);
  let id: string | undefined;
  await expect.poll(async () => (id = (await nodeIds(page)).find((x) => !before.has(x)))).toBeTruthy();
  return id!;
}

export async function nodeIds(page: Page): Promise<string[]> {
  return page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!));
}

export async function selectedIds(page: Page): Promise<string[]> {
  return page.locator('.react-flow__node.selected').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!));
}

/** Drags from a handle of one block to a handle of another. */
export async function connect(page: Page, from: string, to: string): Promise<void> {
  const source = page.locator(`.react-flow__node[data-id="${from}"]`);
  await source.hover();
  const s = (await source.locator('.react-flow__handle-bottom').boundingBox())!;
  const t = (await page.locator(`.react-flow__node[data-id="${to}"] .react-flow__handle-top`).boundingBox())!;
  await page.mouse.move(s.x + s.width / 2, s.y + s.height / 2);
  await page.mouse.down();
  await page.mouse.move(t.x + t.width / 2, t.y + t.height / 2, { steps: 10 });
  await page.mouse.up();
}

/** Moves a block by dragging it with the mouse. */
export async function dragBlock(page: Page, id: string, dx: number, dy: number): Promise<void> {
  const box = (await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 12 });
  await page.mouse.up();
}

/** The Ctrl (or Cmd) key name for shortcuts on this platform. */
export const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';
