/**
 * The board, drawn by one person in Chromium against the real server: adding,
 * connecting, editing, selecting, deleting, copy and paste, undo, palette
 * search, groups, PNG and JSON export, import (good and broken), reload.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { useServerAndBrowser } from '../helpers/browser-suite';
import { connectDocClient, type DocClient } from '../helpers/doc-client';
import { createBoard } from '../helpers/sync-clients';
import { addBlockByClick, connect, dragBlock, MOD, nodeIds, openBoard, selectedIds } from '../helpers/board-page';
import { canonicalBoard } from '../../src/board/ops';
import { EXPORT_PADDING, EXPORT_PIXEL_RATIO } from '../../src/ui/export/png';

const suite = useServerAndBrowser();
let context: BrowserContext;

/** A fresh board open in a fresh browser context, and a Node client on the same board. */
async function freshBoard(): Promise<{ page: Page; client: DocClient; link: string }> {
  context = await suite.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const { links } = await createBoard(suite.server.url, { title: 'Browser test' });
  const page = await openBoard(context, suite.server.url, links.interviewer);
  const client = suite.closeAfter(await connectDocClient(suite.server.url, links.interviewer));
  return { page, client, link: links.interviewer };
}

describe('the board in a browser', () => {
  it('adds blocks by click and by drag, connects two, edits a label', async () => {
    const { page, client } = await freshBoard();
    const service = await addBlockByClick(page, 'service');
    await page
      .locator('.ab-palette__item[data-kind="sql-db"]')
      .dragTo(page.locator('.ab-canvas'), { targetPosition: { x: 300, y: 600 } });
    await expect
      .poll(() =>
        client
          .board()
          .blocks.map((b) => b.kind)
          .sort(),
      )
      .toEqual(['service', 'sql-db']);
    const db = client.board().blocks.find((b) => b.kind === 'sql-db')!.id;

    await connect(page, service, db);
    await expect.poll(() => client.board().links).toHaveLength(1);
    expect(client.board().links[0]).toMatchObject({ from: service, to: db, protocol: 'query' });
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);

    await page.click(`.react-flow__node[data-id="${service}"]`);
    await page.fill('.ab-props input[name=label]', 'Shortener API');
    await expect.poll(() => client.board().blocks.find((b) => b.id === service)?.label).toBe('Shortener API');
    await expect
      .poll(() => page.locator(`.react-flow__node[data-id="${service}"] .ab-card__label`).textContent())
      .toBe('Shortener API');
  });

  it('multi-selects with shift-click and deletes with the Delete key', async () => {
    const { page, client } = await freshBoard();
    const a = await addBlockByClick(page, 'client');
    const b = await addBlockByClick(page, 'service');
    const c = await addBlockByClick(page, 'cache');
    await connect(page, a, b);
    await expect.poll(() => client.board().links).toHaveLength(1);
    await page.click(`.react-flow__node[data-id="${a}"]`);
    await page.click(`.react-flow__node[data-id="${b}"]`, { modifiers: ['Shift'] });
    expect((await selectedIds(page)).sort()).toEqual([a, b].sort());
    await page.keyboard.press('Delete');
    await expect.poll(() => client.board().blocks.map((x) => x.id)).toEqual([c]);
    expect(client.board().links).toEqual([]);
  });

  it('box-selects by dragging on the empty canvas', async () => {
    const { page } = await freshBoard();
    const ids = [await addBlockByClick(page, 'client'), await addBlockByClick(page, 'service')];
    await page.keyboard.press('Escape');
    const boxes = await Promise.all(
      ids.map(async (id) => (await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!),
    );
    const left = Math.min(...boxes.map((b) => b.x)) - 30;
    const top = Math.min(...boxes.map((b) => b.y)) - 30;
    const right = Math.max(...boxes.map((b) => b.x + b.width)) + 30;
    const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + 30;
    await page.mouse.move(left, top);
    await page.mouse.down();
    await page.mouse.move(right, bottom, { steps: 10 });
    await page.mouse.up();
    expect((await selectedIds(page)).sort()).toEqual([...ids].sort());
  });

  it('copy and paste keeps the link between copied blocks', async () => {
    const { page, client } = await freshBoard();
    const a = await addBlockByClick(page, 'service');
    const b = await addBlockByClick(page, 'sql-db');
    await connect(page, a, b);
    await expect.poll(() => client.board().links).toHaveLength(1);
    await page.click('.react-flow__pane', { position: { x: 40, y: 40 } });
    await page.keyboard.press(`${MOD}+A`);
    await page.keyboard.press(`${MOD}+C`);
    await page.keyboard.press(`${MOD}+V`);
    await expect.poll(() => client.board().blocks).toHaveLength(4);
    await expect.poll(() => client.board().links).toHaveLength(2);
    const board = client.board();
    const pasted = board.links.find((l) => l.from !== a)!;
    const kinds = new Map(board.blocks.map((x) => [x.id, x.kind]));
    expect([kinds.get(pasted.from), kinds.get(pasted.to)]).toEqual(['service', 'sql-db']);
    // The pasted copies are selected, so a second Ctrl+D duplicates them again.
    await page.keyboard.press(`${MOD}+D`);
    await expect.poll(() => client.board().links).toHaveLength(3);
  });

  it('undoes and redoes, one drag being one step', async () => {
    const { page, client } = await freshBoard();
    const a = await addBlockByClick(page, 'service');
    await expect.poll(() => client.board().blocks).toHaveLength(1);
    const start = client.board().blocks[0]!;
    await dragBlock(page, a, 160, 120);
    await expect.poll(() => client.board().blocks[0]!.x).not.toBe(start.x);
    await page.keyboard.press(`${MOD}+Z`);
    await expect.poll(() => [client.board().blocks[0]!.x, client.board().blocks[0]!.y]).toEqual([start.x, start.y]);
    await page.keyboard.press(`${MOD}+Z`);
    await expect.poll(() => client.board().blocks).toHaveLength(0);
    await page.keyboard.press(`${MOD}+Shift+Z`);
    await expect.poll(() => client.board().blocks).toHaveLength(1);
    await page.keyboard.press(`${MOD}+Y`);
    await expect.poll(() => client.board().blocks[0]!.x).not.toBe(start.x);
  });

  it('finds kinds in the palette by technology', async () => {
    const { page } = await freshBoard();
    const search = page.locator('[data-palette-search]');
    for (const [query, kind] of [
      ['Redis', 'cache'],
      ['Kafka', 'queue'],
      ['S3', 'object-storage'],
      ['ELB', 'load-balancer'],
      ['Postgres', 'sql-db'],
    ]) {
      await search.fill(query!);
      await expect.poll(() => page.locator('.ab-palette__item').first().getAttribute('data-kind')).toBe(kind);
    }
    await search.fill('no such thing at all');
    await expect.poll(() => page.locator('.ab-palette__item').count()).toBe(0);
  });

  it('puts a block in a group, and it moves with the group', async () => {
    const { page, client } = await freshBoard();
    const group = await addBlockByClick(page, 'group');
    const groupBox = (await page.locator(`.react-flow__node[data-id="${group}"]`).boundingBox())!;
    const canvasBox = (await page.locator('.ab-canvas').boundingBox())!;
    await page.locator('.ab-palette__item[data-kind="service"]').dragTo(page.locator('.ab-canvas'), {
      targetPosition: {
        x: groupBox.x - canvasBox.x + groupBox.width / 2,
        y: groupBox.y - canvasBox.y + groupBox.height / 2,
      },
    });
    await expect.poll(() => client.board().blocks.find((b) => b.kind === 'service')?.parent).toBe(group);
    const service = client.board().blocks.find((b) => b.kind === 'service')!;
    const before = (await page.locator(`.react-flow__node[data-id="${service.id}"]`).boundingBox())!;
    // Drag the group by its label strip, away from the card inside it.
    await page.mouse.move(groupBox.x + 30, groupBox.y + 12);
    await page.mouse.down();
    await page.mouse.move(groupBox.x + 130, groupBox.y + 92, { steps: 10 });
    await page.mouse.up();
    await expect
      .poll(async () => (await page.locator(`.react-flow__node[data-id="${service.id}"]`).boundingBox())!.x)
      .toBeGreaterThan(before.x + 50);
    // Relative to its group, the block did not move.
    const after = client.board().blocks.find((b) => b.id === service.id)!;
    expect([after.x, after.y, after.parent]).toEqual([service.x, service.y, group]);
  });

  it('exports a PNG of the whole diagram at 2x, links included', async () => {
    const { page, client } = await freshBoard();
    const a = await addBlockByClick(page, 'client');
    const b = await addBlockByClick(page, 'service');
    await dragBlock(page, b, 0, 220);
    await connect(page, a, b);
    await expect.poll(() => client.board().links).toHaveLength(1);
    await page.keyboard.press('Escape');
    // The diagram's bounds and a point on the link, in flow coordinates, from the live DOM.
    const geometry = await page.evaluate(() => {
      const nodes = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((el) => {
        const m = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)/.exec(el.style.transform)!;
        return { x: Number(m[1]), y: Number(m[2]), w: el.offsetWidth, h: el.offsetHeight };
      });
      const path = document.querySelector<SVGPathElement>('.ab-link__line')!;
      const point = path.getPointAtLength(path.getTotalLength() * 0.2);
      const minX = Math.min(...nodes.map((n) => n.x));
      const minY = Math.min(...nodes.map((n) => n.y));
      const maxX = Math.max(...nodes.map((n) => n.x + n.w));
      const maxY = Math.max(...nodes.map((n) => n.y + n.h));
      return {
        bounds: { x: minX, y: minY, width: maxX - minX, height: maxY - minY },
        point: { x: point.x, y: point.y },
      };
    });
    await page.click('[data-testid=export-menu]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-png]')]);
    expect(download.suggestedFilename()).toBe('browser-test.png');
    const png = readFileSync(await download.path());
    const pixels = await page.evaluate(
      async ({ base64, px, py }) => {
        const img = new Image();
        img.src = `data:image/png;base64,${base64}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const at = (x: number, y: number) => [...ctx.getImageData(x, y, 1, 1).data];
        // Sample a small neighbourhood: a 1.6 px line at 2x may straddle pixels.
        const around: number[][] = [];
        for (let dx = -2; dx <= 2; dx++)
          for (let dy = -2; dy <= 2; dy++) around.push(at(Math.round(px) + dx, Math.round(py) + dy));
        return { width: img.width, height: img.height, corner: at(2, 2), around };
      },
      {
        base64: png.toString('base64'),
        px: (geometry.point.x - geometry.bounds.x + EXPORT_PADDING) * EXPORT_PIXEL_RATIO,
        py: (geometry.point.y - geometry.bounds.y + EXPORT_PADDING) * EXPORT_PIXEL_RATIO,
      },
    );
    expect(pixels.width).toBe(Math.ceil(geometry.bounds.width + 2 * EXPORT_PADDING) * EXPORT_PIXEL_RATIO);
    expect(pixels.height).toBe(Math.ceil(geometry.bounds.height + 2 * EXPORT_PADDING) * EXPORT_PIXEL_RATIO);
    const background = pixels.corner;
    const differs = (p: number[]) => p.slice(0, 3).some((v, i) => Math.abs(v - background[i]!) > 40);
    expect(pixels.around.some(differs), 'a pixel on the link differs from the background').toBe(true);
  });

  it('exports JSON and imports it into a new board; a broken file changes nothing', async () => {
    const { page, client } = await freshBoard();
    const a = await addBlockByClick(page, 'client');
    const b = await addBlockByClick(page, 'load-balancer');
    await connect(page, a, b);
    await page.click(`.react-flow__node[data-id="${b}"]`);
    await page.fill('.ab-props input[name=replicas]', '2');
    await expect.poll(() => client.board().blocks.find((x) => x.id === b)?.replicas).toBe(2);
    await page.click('[data-testid=export-menu]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-json]')]);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(canonicalBoard(exported)).toEqual(canonicalBoard(client.board()));

    // Into a new board, through the file picker.
    const other = await freshBoard();
    const dir = mkdtempSync(join(tmpdir(), 'archboard-import-'));
    const good = join(dir, 'exported.json');
    writeFileSync(good, JSON.stringify(exported));
    await other.page.setInputFiles('[data-testid=import-input]', good);
    await expect.poll(() => canonicalBoard(other.client.board())).toEqual(canonicalBoard(exported));
    await expect.poll(() => other.page.locator('.ab-card').count()).toBe(2);

    // A broken file: a message naming the field, and the board as it was.
    const broken = join(dir, 'broken.json');
    const bad = structuredClone(exported);
    bad.blocks[1].x = 'left';
    writeFileSync(broken, JSON.stringify(bad));
    await other.page.setInputFiles('[data-testid=import-input]', broken);
    const toast = other.page.locator('[data-toast=error]');
    await expect.poll(() => toast.textContent()).toMatch(/broken\.json.*blocks\[1\]\.x/);
    expect(canonicalBoard(other.client.board())).toEqual(canonicalBoard(exported));
  });

  it('edits the traffic constants of a block and a link, refusing values out of range', async () => {
    const { page, client } = await freshBoard();
    const app = await addBlockByClick(page, 'service');
    const cache = await addBlockByClick(page, 'cache');
    await connect(page, app, cache);
    await expect.poll(() => client.board().links).toHaveLength(1);
    const block = () => client.board().blocks.find((b) => b.id === cache)!;

    await page.click(`.react-flow__node[data-id="${cache}"]`);
    const hitRatio = page.locator('.ab-props input[name=hitRatio]');
    // The catalog's default shows as the placeholder until the block sets its own.
    expect(await hitRatio.getAttribute('placeholder')).toBe('0.8');
    await hitRatio.fill('1.5');
    await expect.poll(() => hitRatio.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.locator('.ab-props .ab-error-text').textContent()).toBe('Enter a number from 0 to 1');
    await hitRatio.fill('0.95');
    await expect.poll(() => block().hitRatio).toBe(0.95);
    await expect.poll(() => hitRatio.getAttribute('aria-invalid')).toBe('false');

    const capacity = page.locator('.ab-props input[name=capacityQps]');
    await capacity.fill('0');
    await expect.poll(() => page.locator('.ab-props .ab-error-text').textContent()).toBe('Enter a number above 0');
    expect(block().capacityQps).toBeUndefined();
    await capacity.fill('20000');
    await expect.poll(() => block().capacityQps).toBe(20_000);
    // The ratio written earlier stayed; the refused entries wrote nothing.
    expect(block().hitRatio).toBe(0.95);

    // The link: click the middle of its path, then set a fan-out.
    const linkId = client.board().links[0]!.id;
    const middle = await page
      .locator(`.react-flow__edge[data-id="${linkId}"] path.react-flow__edge-path`)
      .evaluate((el) => {
        const path = el as SVGPathElement;
        const p = path.getPointAtLength(path.getTotalLength() / 2);
        const m = path.getScreenCTM()!;
        return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
      });
    await page.mouse.click(middle.x, middle.y);
    const fanOut = page.locator(`[data-props-for="${linkId}"] input[name=fanOut]`);
    await fanOut.fill('-3');
    await expect.poll(() => fanOut.getAttribute('aria-invalid')).toBe('true');
    expect(client.board().links[0]!.fanOut).toBeUndefined();
    await fanOut.fill('200');
    await expect.poll(() => client.board().links[0]!.fanOut).toBe(200);
  });

  it('keeps the board over a reload', async () => {
    const { page, client } = await freshBoard();
    await addBlockByClick(page, 'client');
    await addBlockByClick(page, 'cdn');
    await expect.poll(() => client.board().blocks).toHaveLength(2);
    const ids = (await nodeIds(page)).sort();
    await page.reload();
    await page.waitForSelector('.react-flow__node');
    await expect.poll(async () => (await nodeIds(page)).sort()).toEqual(ids);
  });
});
