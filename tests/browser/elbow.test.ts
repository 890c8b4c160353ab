/**
 * Elbow (orthogonal) links that go around cards, set per link and per board,
 * seen the same in a second context; and a dragged multi-selection snapping
 * its bounding box to the other cards.
 */
import { readFileSync } from 'node:fs';
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

/** A link's drawn path on screen: its points (from the path's M and L commands) and the cards' boxes. */
async function linkOnScreen(page: Page, id: string) {
  return page.evaluate((linkId) => {
    const path = document.querySelector<SVGPathElement>(
      `.react-flow__edge[data-id="${linkId}"] path.react-flow__edge-path`,
    )!;
    const d = path.getAttribute('d') ?? '';
    const m = path.getScreenCTM()!;
    const commands = [...d.matchAll(/([A-Za-z])\s*(-?[\d.]+)[ ,](-?[\d.]+)/g)];
    const points = commands.map(([, , x, y]) => {
      const px = Number(x);
      const py = Number(y);
      return { x: px * m.a + py * m.c + m.e, y: px * m.b + py * m.d + m.f };
    });
    const letters = [...d.matchAll(/[A-Za-z]/g)].map((c) => c[0]).join('');
    const route = document.querySelector(`.ab-link[data-link-id="${linkId}"]`)?.getAttribute('data-route');
    const cards = [...document.querySelectorAll('.react-flow__node')].map((e) => ({
      id: e.getAttribute('data-id')!,
      ...(e.getBoundingClientRect().toJSON() as DOMRect),
    }));
    const label = document.querySelector(`[data-link-label="${linkId}"]`)?.getBoundingClientRect().toJSON() as
      DOMRect | undefined;
    return { points, letters, route, cards, label };
  }, id);
}

type Pt = { x: number; y: number };

/** Whether a segment passes through the inside of a box (a pixel of slack for rounding). */
function crossesBox(a: Pt, b: Pt, r: Box): boolean {
  return (
    Math.min(a.x, b.x) < r.x + r.width - 1 &&
    Math.max(a.x, b.x) > r.x + 1 &&
    Math.min(a.y, b.y) < r.y + r.height - 1 &&
    Math.max(a.y, b.y) > r.y + 1
  );
}

function expectOrthogonalAround(points: Pt[], around: Box): void {
  expect(points.length).toBeGreaterThanOrEqual(3);
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1]!;
    const b = points[k]!;
    expect(Math.abs(a.x - b.x) < 0.5 || Math.abs(a.y - b.y) < 0.5, `segment ${k}`).toBe(true);
    expect(crossesBox(a, b, around), `segment ${k} crosses the card`).toBe(false);
  }
}

const overlapsBox = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('elbow links', () => {
  it('a link set to elbow runs in horizontal and vertical segments around a card between its ends, in both contexts', async () => {
    const board: Board = {
      format: BOARD_FORMAT,
      blocks: [
        card('api', 0, 200, 'API'),
        card('db', 800, 200, 'Orders DB'),
        { ...card('wall', 380, 140, 'Cache in the way'), height: 180 },
        card('api2', 0, 520, 'Worker'),
        card('db2', 800, 520, 'Queue'),
        { ...card('wall2', 380, 480, 'Also in the way'), height: 140 },
      ],
      links: [
        { id: 'l1', from: 'api', to: 'db', label: 'writes orders' },
        { id: 'l2', from: 'api2', to: 'db2', label: 'jobs' },
      ],
    };
    const { pages, client } = await boardWith(board, 2);
    const [ivy, cy] = pages as [Page, Page];
    for (const page of pages) await settledBoxes(page, ['api', 'db', 'wall']);
    const before = await linkOnScreen(ivy, 'l1');
    expect(before.route).toBe('curved');
    // Select the link by clicking its line between the source and the card in the way.
    const from = before.cards.find((c) => c.id === 'api')!;
    const wall = before.cards.find((c) => c.id === 'wall')!;
    await ivy.mouse.click((from.x + from.width + wall.x) / 2, from.y + from.height / 2);
    const routeSelect = ivy.locator('select[name="route"]');
    await routeSelect.waitFor();
    await routeSelect.selectOption('elbow');
    await expect.poll(() => client.board().links.find((l) => l.id === 'l1')?.route).toBe('elbow');

    for (const page of [ivy, cy]) {
      await expect.poll(async () => (await linkOnScreen(page, 'l1')).route).toBe('elbow');
      await settledBoxes(page, ['api', 'db', 'wall']);
      const drawn = await linkOnScreen(page, 'l1');
      expect(drawn.letters).toMatch(/^ML+$/);
      expectOrthogonalAround(
        drawn.points,
        drawn.cards.find((c) => c.id === 'wall')!,
      );
      // Its label sits on no card.
      expect(drawn.label).toBeDefined();
      await expect
        .poll(async () => {
          const now = await linkOnScreen(page, 'l1');
          return now.cards.filter((c) => overlapsBox(now.label!, c)).map((c) => c.id);
        })
        .toEqual([]);
    }
    // The SVG export draws the very route the canvas draws.
    const canvasD = await ivy.locator('.react-flow__edge[data-id="l1"] path.react-flow__edge-path').getAttribute('d');
    await ivy.click('[data-testid=export-menu]');
    const [download] = await Promise.all([ivy.waitForEvent('download'), ivy.click('[data-testid=export-svg]')]);
    const svg = readFileSync(await download.path(), 'utf8');
    expect(/<g data-link-id="l1"><path d="([^"]+)"/.exec(svg)?.[1]).toBe(canvasD);

    // The other link still follows the board: curved.
    expect((await linkOnScreen(cy, 'l2')).route).toBe('curved');
    if (SHOTS) {
      await ivy.screenshot({ path: `${SHOTS}/elbow-link-ivy.png` });
      await cy.screenshot({ path: `${SHOTS}/elbow-link-cy.png` });
    }

    // The candidate makes elbow the board's choice: the other link follows it on the interviewer's screen.
    await cy.keyboard.press('Escape');
    await cy.click('.react-flow__pane', { position: { x: 40, y: 40 } });
    const boardSelect = cy.locator('select[name="board-link-route"]');
    await boardSelect.waitFor();
    await boardSelect.selectOption('elbow');
    await expect.poll(() => client.board().settings?.linkRoute).toBe('elbow');
    await expect.poll(async () => (await linkOnScreen(ivy, 'l2')).route).toBe('elbow');
    await settledBoxes(ivy, ['api2', 'db2', 'wall2']);
    const second = await linkOnScreen(ivy, 'l2');
    expectOrthogonalAround(
      second.points,
      second.cards.find((c) => c.id === 'wall2')!,
    );
    if (SHOTS) await ivy.screenshot({ path: `${SHOTS}/elbow-board-ivy.png` });

    // Moving the card in the way reroutes the link; still clear of it.
    await ivy.keyboard.press('Escape');
    const wallBox = (await ivy.locator('.react-flow__node[data-id="wall"]').boundingBox())!;
    await ivy.mouse.move(wallBox.x + wallBox.width / 2, wallBox.y + wallBox.height / 2);
    await ivy.mouse.down();
    await ivy.mouse.move(wallBox.x + wallBox.width / 2 + 2, wallBox.y + wallBox.height / 2);
    await ivy.mouse.move(wallBox.x + wallBox.width / 2 + 2, wallBox.y + wallBox.height / 2 + 60, { steps: 6 });
    await ivy.mouse.up();
    await expect.poll(() => client.board().blocks.find((b) => b.id === 'wall')!.y).toBeGreaterThan(140);
    await expect
      .poll(async () => {
        await settledBoxes(cy, ['wall']);
        const now = await linkOnScreen(cy, 'l1');
        const w = now.cards.find((c) => c.id === 'wall')!;
        return now.points.some((p, k) => k > 0 && crossesBox(now.points[k - 1]!, p, w));
      })
      .toBe(false);
  });
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
