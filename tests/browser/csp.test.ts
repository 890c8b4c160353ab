/**
 * The app works under its own Content-Security-Policy: a
 * board from a template loads and syncs, the PNG and SVG exports and the
 * report open, and Chromium reports no CSP violation on the way; a page that
 * frames the app stays empty.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { useServerAndBrowser } from '../helpers/browser-suite';
import { createBoard } from '../helpers/sync-clients';
import { openBoard } from '../helpers/board-page';
import { readReportZip } from '../helpers/report-zip';

const suite = useServerAndBrowser();

/** Collects every CSP violation the context's pages (popups included) report, from the event and the console. */
async function watchViolations(page: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('__reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { __reportCspViolation(t: string): void }).__reportCspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI}`,
      ),
    );
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

describe('content security policy', () => {
  it('lets the board, its exports and its report work, with no violation', async () => {
    const { links } = await createBoard(suite.server.url, { template: 'url-shortener', title: 'CSP check' });
    const context = await suite.newContext({ acceptDownloads: true });
    const violations = await watchViolations(context);
    const board = await openBoard(context, suite.server.url, links.interviewer);
    await board.waitForSelector('.react-flow__node');
    await board.waitForSelector('.ab-status[data-status=connected]');

    for (const format of ['png', 'svg'] as const) {
      await board.click('[data-testid=export-menu]');
      const [download] = await Promise.all([
        board.waitForEvent('download'),
        board.click(`[data-testid=export-${format}]`),
      ]);
      const bytes = readFileSync(await download.path());
      if (format === 'png') {
        expect(bytes.subarray(1, 4).toString()).toBe('PNG');
        expect(bytes.length).toBeGreaterThan(2_000);
      } else {
        // The native SVG: the starter's card as SVG text, no HTML snapshot inside a foreignObject.
        const svg = bytes.toString('utf8');
        expect(svg).toContain('<svg');
        expect(svg).not.toContain('foreignObject');
        expect(svg).toMatch(/<g data-block-id="[^"]+"><rect [^>]+>.*<text [^>]+>[^<]+<\/text>/);
      }
    }

    await board.click('[data-testid=export-menu]');
    const [markdown] = await Promise.all([board.waitForEvent('download'), board.click('[data-testid=export-report]')]);
    const zip = readReportZip(await markdown.path());
    expect(zip.names).toEqual(['diagram.png', 'diagram.svg', 'report.md']);
    expect(zip.markdown).toContain('![The design](diagram.png)');
    expect(Buffer.from(zip.files['diagram.png']!).subarray(1, 4).toString()).toBe('PNG');
    expect(Buffer.from(zip.files['diagram.svg']!).toString('utf8')).toContain('<svg');
    await board.click('[data-testid=export-menu]');
    const [report] = await Promise.all([context.waitForEvent('page'), board.click('[data-testid=print-report]')]);
    await report.waitForLoadState();
    await expect.poll(() => report.locator('h1').count()).toBeGreaterThan(0);
    // The page draws the diagram; it never prints the Mermaid source.
    expect(await report.content()).not.toContain('flowchart');
    const image = report.locator('img').first();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await board.screenshot({ path: '/tmp/archboard-csp-board.png' });
    await report.screenshot({ path: '/tmp/archboard-csp-report.png' });
    expect(violations).toEqual([]);
  });

  it('refuses to be framed by another page', async () => {
    const { links } = await createBoard(suite.server.url);
    const context = await suite.newContext();
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on('console', (message) => blocked.push(message.text()));
    await page.setContent(`<iframe src="${new URL(links.candidate, suite.server.url)}"></iframe>`);
    await expect.poll(() => blocked.some((t) => /frame-ancestors|X-Frame-Options|refused/i.test(t))).toBe(true);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(
      await frame
        ?.locator('.react-flow__renderer')
        .count()
        .catch(() => 0),
    ).toBe(0);
  });
});
