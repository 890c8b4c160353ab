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
