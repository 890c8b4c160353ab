/**
 * Elbow (orthogonal) links that go around cards, set per link and per board,
 * seen the same in a second context; and a dragged multi-selection snapping
 * its bounding box to the other cards.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BOARD_FORMAT, type Block, type Board } from '../../src/board/types';
import { applyOpsToDoc } from '../../src/doc/board-doc';
import { useServerAndBrowser } from '../helpers/browser-suite';
import { connectDocClient, type DocClient } from '../helpers/doc-client';
import { createBoard } from '../helpers/sync-clients';
import { openBoard } from '../helpers/board-page';

const suite = useServerAndBrowser();

const SHOTS = process.env.ARCHBOARD_SHOTS;

async function boardWith(board: Board, people = 1): Promise<{ pages: Page[]; client: DocClient }> {
  const { links } = await createBoard(suite.server.url, { title: 'Elbow' });
  const client = await connectDocClient(suite.server.url, links.interviewer);
  suite.closeAfter(client);
  client.doc.transact(() => applyOpsToDoc(client.doc, [{ op: 'replace-board', board }]));
  const pages: Page[] = [];
  for (let i = 0; i < people; i++) {
    const context = await suite.newContext({ viewport: { width: 1400, height: 900 } });
    // Without the grid, so what lines cards up is the snapping to other cards alone.
    await context.addInitScript(() => {
      const key = 'archboard:session';
      const saved = JSON.parse(localStorage.getItem(key) ?? '{"state":{},"version":0}');
      saved.state.snapToGrid = false;
      localStorage.setItem(key, JSON.stringify(saved));
    });
    const link = i === 0 ? links.interviewer : links.candidate;
    pages.push(await openBoard(context, suite.server.url, link, i === 0 ? 'Ivy (interviewer)' : 'Cy (candidate)'));
  }
  for (const page of pages)
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(board.blocks.length);
  return { pages, client };
}

type Box = { x: number; y: number; width: number; height: number };

/** The cards' boxes on screen once the view has stopped moving (the board fits itself to the screen on load). */
async function settledBoxes(page: Page, ids: string[]): Promise<Box[]> {
  const read = () =>
    page.evaluate(
      (list) =>
        new Promise<Box[]>((resolve) =>
          requestAnimationFrame(() =>
            resolve(
              list.map((id) => {
                const r = document.querySelector(`.react-flow__node[data-id="${id}"]`)!.getBoundingClientRect();
                return { x: r.x, y: r.y, width: r.width, height: r.height };
              }),
            ),
          ),
        ),
      ids,
    );
  let last = await read();
  await expect
    .poll(async () => {
      const next = await read();
      const same = JSON.stringify(next) === JSON.stringify(last);
      last = next;
      return same;
    })
    .toBe(true);
  return last;
}

const card = (id: string, x: number, y: number, label: string): Block => ({
  id,
  kind: 'service',
  x,
  y,
  label,
  width: 184,
});

describe('a dragged selection snaps', () => {
  it('snaps the selection’s bounding box to another card, moving every selected card alike', async () => {
    const board: Board = {
      format: BOARD_FORMAT,
      blocks: [card('c', 700, 40, 'Anchor'), card('a', 100, 250, 'First'), card('b', 350, 420, 'Second')],
      links: [],
    };
    const {
      pages: [page],
      client,
    } = await boardWith(board);
    await page!.click('.react-flow__node[data-id="a"]');
    await page!.click('.react-flow__node[data-id="b"]', { modifiers: ['Shift'] });
    await expect.poll(() => page!.locator('.react-flow__node.selected').count()).toBe(2);
    const [a, b, c] = (await settledBoxes(page!, ['a', 'b', 'c'])) as [Box, Box, Box];
    // Drag a so that the selection's right edge (b's) ends 3 px right of c's right edge; a alone is nowhere near c.
    const dx = c.x + c.width + 3 - (b.x + b.width);
    const start = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
    await page!.mouse.move(start.x, start.y);
    await page!.mouse.down();
    // React Flow starts the drag at the first move past its threshold and counts from there.
    await page!.mouse.move(start.x + 2, start.y);
    await page!.mouse.move(start.x + 2 + dx, start.y + 10, { steps: 12 });
    await expect.poll(() => page!.locator('.ab-guide[data-guide="x"]').count()).toBeGreaterThan(0);
    if (SHOTS) await page!.screenshot({ path: `${SHOTS}/multi-snap.png` });
    await page!.mouse.up();
    await expect.poll(() => page!.locator('.ab-guide').count()).toBe(0);
    const at = (id: string) => client.board().blocks.find((k) => k.id === id)!;
    await expect.poll(() => at('b').x).toBe(at('c').x);
    expect(at('c')).toMatchObject({ x: 700, y: 40 });
    // The selection kept its shape: both cards moved by the same offset.
    expect(at('b').x - at('a').x).toBe(250);
    expect(at('b').y - at('a').y).toBe(170);
  });
});
