/**
 * The traffic overlay in the browser: its figures are the CLI's `traffic` for
 * the same board, the what-if multiplier scales them without touching the
 * requirements, and a tier that cannot take ×100 turns red.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { useServerAndBrowser } from '../helpers/browser-suite';
import { connectDocClient } from '../helpers/doc-client';
import { createBoard } from '../helpers/sync-clients';
import { openBoard } from '../helpers/board-page';
import { boardToDoc } from '../../src/doc/board-doc';
import { parseBoardJson } from '../../src/board/format';
import { runCli, type CliIo } from '../../src/cli/cli';

const suite = useServerAndBrowser();
const file = join(__dirname, '../../examples/traffic/twitter-20.json');

/** The CLI's `traffic` for a file, run in this process. */
function cliTraffic(path: string): Record<string, { readQps: number; writeQps: number }> {
  let out = '';
  const io: CliIo = {
    stdout: (t) => (out += t),
    stderr: () => {},
    readFile: (p) => readFileSync(p, 'utf8'),
    writeFile: () => {
      throw new Error('lint writes no file');
    },
  };
  runCli(['lint', '--json', path], io);
  return JSON.parse(out).traffic;
}

async function overlayTraffic(page: Page) {
  return page
    .locator('[data-traffic-block]')
    .evaluateAll((els) =>
      Object.fromEntries(
        els.map((e) => [
          e.getAttribute('data-traffic-block')!,
          { readQps: Number(e.getAttribute('data-read-qps')), writeQps: Number(e.getAttribute('data-write-qps')) },
        ]),
      ),
    );
}

describe('the traffic overlay', () => {
  it("shows the CLI's traffic figures, and the what-if multiplier scales them", async () => {
    const { links } = await createBoard(suite.server.url, { title: 'Traffic test' });
    // The seed stays connected, so the page receives the board live; the polls below wait for it.
    const seed = suite.closeAfter(await connectDocClient(suite.server.url, links.interviewer));
    boardToDoc(parseBoardJson(readFileSync(file, 'utf8')), seed.doc);
    const page = await openBoard(
      await suite.newContext({ viewport: { width: 1600, height: 1000 } }),
      suite.server.url,
      links.candidate,
      'Cato',
    );
    const expected = cliTraffic(file);
    expect(Object.keys(expected).length).toBeGreaterThan(10);
    await expect.poll(() => page.locator('[data-traffic-block]').count()).toBe(0);
    await page.click('[data-testid=traffic-toggle]');
    await expect.poll(() => overlayTraffic(page)).toEqual(expected);
    // Every link that carries traffic has its chip.
    await expect.poll(() => page.locator('[data-link-traffic]').count()).toBeGreaterThan(15);
    await page.screenshot({ path: join(tmpdir(), 'archboard-traffic-overlay.png') });

    // ×100: every figure a hundred times, the block colours follow, and the requirements stay.
    const requirementsBefore = JSON.stringify(seed.board().requirements);
    await page.selectOption('[data-testid=what-if]', '100');
    await expect
      .poll(async () => {
        const now = await overlayTraffic(page);
        return Object.keys(now).every((id) => Math.abs(now[id]!.readQps - expected[id]!.readQps * 100) <= 1);
      })
      .toBe(true);
    expect(Object.keys(await overlayTraffic(page)).sort()).toEqual(Object.keys(expected).sort());
    await expect.poll(() => page.locator('.ab-traffic.ab-traffic--hot').count()).toBeGreaterThan(3);
    expect(JSON.stringify(seed.board().requirements)).toBe(requirementsBefore);
    await page.screenshot({ path: join(tmpdir(), 'archboard-traffic-what-if.png') });
  });

  it('shows follow-up questions grouped by step to the interviewer, never to the candidate', async () => {
    const { links } = await createBoard(suite.server.url, { title: 'Follow-ups test' });
    // The seed stays connected, so the page receives the board live; the polls below wait for it.
    const seed = suite.closeAfter(await connectDocClient(suite.server.url, links.interviewer));
    boardToDoc(parseBoardJson(readFileSync(file, 'utf8')), seed.doc);
    const interviewer = await openBoard(await suite.newContext(), suite.server.url, links.interviewer, 'Ina');
    const candidate = await openBoard(await suite.newContext(), suite.server.url, links.candidate, 'Cato');
    await interviewer.click('.ab-tab:has-text("Interviewer")');
    // The 200-follower fan-out and the queue are asked about under detailed design.
    await expect
      .poll(() => interviewer.locator('[data-testid=follow-ups] [data-step=detailed-design] li').allTextContents())
      .toContain('Each write fans out to 200: what about users with millions of followers?');
    expect(await candidate.locator('.ab-tab:has-text("Interviewer")').count()).toBe(0);
    expect(await candidate.locator('[data-testid=follow-ups]').count()).toBe(0);
  });
});
