/**
 * `npm run screenshots`: regenerates the README's pictures (docs/screenshots)
 * from a real server and Chromium: the chat template's reference design drawn
 * on a board, in the light and the dark theme, the exported PNG, and the home
 * page. Run it after changing how the board looks.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../tests/helpers/browser';
import { startServerProcess } from '../tests/helpers/server';
import { connectDocClient } from '../tests/helpers/doc-client';
import { createBoard } from '../tests/helpers/sync-clients';
import { applyOpsToDoc, blocksOf } from '../src/doc/board-doc';
import { parseBoardJson } from '../src/board/format';

const root = join(import.meta.dirname, '..');
const out = join(root, 'docs', 'screenshots');

async function main() {
  mkdirSync(out, { recursive: true });
  const server = await startServerProcess();
  const browser = await launchChromium();
  try {
    const template = parseBoardJson(readFileSync(join(root, 'templates', 'chat.json'), 'utf8'));
    const reference = template.template!.reference;
    const { links } = await createBoard(server.url, { template: 'chat' });
    const client = await connectDocClient(server.url, links.interviewer);
    // The reference as a candidate would have drawn it on the board.
    client.doc.transact(() => {
      for (const id of [...blocksOf(client.doc).keys()]) blocksOf(client.doc).delete(id);
      applyOpsToDoc(client.doc, [
        ...reference.blocks.map((block) => ({ op: 'add-block' as const, block })),
        ...reference.links.map((link) => ({ op: 'add-link' as const, link })),
      ]);
    });
    await new Promise((r) => setTimeout(r, 500));

    for (const theme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport: { width: 1600, height: 960 }, acceptDownloads: true });
      await context.addInitScript(
        (t) =>
          localStorage.setItem(
            'archboard:session',
            JSON.stringify({ state: { userName: 'Ina', theme: t, showMinimap: true }, version: 0 }),
          ),
        theme,
      );
      const page = await context.newPage();
      await page.goto(server.url + links.interviewer);
      await page.waitForSelector('.ab-link__line', { state: 'attached' });
      await page.click('.ab-tab:has-text("Findings")');
      if (theme === 'light') await page.click('[data-testid=timer-start]');
      await page.keyboard.press('Shift+1');
      await page.waitForTimeout(1200);
      await page.screenshot({ path: join(out, `board-${theme}.png`) });
      if (theme === 'light') {
        await page.click('[data-testid=export-menu]');
        const [file] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-png]')]);
        copyFileSync(await file.path(), join(out, 'exported.png'));
        await page.goto(server.url + '/');
        await page.waitForSelector('[data-template]');
        await page.screenshot({ path: join(out, 'home.png') });
      }
      await context.close();
    }
    // The same board at the sizes people use: laptops from 1024 px up and a tablet in portrait.
    for (const [width, height, name] of [
      [1024, 768, '1024'],
      [1280, 720, '1280'],
      [1440, 900, '1440'],
      [768, 1024, 'tablet'],
    ] as const) {
      for (const theme of ['light', 'dark'] as const) {
        const context = await browser.newContext({ viewport: { width, height }, hasTouch: name === 'tablet' });
        await context.addInitScript(
          (t) =>
            localStorage.setItem(
              'archboard:session',
              JSON.stringify({ state: { userName: 'Ina', theme: t, showMinimap: true }, version: 0 }),
            ),
          theme,
        );
        const page = await context.newPage();
        await page.goto(server.url + links.interviewer);
        await page.waitForSelector('.ab-link__line', { state: 'attached' });
        await page.keyboard.press('Shift+1');
        await page.waitForTimeout(900);
        await page.screenshot({ path: join(out, `board-${name}-${theme}.png`) });
        await context.close();
      }
    }

    // A board drawn with every drawing tool: strokes, highlighter, text, shapes, bound and loose arrows.
    const drawn = await createBoard(server.url, { title: 'Drawing tools' });
    const drawer = await connectDocClient(server.url, drawn.links.interviewer);
    const wave = (n: number, dx: number, dy: number, amp: number) =>
      Array.from({ length: n }, (_, i) => [i * dx, amp * Math.sin(i / 2.5) + i * dy]).flat();
    drawer.doc.transact(() =>
      applyOpsToDoc(drawer.doc, [
        { op: 'add-block', block: { id: 'api', kind: 'service', x: 0, y: 0, label: 'Feed API' } },
        { op: 'add-block', block: { id: 'db', kind: 'nosql-db', x: 420, y: 220, label: 'Posts' } },
        {
          op: 'add-block',
          block: {
            id: 'hit',
            kind: 'shape',
            shape: 'diamond',
            x: 400,
            y: -40,
            width: 170,
            height: 100,
            label: 'Cache hit?',
          },
        },
        {
          op: 'add-block',
          block: {
            id: 'box',
            kind: 'shape',
            shape: 'rectangle',
            x: -40,
            y: 200,
            width: 200,
            height: 90,
            label: 'Fan-out on write',
          },
        },
        {
          op: 'add-block',
          block: {
            id: 'oval',
            kind: 'shape',
            shape: 'ellipse',
            x: 700,
            y: 60,
            width: 150,
            height: 90,
            label: 'Celebrities',
          },
        },
        { op: 'add-block', block: { id: 't1', kind: 'text', x: -20, y: -90, label: 'Read path', fontSize: 26 } },
        {
          op: 'add-block',
          block: { id: 't2', kind: 'text', x: 300, y: 360, label: 'p99 < 200 ms', fontSize: 18, color: '#e11d48' },
        },
        {
          op: 'add-block',
          block: {
            id: 'ink',
            kind: 'sketch',
            x: 250,
            y: 330,
            points: wave(30, 7, 0, 6).map((v) => v + 10),
            color: '#e11d48',
            strokeWidth: 3,
          },
        },
        {
          op: 'add-block',
          block: {
            id: 'hl',
            kind: 'sketch',
            x: -30,
            y: -70,
            points: [10, 10, 60, 12, 120, 9, 150, 11],
            highlighter: true,
          },
        },
        {
          op: 'add-block',
          block: {
            id: 'a1',
            kind: 'arrow',
            x: 0,
            y: 0,
            points: [90, 28, 480, 10],
            heads: 'end',
            fromBlock: 'api',
            toBlock: 'hit',
          },
        },
        {
          op: 'add-block',
          block: {
            id: 'a2',
            kind: 'arrow',
            x: 0,
            y: 0,
            points: [480, 60, 500, 220],
            heads: 'both',
            route: 'elbow',
            fromBlock: 'hit',
            toBlock: 'db',
            color: '#2563eb',
          },
        },
        {
          op: 'add-block',
          block: { id: 'a3', kind: 'arrow', x: 760, y: 160, points: [0, 0, -120, 90], heads: 'end', color: '#059669' },
        },
        { op: 'add-link', link: { id: 'l1', from: 'api', to: 'box', protocol: 'event', label: 'new post' } },
      ]),
    );
    drawer.close();
    for (const theme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addInitScript(
        (t) =>
          localStorage.setItem(
            'archboard:session',
            JSON.stringify({ state: { userName: 'Ina', theme: t, showMinimap: false }, version: 0 }),
          ),
        theme,
      );
      const page = await context.newPage();
      await page.goto(server.url + drawn.links.interviewer);
      await page.waitForSelector('.ab-arrow', { state: 'attached' });
      await page.click('[data-tool=pen]');
      await page.keyboard.press('Shift+1');
      await page.waitForTimeout(900);
      await page.screenshot({ path: join(out, `drawing-${theme}.png`) });
      await context.close();
    }
    client.close();
    console.log(`Wrote ${out}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
