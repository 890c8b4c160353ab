/**
 * A failure drill in two browser contexts: the interviewer fails a block from
 * its properties, the candidate's canvas greys what the drill cuts off and
 * lists what is lost and what survives, the board's document is not changed,
 * and restoring brings everything back on both screens. The candidate has no
 * control over the drill.
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
import { readReportZip } from '../helpers/report-zip';
import { boardToDoc } from '../../src/doc/board-doc';
import { parseBoardJson } from '../../src/board/format';
import { liveDrill } from '../../src/lint/drill-state';

const suite = useServerAndBrowser();
const file = join(__dirname, '../../examples/traffic/twitter-20.json');
const viewport = { width: 1600, height: 1000 };

/** What each card and frame shows of the drill: `{ blockId: 'failed' | 'cut' }`. */
async function drillShown(page: Page): Promise<Record<string, string>> {
  return page
    .locator('[data-block-id][data-drill]')
    .evaluateAll((els) =>
      Object.fromEntries(els.map((e) => [e.getAttribute('data-block-id')!, e.getAttribute('data-drill')!])),
    );
}

const listed = (page: Page, testId: string) => page.locator(`[data-testid=${testId}] li`).allTextContents();

async function openAs(link: string, name: string, theme: 'light' | 'dark'): Promise<Page> {
  const context = await suite.newContext({ viewport, acceptDownloads: true });
  await context.addInitScript(
    ([userName, theme]) =>
      localStorage.setItem('archboard:session', JSON.stringify({ state: { userName, theme }, version: 0 })),
    [name, theme],
  );
  return openBoard(context, suite.server.url, link, name);
}

describe('a failure drill', () => {
  it("started by the interviewer shows on the candidate's screen, leaves the board unchanged, and restore clears it", async () => {
    const design = parseBoardJson(readFileSync(file, 'utf8'));
    const { links } = await createBoard(suite.server.url, { title: 'Drill test' });
    const seed = suite.closeAfter(await connectDocClient(suite.server.url, links.interviewer));
    boardToDoc(design, seed.doc);
    const ina = await openAs(links.interviewer, 'Ina', 'light');
    const cato = await openAs(links.candidate, 'Cato', 'dark');
    for (const page of [ina, cato])
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(design.blocks.length);
    const before = seed.board();

    // The candidate has no drill control on a block.
    await cato.click('.react-flow__node[data-id="tweets-db"]');
    await cato.waitForSelector('[data-props-for="tweets-db"]');
    expect(await cato.locator('[data-testid=drill-fail]').count()).toBe(0);

    // The interviewer fails the search index, then the users database (which has a replica).
    for (const id of ['search', 'users-db']) {
      await ina.click(`.react-flow__node[data-id="${id}"]`);
      await ina.waitForSelector(`[data-props-for="${id}"]`);
      await ina.click('[data-testid=drill-fail]');
      await expect.poll(() => ina.locator(`[data-drill-failed="${id}"]`).count()).toBe(1);
    }
    const expected = liveDrill(design, [
      { id: 'search', by: 'Ina', at: 1 },
      { id: 'users-db', by: 'Ina', at: 2 },
    ]);
    // The indexer writes only to the index: it is cut off; search is lost; the replica takes over for users.
    expect(expected.status).toEqual({ search: 'failed', 'users-db': 'failed', indexer: 'cut' });

    // The candidate's canvas greys exactly what the drill cuts off, and the list says what follows.
    await expect.poll(() => drillShown(cato)).toEqual(expected.status);
    await expect
      .poll(() => cato.locator('[data-testid=drill-banner]').textContent())
      .toBe('Failure drill: Search index and Users are down');
    expect(await listed(cato, 'drill-failed')).toEqual(['Search index', 'Users']);
    expect(await listed(cato, 'drill-requirements')).toEqual(['Search tweets']);
    expect(await listed(cato, 'drill-clients')).toEqual(['Mobile part of it', 'Web part of it']);
    expect(await listed(cato, 'drill-survivors')).toEqual(['Users: Users replica takes over']);
    expect(await cato.locator('[data-testid=drill-panel]').textContent()).toContain('Run by the interviewer (Ina)');
    // ...and the candidate can neither restore, end nor keep it.
    expect(
      await cato.locator('[data-testid^=drill-restore], [data-testid=drill-end], [data-testid=drill-keep]').count(),
    ).toBe(0);
    await ina.screenshot({ path: join(tmpdir(), 'archboard-drill-interviewer-light.png') });
    await cato.screenshot({ path: join(tmpdir(), 'archboard-drill-candidate-dark.png') });

    // Restore one: the other stays down on both screens; then end the drill.
    await ina.click('[data-testid=drill-restore-search]');
    await expect.poll(() => listed(cato, 'drill-failed')).toEqual(['Users']);
    await expect.poll(() => drillShown(cato)).toEqual(liveDrill(design, [{ id: 'users-db', by: 'Ina', at: 2 }]).status);
    await ina.click('[data-testid=drill-end]');
    await expect.poll(() => cato.locator('[data-testid=drill-panel]').count()).toBe(0);
    await expect.poll(() => drillShown(cato)).toEqual({});
    expect(await drillShown(ina)).toEqual({});

    // The board's document never changed: an edit the interviewer makes after the drill arrives
    // on the same socket after anything the drill could have written, and it is the only change.
    await ina.fill('.ab-title', 'Drill test, after');
    await expect.poll(() => seed.board().title).toBe('Drill test, after');
    expect({ ...seed.board(), title: before.title }).toEqual(before);
  });

  it('fails a region group with everything in it, and a drill kept goes into the report', async () => {
    const { links } = await createBoard(suite.server.url, { title: 'Region drill' });
    const seed = suite.closeAfter(await connectDocClient(suite.server.url, links.interviewer));
    const design = parseBoardJson(
      JSON.stringify({
        format: 'archboard/v1',
        title: 'Two regions',
        requirements: { functional: ['Shorten a link'] },
        blocks: [
          { id: 'client', kind: 'client', label: 'Users', x: 380, y: 0 },
          { id: 'dns', kind: 'dns', label: 'DNS', x: 380, y: 120 },
          { id: 'east', kind: 'group', label: 'us-east', x: 0, y: 240, width: 420, height: 400 },
          { id: 'west', kind: 'group', label: 'eu-west', x: 480, y: 240, width: 420, height: 400 },
          { id: 'lbA', kind: 'load-balancer', label: 'LB', parent: 'east', x: 120, y: 40 },
          { id: 'appA', kind: 'service', label: 'Links API', parent: 'east', x: 120, y: 160 },
          { id: 'dbA', kind: 'nosql-db', label: 'Links', parent: 'east', x: 120, y: 280 },
          { id: 'lbB', kind: 'load-balancer', label: 'LB', parent: 'west', x: 120, y: 40 },
          { id: 'appB', kind: 'service', label: 'Links API', parent: 'west', x: 120, y: 160 },
          { id: 'dbB', kind: 'nosql-db', label: 'Links', parent: 'west', x: 120, y: 280 },
        ],
        links: [
          { id: 'l1', from: 'client', to: 'dns' },
          { id: 'l2', from: 'dns', to: 'lbA' },
          { id: 'l3', from: 'dns', to: 'lbB' },
          { id: 'l4', from: 'lbA', to: 'appA' },
          { id: 'l5', from: 'appA', to: 'dbA' },
          { id: 'l6', from: 'lbB', to: 'appB' },
          { id: 'l7', from: 'appB', to: 'dbB' },
          { id: 'l8', from: 'dbA', to: 'dbB', protocol: 'replication' },
        ],
      }),
    );
    boardToDoc(design, seed.doc);
    const ina = await openAs(links.interviewer, 'Ina', 'dark');
    const cato = await openAs(links.candidate, 'Cato', 'light');
    for (const page of [ina, cato])
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(design.blocks.length);

    await ina.click('.ab-group__label:has-text("us-east")');
    await ina.waitForSelector('[data-props-for="east"]');
    await expect
      .poll(async () => (await ina.locator('[data-testid=drill-fail]').textContent())?.trim())
      .toBe('Fail this group (drill)');
    await ina.click('[data-testid=drill-fail]');
    await expect.poll(() => drillShown(cato)).toEqual({ east: 'failed', lbA: 'failed', appA: 'failed', dbA: 'failed' });
    expect(await listed(cato, 'drill-clients')).toEqual(['None']);
    expect(await listed(cato, 'drill-requirements')).toEqual(['None']);
    expect(await listed(cato, 'drill-survivors')).toEqual([
      'Links API (us-east): Links API (eu-west) takes over',
      'Links (us-east): Links (eu-west) takes over',
      'LB (us-east): LB (eu-west) takes over',
    ]);
    await ina.screenshot({ path: join(tmpdir(), 'archboard-drill-region-dark.png') });
    await cato.screenshot({ path: join(tmpdir(), 'archboard-drill-region-light.png') });

    // Kept: the candidate sees that it is, and ending it puts it in the report.
    await ina.check('[data-testid=drill-keep]');
    await expect.poll(() => cato.locator('[data-testid=drill-panel]').textContent()).toContain('keeps this drill');
    await ina.click('[data-testid=drill-end]');
    await expect.poll(() => drillShown(cato)).toEqual({});
    await ina.click('[data-testid=export-menu]');
    const [download] = await Promise.all([ina.waitForEvent('download'), ina.click('[data-testid=export-report]')]);
    const report = readReportZip(await download.path()).markdown;
    expect(report).toContain('## Failure drills');
    expect(report).toContain('Drill 1: us-east down');
    expect(report).toContain('Links (us-east): Links (eu-west) takes over');
  });
});
