/**
 * Requirements and the linter in two browser contexts: the candidate sets a
 * requirement, both see the same findings live; a quick fix is one click and
 * one undo step; the interviewer decides whether the candidate sees findings.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useServerAndBrowser } from '../helpers/browser-suite';
import { connectDocClient } from '../helpers/doc-client';
import { createBoard } from '../helpers/sync-clients';
import { MOD, openBoard } from '../helpers/board-page';
import { boardToDoc } from '../../src/doc/board-doc';
import { parseBoardJson } from '../../src/board/format';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const suite = useServerAndBrowser();

async function findingRules(page: Page): Promise<string[]> {
  return (await page.locator('.ab-finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')!))).sort();
}

describe('requirements and findings, live for everyone', () => {
  it('shows the same findings in two contexts, applies a quick fix and undoes it', async () => {
    const { links } = await createBoard(suite.server.url, { title: 'Lint test' });
    // Start from the draft of the examples, written by a third client.
    const seed = suite.closeAfter(await connectDocClient(suite.server.url, links.interviewer));
    boardToDoc(
      parseBoardJson(readFileSync(join(__dirname, '../../examples/url-shortener-draft.json'), 'utf8')),
      seed.doc,
    );
    // The server holds the draft before anyone opens the board: a second client sees it.
    const check = suite.closeAfter(await connectDocClient(suite.server.url, links.interviewer));
    await expect.poll(() => check.board().blocks.length).toBe(seed.board().blocks.length);

    const interviewer = await openBoard(
      await suite.newContext({ viewport: { width: 1400, height: 900 } }),
      suite.server.url,
      links.interviewer,
      'Ina',
    );
    const candidate = await openBoard(
      await suite.newContext({ viewport: { width: 1400, height: 900 } }),
      suite.server.url,
      links.candidate,
      'Cato',
    );
    for (const page of [interviewer, candidate]) await page.click('.ab-tab:has-text("Findings")');

    // Hidden from the candidate until the interviewer shows them.
    await expect.poll(() => candidate.locator('[data-testid=findings-hidden]').count()).toBe(1);
    await expect.poll(() => candidate.locator('[data-finding-badge]').count()).toBe(0);
    await interviewer.click('[data-testid=show-findings-to-candidate]');
    await expect.poll(() => candidate.locator('[data-testid=findings-hidden]').count()).toBe(0);
    await expect.poll(() => candidate.locator('[data-finding-badge]').count()).toBeGreaterThan(0);

    // The candidate declares search as a requirement: both see missing-search.
    await candidate.click('.ab-tab:has-text("Requirements")');
    await candidate.check('input[name=feature-search]');
    await expect.poll(() => seed.board().requirements?.features?.search).toBe(true);
    await candidate.click('.ab-tab:has-text("Findings")');
    await expect.poll(() => findingRules(interviewer)).toContain('missing-search');
    await expect.poll(() => findingRules(candidate)).toEqual(await findingRules(interviewer));

    // One click on the fix adds a search index; both lose the finding.
    const blocksBefore = seed.board().blocks.length;
    await candidate.locator('.ab-finding[data-rule=missing-search] [data-fix]').first().click();
    await expect.poll(() => seed.board().blocks.some((b) => b.kind === 'search')).toBe(true);
    await expect.poll(() => findingRules(interviewer)).not.toContain('missing-search');
    await expect.poll(() => findingRules(candidate)).not.toContain('missing-search');

    // One undo step takes the whole fix back.
    await candidate.keyboard.press(`${MOD}+Z`);
    await expect.poll(() => seed.board().blocks.length).toBe(blocksBefore);
    await expect.poll(() => findingRules(interviewer)).toContain('missing-search');
  });

  it('updates the estimate as the scale is typed, in human units', async () => {
    const { links } = await createBoard(suite.server.url, { title: 'Estimate test' });
    const page = await openBoard(await suite.newContext(), suite.server.url, links.interviewer);
    await page.click('.ab-tab:has-text("Requirements")');
    await page.fill('input[name=dau]', '1M');
    await page.fill('input[name=readsPerUserPerDay]', '10');
    await page.fill('input[name=bytesPerRead]', '11 KB');
    const value = (step: string) => page.locator(`[data-step=${step}] .ab-estimate__value`).textContent();
    await expect.poll(() => value('avg-read-qps')).toBe('116/s');
    await expect.poll(() => value('peak-read-qps')).toBe('347/s');
    await expect.poll(() => value('peak-bandwidth')).toBe('3.82 MB/s');
  });
});
