/**
 * The report and the small text defects of the interviewer issue, as a person
 * meets them: the printable page draws the diagram, the Markdown download is a
 * zip with the picture beside it and passes markdownlint, a blank board's
 * placeholders name no particular problem, and a label longer than its limit
 * is counted and said to be cut, never cut in silence.
 */
import { lint as markdownlint } from 'markdownlint/promise';
import { describe, expect, it } from 'vitest';
import { MAX_LABEL_CHARS } from '../../src/limits';
import { useServerAndBrowser } from '../helpers/browser-suite';
import { connectDocClient } from '../helpers/doc-client';
import { createBoard } from '../helpers/sync-clients';
import { addBlockByClick, MOD, openBoard } from '../helpers/board-page';
import { readReportZip } from '../helpers/report-zip';

const suite = useServerAndBrowser();
const viewport = { width: 1400, height: 900 };

describe('the report, clean', () => {
  it('prints the diagram as a picture and downloads a zip whose Markdown passes markdownlint', async () => {
    const board = await createBoard(suite.server.url, { template: 'url-shortener' });
    const context = await suite.newContext({ viewport, acceptDownloads: true });
    const page = await openBoard(context, suite.server.url, board.links.interviewer, 'Ina');
    await page.waitForSelector('.ab-status[data-status=connected]');
    await addBlockByClick(page, 'service');
    await addBlockByClick(page, 'sql-db');

    await page.click('[data-testid=export-menu]');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=export-report-interviewer]'),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    const zip = readReportZip(await download.path());
    expect(zip.names).toEqual(['diagram.png', 'diagram.svg', 'report.md']);
    expect(zip.markdown).toContain('![The design](diagram.png)');
    expect(zip.markdown).not.toContain('base64');
    const result = await markdownlint({ strings: { report: zip.markdown }, config: { default: true, MD013: false } });
    expect(result.report).toEqual([]);

    await page.click('[data-testid=export-menu]');
    const [printable] = await Promise.all([context.waitForEvent('page'), page.click('[data-testid=print-report]')]);
    await printable.waitForLoadState();
    const picture = printable.locator('h2:has-text("Diagram") + figure img');
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
    expect(await printable.locator('code.language-mermaid').count()).toBe(0);
    expect(await printable.content()).not.toContain('flowchart');
    await printable.screenshot({ path: '/tmp/archboard-report-print.png', fullPage: true });
  });

  it('a blank board suggests no particular problem, and a label over its limit is counted, not cut in silence', async () => {
    const board = await createBoard(suite.server.url);
    const context = await suite.newContext({ viewport });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.server.url });
    const page = await openBoard(context, suite.server.url, board.links.interviewer, 'Ina');
    const client = suite.closeAfter(await connectDocClient(suite.server.url, board.links.interviewer));

    await page.click('.ab-tab:has-text("Requirements")');
    const placeholders = await page
      .locator('[data-testid=requirements] [placeholder]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('placeholder') ?? ''));
    expect(placeholders.length).toBeGreaterThan(2);
    await page.click('.ab-tab:has-text("Notes")');
    await page.waitForSelector('[data-testid=notes] .cm-placeholder');
    const notePlaceholders = await page.locator('[data-testid=notes] .cm-placeholder').allTextContents();
    for (const text of [...placeholders, ...notePlaceholders])
      expect(text).not.toMatch(/shorten|url|bit\.ly|long_url/i);

    // A label pasted longer than the limit: the count says it was cut, and to what.
    const id = await addBlockByClick(page, 'service');
    const long = 'x'.repeat(MAX_LABEL_CHARS + 40);
    await page.evaluate((text) => navigator.clipboard.writeText(text), long);
    await page.dblclick(`.react-flow__node[data-id="${id}"] .ab-card__label`);
    await page.waitForSelector(`.react-flow__node[data-id="${id}"] input:focus`);
    await page.keyboard.press(`${MOD}+A`);
    await page.keyboard.press(`${MOD}+V`);
    const count = page.locator(`.react-flow__node[data-id="${id}"] [data-testid=char-count]`);
    await expect.poll(() => count.textContent()).toContain(`${MAX_LABEL_CHARS}/${MAX_LABEL_CHARS}`);
    expect(await count.textContent()).toContain('the paste was cut to fit');
    await page.screenshot({ path: '/tmp/archboard-label-count.png' });
    await page.keyboard.press('Enter');
    await expect.poll(() => client.board().blocks.find((b) => b.id === id)?.label?.length).toBe(MAX_LABEL_CHARS);
    expect(await count.count()).toBe(0);
  });
});
