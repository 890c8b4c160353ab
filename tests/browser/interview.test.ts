/**
 * Interview mode in two browser contexts: a board from a template, the shared
 * timer across a step, a note written by one and read by the other, the
 * interviewer's scorecard, and the exports (report and Mermaid), with the
 * scorecard only in the interviewer's copy.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useServerAndBrowser } from '../helpers/browser-suite';
import { connectDocClient } from '../helpers/doc-client';
import { openBoard } from '../helpers/board-page';
import { readReportZip } from '../helpers/report-zip';

const suite = useServerAndBrowser();

const viewport = { width: 1440, height: 900 };

/** Seconds on a m:ss clock. */
function seconds(clock: string | null): number {
  const m = /(\d+):(\d\d)/.exec(clock ?? '');
  if (!m) throw new Error(`not a clock: ${clock}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

async function download(page: Page, menuItem: string): Promise<string> {
  await page.click('[data-testid=export-menu]');
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${menuItem}]`)]);
  const path = await file.path();
  // The reports download as a zip of report.md, diagram.png and diagram.svg.
  if (file.suggestedFilename().endsWith('.zip')) {
    const zip = readReportZip(path);
    expect(zip.names).toEqual(['diagram.png', 'diagram.svg', 'report.md']);
    return zip.markdown;
  }
  return readFileSync(path, 'utf8');
}

describe('a mock interview', () => {
  it('runs from a template to the report', async () => {
    // The interviewer starts from the gallery.
    const interviewerContext = await suite.newContext({ viewport, acceptDownloads: true });
    await interviewerContext.addInitScript(() =>
      localStorage.setItem('archboard:session', JSON.stringify({ state: { userName: 'Ina' }, version: 0 })),
    );
    const ina = await interviewerContext.newPage();
    await ina.goto(suite.server.url + '/');
    await ina.fill('[data-testid=template-search]', 'shortener');
    await ina.click('[data-testid=use-template-url-shortener]');
    await ina.waitForURL(/\/b\/[^#]+#token=/);
    await ina.waitForSelector('.react-flow__renderer');

    // The prompt came with it; the questions, with their answers, are on the interviewer’s tab.
    await ina.click('.ab-tab:has-text("Requirements")');
    await expect.poll(() => ina.locator('textarea[name=prompt]').inputValue()).toMatch(/URL shortener/i);
    await ina.click('.ab-tab:has-text("Interviewer")');
    await expect.poll(() => ina.locator('[data-testid=template-answers] [data-question]').count()).toBeGreaterThan(3);

    // The candidate joins through the share dialog's link.
    await ina.click('[data-testid=share-button]');
    const candidateLink = await ina.locator('[data-share-link=candidate]').inputValue();
    await ina.keyboard.press('Escape'); // closes the dialog
    await ina.waitForSelector('.ab-modal-backdrop', { state: 'detached' });
    const cato = await openBoard(
      await suite.newContext({ viewport, acceptDownloads: true }),
      suite.server.url,
      candidateLink,
      'Cato',
    );
    expect(await cato.locator('.ab-tab:has-text("Interviewer")').count()).toBe(0);

    // The timer: started by the interviewer, moved to the next step, the same on both screens.
    await ina.click('[data-testid=timer-start]');
    await expect.poll(() => cato.locator('[data-testid=timer]').getAttribute('data-status')).toBe('running');
    await ina.click('[data-testid=timer-next]');
    await expect.poll(() => cato.locator('[data-testid=timer]').getAttribute('data-phase')).toBe('estimation');
    const [a, b] = await Promise.all([
      ina.locator('[data-testid=timer-total-left]').textContent(),
      cato.locator('[data-testid=timer-total-left]').textContent(),
    ]);
    expect(Math.abs(seconds(a) - seconds(b))).toBeLessThanOrEqual(1);
    expect(await cato.locator('[data-testid=timer-start], [data-testid=timer-next]').count()).toBe(0);

    // A note written by the candidate is read by the interviewer.
    await cato.click('.ab-tab:has-text("Notes")');
    const apiEditor = cato.locator('[data-note-editor="API design"] .cm-content');
    await apiEditor.click();
    await cato.keyboard.type('GET /{code} -> 301');
    await ina.click('.ab-tab:has-text("Notes")');
    await expect
      .poll(() => ina.locator('[data-note-editor="API design"] .cm-content').textContent())
      .toContain('GET /{code} -> 301');

    // The interviewer scores privately.
    await ina.click('.ab-tab:has-text("Interviewer")');
    await ina.selectOption('[data-testid=scorecard-level]', 'senior');
    await ina.click('[data-dimension=communication] button:has-text("Exceeds")');
    await ina.click('[data-signal=hire]');
    await ina.fill('textarea[name=note-communication]', 'Evidence-7f3a: checks in after each step');
    const privateClient = suite.closeAfter(
      await connectDocClient(suite.server.url, ina.url(), `${new URL(ina.url()).pathname.split('/')[2]}/private`),
    );
    await expect.poll(() => privateClient.doc.getMap('scorecard').get('overall')).toBe('hire');
    await expect.poll(() => JSON.stringify(privateClient.doc.getMap('scorecard').toJSON())).toContain('Evidence-7f3a');
    // Nothing of it is in the board's document, which the candidate holds.
    const candidateClient = suite.closeAfter(await connectDocClient(suite.server.url, candidateLink));
    const candidateDoc = JSON.stringify(
      Object.fromEntries(
        ['blocks', 'links', 'requirements', 'notes', 'session'].map((k) => [k, candidateClient.doc.getMap(k).toJSON()]),
      ),
    );
    expect(candidateDoc).toContain('GET /{code} -> 301'); // the serialization really holds the doc
    expect(candidateDoc).not.toContain('Evidence-7f3a');
    expect(candidateDoc).not.toMatch(/scorecard/i);

    // Exports: Mermaid text, the candidate's report without the scorecard, the interviewer's with it.
    const mermaid = await download(cato, 'export-mermaid');
    expect(mermaid).toMatch(/^flowchart TD/);
    const candidateReport = await download(cato, 'export-report');
    expect(candidateReport).toContain('# Design a URL shortener');
    expect(candidateReport).toContain('GET /{code} -> 301');
    expect(candidateReport).toContain('![The design](diagram.png)');
    expect(candidateReport).not.toContain('base64');
    expect(candidateReport).not.toMatch(/scorecard/i);
    expect(candidateReport).not.toContain('Exceeds');
    expect(candidateReport).not.toContain('Evidence-7f3a');
    const interviewerReport = await download(ina, 'export-report-interviewer');
    expect(interviewerReport).toMatch(/scorecard/i);
    expect(interviewerReport).toContain('Exceeds');
    expect(interviewerReport).toContain('Hire');
    expect(interviewerReport).toContain('Evidence-7f3a');

    // The printable page opens in a new tab.
    await ina.click('[data-testid=export-menu]');
    const [printable] = await Promise.all([
      interviewerContext.waitForEvent('page'),
      ina.click('[data-testid=print-report]'),
    ]);
    await printable.waitForLoadState();
    expect(await printable.locator('h1').first().textContent()).toContain('URL shortener');
  });
});
