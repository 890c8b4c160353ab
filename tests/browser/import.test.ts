/**
 * Importing other tools' diagrams in Chromium as a person does: the file
 * picker, a file dropped on the canvas, and a paste, for Mermaid, Excalidraw
 * and draw.io; the toast says what was recognised and one undo takes it back.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { useServerAndBrowser } from '../helpers/browser-suite';
import { connectDocClient, type DocClient } from '../helpers/doc-client';
import { createBoard } from '../helpers/sync-clients';
import { MOD, openBoard } from '../helpers/board-page';

const suite = useServerAndBrowser();
const fixtures = join(__dirname, '../fixtures/import');
let context: BrowserContext;
const clients: DocClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await context?.close();
});

async function freshBoard(): Promise<{ page: Page; client: DocClient }> {
  context = await suite.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const { links } = await createBoard(suite.server.url, { title: 'Import test' });
  const page = await openBoard(context, suite.server.url, links.interviewer);
  const client = await connectDocClient(suite.server.url, links.interviewer);
  clients.push(client);
  return { page, client };
}

/** How many cards lie (even partly) outside the canvas's box. */
const cardsOutsideCanvas = (page: Page) =>
  page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    return [...document.querySelectorAll('.react-flow__node')].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.left < pane.left || r.top < pane.top || r.right > pane.right || r.bottom > pane.bottom;
    }).length;
  });

const infoToast = (page: Page) => page.locator('[data-toast=info]').last();

describe('importing other tools’ diagrams', () => {
  it.each([
    ['every-construct.mmd', '17 blocks, 13 recognised, 4 kept as shapes; 16 links; 3 groups', 20],
    ['every-construct.excalidraw', '8 blocks, 4 recognised, 4 kept as shapes; 3 links; 1 group; 5 drawings', 14],
    ['every-construct.drawio', '8 blocks, 6 recognised, 2 kept as shapes; 5 links; 2 groups; 3 drawings', 13],
  ])(
    'imports %s through the file picker, says what it recognised, and undoes in one step',
    async (name, summary, blocks) => {
      const { page, client } = await freshBoard();
      await page.setInputFiles('[data-testid=import-input]', join(fixtures, name));
      await expect.poll(() => client.board().blocks.length).toBe(blocks);
      await expect.poll(() => infoToast(page).textContent()).toContain(summary);
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(blocks);
      // The view frames what came in: every card inside the canvas.
      await expect.poll(() => cardsOutsideCanvas(page)).toBe(0);
      if (process.env.ARCHBOARD_SHOTS)
        await page.screenshot({ path: join(process.env.ARCHBOARD_SHOTS, `${name}.png`) });
      await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press(`${MOD}+z`);
      await expect.poll(() => client.board().blocks.length).toBe(0);
    },
  );

  it('imports a draw.io file dropped on the canvas', async () => {
    const { page, client } = await freshBoard();
    const text = readFileSync(join(fixtures, 'every-construct.drawio'), 'utf8');
    await page.evaluate((content) => {
      const data = new DataTransfer();
      data.items.add(new File([content], 'checkout.drawio', { type: 'application/xml' }));
      const target = document.querySelector('.react-flow__pane')!;
      target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: data }));
      target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data }));
    }, text);
    await expect.poll(() => client.board().blocks.length).toBe(13);
    expect(client.board().blocks.find((b) => b.id === 'stripe')).toMatchObject({ kind: 'external-service' });
    await expect.poll(() => infoToast(page).textContent()).toContain('Imported checkout.drawio');
  });

  it.each([
    ['Excalidraw clipboard JSON', 'clipboard.excalidraw.json', ['client', 'queue']],
    ['a Mermaid flowchart', null, ['cache', 'service']],
  ])('adds pasted %s to the board beside what is there', async (_what, name, kinds) => {
    const { page, client } = await freshBoard();
    await page.click('.ab-palette__item[data-kind="cdn"]');
    await expect.poll(() => client.board().blocks.length).toBe(1);
    const text = name ? readFileSync(join(fixtures, name), 'utf8') : 'flowchart LR\n  api[Feed service] --> c[(Redis)]';
    await page.evaluate((content) => {
      const data = new DataTransfer();
      data.setData('text/plain', content);
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
    await expect.poll(() => client.board().blocks.length).toBe(3);
    const added = client.board().blocks.filter((b) => b.kind !== 'cdn');
    expect(added.map((b) => b.kind).sort()).toEqual(kinds);
    expect(client.board().links).toHaveLength(1);
    await expect.poll(() => infoToast(page).textContent()).toMatch(/Pasted a diagram: 2 blocks, 2 recognised/);
  });

  it('keeps the board as it was when the file cannot be read, and says why', async () => {
    const { page, client } = await freshBoard();
    await page.click('.ab-palette__item[data-kind="cdn"]');
    await expect.poll(() => client.board().blocks.length).toBe(1);
    await page.setInputFiles('[data-testid=import-input]', {
      name: 'broken.mmd',
      mimeType: 'text/plain',
      buffer: Buffer.from('flowchart TD\n  a[open --> b\n'),
    });
    await expect.poll(() => page.locator('[data-toast=error]').textContent()).toMatch(/broken\.mmd.*line 2/);
    expect(client.board().blocks).toHaveLength(1);
  });
});
