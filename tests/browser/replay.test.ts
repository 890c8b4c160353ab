/**
 * The replay in the browser: a recorded interview (stock clients writing
 * the board and moving the shared timer through its steps) played back and
 * checked at a chapter; evidence pinned at a moment and opened from the
 * interviewer's report; a version restored in one context and seen in the other.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { applyOpsToDoc, blocksOf, sessionOf } from '../../src/doc/board-doc';
import { initialTimer, nextPhase, start, type TimerState } from '../../src/interview/timer';
import { useServerAndBrowser } from '../helpers/browser-suite';
import { connectDocClient, type DocClient } from '../helpers/doc-client';
import { createBoard } from '../helpers/sync-clients';
import { MOD, nodeIds, openBoard } from '../helpers/board-page';
import { readReportZip } from '../helpers/report-zip';
import { parseHistory } from '../../src/sync/history-client';
import { ReplayHistory } from '../../src/sync/replay-history';

const suite = useServerAndBrowser();
const viewport = { width: 1440, height: 900 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Records an interview: the interviewer starts the clock, the candidate draws
 * a block per step while the interviewer moves the timer on. Returns the
 * blocks that exist when each step begins.
 */
async function recordInterview(candidate: DocClient, interviewer: DocClient): Promise<Map<number, string[]>> {
  candidate.provider.awareness.setLocalStateField('user', { name: 'Cal', color: '#2563eb', role: 'candidate' });
  interviewer.provider.awareness.setLocalStateField('user', { name: 'Ina', color: '#e11d48', role: 'interviewer' });
  await sleep(200);
  let timer: TimerState = start(initialTimer(45), Date.now());
  const drawn: string[] = [];
  const atStep = new Map<number, string[]>();
  const kinds = ['client', 'load-balancer', 'service', 'sql-db', 'cache'];
  for (let step = 0; step < kinds.length; step++) {
    if (step > 0) timer = nextPhase(timer, Date.now());
    interviewer.doc.transact(() => sessionOf(interviewer.doc).set('timer', timer));
    atStep.set(step, [...drawn]);
    await sleep(300);
    const id = `step${step}`;
    candidate.doc.transact(() =>
      applyOpsToDoc(candidate.doc, [{ op: 'add-block', block: { id, kind: kinds[step]!, x: step * 220, y: 0 } }]),
    );
    drawn.push(id);
    await sleep(300);
  }
  await expect.poll(() => [...blocksOf(interviewer.doc).keys()].length).toBe(kinds.length);
  return atStep;
}

async function replayNodeIds(page: Page): Promise<string[]> {
  return (
    await page.locator('.ab-replay .react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!))
  ).sort();
}

async function newContext(name: string): Promise<BrowserContext> {
  const context = await suite.newContext({ viewport, acceptDownloads: true });
  await context.addInitScript(
    (userName) => localStorage.setItem('archboard:session', JSON.stringify({ state: { userName }, version: 0 })),
    name,
  );
  return context;
}

describe('replay', () => {
  it('plays a recorded interview, shows the board at a chapter, pins evidence and opens it from the report', async () => {
    const board = await createBoard(suite.server.url, { title: 'Replay me' });
    const candidate = suite.closeAfter(await connectDocClient(suite.server.url, board.links.candidate));
    const interviewer = suite.closeAfter(await connectDocClient(suite.server.url, board.links.interviewer));
    const atStep = await recordInterview(candidate, interviewer);
    candidate.close();
    interviewer.close();

    const context = await newContext('Ina');
    const page = await openBoard(context, suite.server.url, board.links.interviewer, 'Ina');
    await page.click('[data-testid=replay-button]');
    await page.waitForSelector('[data-testid=replay-timeline]');
    // The chapters are the steps the timer went through.
    await expect.poll(() => page.locator('.ab-timeline__chapter').count()).toBe(5);

    // At the start of high-level design (step 4) the candidate had drawn three blocks.
    await page.click('[data-testid=replay-chapter-high-level-design]');
    await expect.poll(() => replayNodeIds(page)).toEqual(atStep.get(3)!.sort());
    await page.screenshot({ path: join(tmpdir(), 'archboard-replay-chapter.png') });

    // Played from the start at 16×, it ends with the whole board; the live board never changed.
    await page.locator('[data-testid=replay-scrubber]').focus();
    await page.keyboard.press('Home');
    await expect.poll(() => replayNodeIds(page)).toEqual([]);
    await page.click('.ab-timeline__speeds button:has-text("16×")');
    await page.click('[data-testid=replay-play]');
    await expect
      .poll(() => replayNodeIds(page), { timeout: 15_000 })
      .toEqual(['step0', 'step1', 'step2', 'step3', 'step4']);
    await expect.poll(() => page.locator('[data-testid=replay-play]').textContent()).toContain('Play');
    // Arrow keys step from edit to edit: one step back removes the last block drawn.
    await page.locator('[data-testid=replay-scrubber]').focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => replayNodeIds(page)).toEqual(['step0', 'step1', 'step2', 'step3']);

    // Who drew this: the blocks carry their author's color, with a legend.
    await page.click('[data-testid=replay-tint]');
    await expect.poll(() => page.locator('[data-testid=replay-legend]').textContent()).toContain('Cal');

    // Evidence at the chapter of the database.
    await page.click('[data-testid=replay-chapter-high-level-design]');
    const clock = await page.locator('[data-testid=replay-clock]').textContent();
    await page.click('.ab-replay .ab-tab:has-text("Evidence")');
    // The blocks were drawn without labels: the pin names its block by the kind, never by its id.
    await page.click('.ab-replay .react-flow__node[data-id="step0"]');
    await page.fill('[data-testid=pin-note]', 'drew one DB for 10K writes/s');
    await page.click('[data-testid=pin-save]');
    await expect.poll(() => page.locator('[data-testid=pin]').count()).toBe(1);
    const pinned = await page.locator('[data-testid=pin]').textContent();
    expect(pinned).toContain('Client');
    expect(pinned).not.toContain('step0');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid=replay]').count()).toBe(0);
    expect((await nodeIds(page)).sort()).toEqual(['step0', 'step1', 'step2', 'step3', 'step4']);

    // The interviewer's report lists the pin with its time; its link opens the replay there.
    await page.click('[data-testid=export-menu]');
    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=export-report-interviewer]'),
    ]);
    const { markdown } = readReportZip(await report.path());
    const pinLine = markdown.split('\n').find((line) => line.includes('drew one DB'));
    expect(pinLine).toContain(clock!.split(' ')[0]!);
    const href = /\(<(http[^>]+)>\)/.exec(pinLine!)?.[1];
    expect(href).toMatch(/#token=.+&replay=\d+$/);

    const fromReport = await context.newPage();
    await fromReport.goto(href!);
    await fromReport.waitForSelector('[data-testid=replay-timeline]');
    await expect.poll(() => replayNodeIds(fromReport)).toEqual(atStep.get(3)!.sort());
    await expect.poll(() => fromReport.locator('[data-testid=pin]').textContent()).toContain('drew one DB');
  });

  it('pins a scorecard note to the current moment from the live board, lists it in the report, opens the replay there', async () => {
    const board = await createBoard(suite.server.url, { title: 'Live pins' });
    const writer = suite.closeAfter(await connectDocClient(suite.server.url, board.links.candidate));
    const add = (id: string, y: number) =>
      writer.doc.transact(() =>
        applyOpsToDoc(writer.doc, [{ op: 'add-block', block: { id, kind: 'sql-db', x: 0, y, label: id } }]),
      );
    const context = await newContext('Ina');
    const page = await openBoard(context, suite.server.url, board.links.interviewer, 'Ina');
    await page.waitForSelector('.ab-status[data-status=connected]');
    await page.click('[data-testid=timer-start]');
    add('one-db', 0);
    await expect.poll(() => nodeIds(page)).toEqual(['one-db']);

    // The interviewer selects the block and pins a note to now, from the scorecard's tab.
    await page.click('.react-flow__node[data-id="one-db"]');
    await page.click('.ab-tab:has-text("Interviewer")');
    await page.fill('[data-testid=live-pin-note]', 'drew one DB for 10K writes/s');
    await page.click('[data-testid=live-pin-save]');
    const pin = page.locator('[data-testid=live-pin]');
    await expect.poll(() => pin.count()).toBe(1);
    expect(await pin.textContent()).toContain('one-db');
    const clock = (await page.locator('[data-testid=live-pin-clock]').textContent())!;
    expect(clock).toMatch(/^\d+:\d\d$/);
    await page.screenshot({ path: join(tmpdir(), 'archboard-live-pin.png') });
    const privateClient = suite.closeAfter(
      await connectDocClient(suite.server.url, board.links.interviewer, `${board.id}/private`),
    );
    await expect.poll(() => privateClient.doc.getMap('pins').size).toBe(1);

    // Later the board moves on: a second database.
    add('second-db', 200);
    await expect.poll(async () => (await nodeIds(page)).sort()).toEqual(['one-db', 'second-db']);

    // The interviewer's report lists the pin with its time and a link to the replay at that moment.
    await page.click('[data-testid=export-menu]');
    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=export-report-interviewer]'),
    ]);
    const { markdown } = readReportZip(await report.path());
    const pinLine = markdown.split('\n').find((line) => line.includes('drew one DB'));
    expect(pinLine).toContain(`**${clock}**, drew one DB for 10K writes/s (one-db)`);
    const href = /\(<(http[^>]+)>\)/.exec(pinLine!)?.[1];
    expect(href).toMatch(/#token=.+&replay=\d+$/);

    // Its button opens the replay at the moment: one database, not two.
    await page.click('[data-testid=live-pin-replay]');
    await page.waitForSelector('[data-testid=replay-timeline]');
    await expect.poll(() => replayNodeIds(page)).toEqual(['one-db']);
    await expect.poll(() => page.locator('[data-testid=pin]').textContent()).toContain('drew one DB');
    await page.keyboard.press('Escape');

    // And so does the report's link, in a new tab.
    const fromReport = await context.newPage();
    await fromReport.goto(href!);
    await fromReport.waitForSelector('[data-testid=replay-timeline]');
    await expect.poll(() => replayNodeIds(fromReport)).toEqual(['one-db']);
    writer.close();
  });

  it('copies any moment as a new board equal to the board then, leaving the original as it is', async () => {
    const board = await createBoard(suite.server.url, { title: 'Copy me' });
    const candidate = suite.closeAfter(await connectDocClient(suite.server.url, board.links.candidate));
    const interviewer = suite.closeAfter(await connectDocClient(suite.server.url, board.links.interviewer));
    const atStep = await recordInterview(candidate, interviewer);
    candidate.close();
    interviewer.close();
    const original = suite.closeAfter(await connectDocClient(suite.server.url, board.links.interviewer));
    const before = original.board();

    const context = await newContext('Ina');
    const page = await openBoard(context, suite.server.url, board.links.interviewer, 'Ina');
    await page.click('[data-testid=replay-button]');
    await page.waitForSelector('[data-testid=replay-timeline]');
    await page.click('[data-testid=replay-chapter-high-level-design]');
    await expect.poll(() => replayNodeIds(page)).toEqual(atStep.get(3)!.sort());
    const [copyPage] = await Promise.all([
      context.waitForEvent('page'),
      page.click('.ab-replay button:has-text("Copy as a new board")'),
    ]);
    await copyPage.waitForSelector('.react-flow__renderer');
    const copyLink = copyPage.url();
    expect(copyLink).not.toContain(board.id);

    // The board at that moment, read from the history endpoint as an outside tool would.
    const res = await fetch(`${suite.server.url}/api/boards/${board.id}/history`, {
      headers: { Authorization: `Bearer ${board.tokens.interviewer}` },
    });
    const history = new ReplayHistory(parseHistory(await res.json()));
    const moment = history.timeline.chapters.find((c) => c.phaseIndex === 3)!.t;
    const expected = history.boardAt(moment);
    expect(expected.blocks.map((b) => b.id).sort()).toEqual(atStep.get(3)!.sort());

    const copy = suite.closeAfter(await connectDocClient(suite.server.url, copyLink));
    await expect.poll(() => copy.board().blocks.length).toBe(expected.blocks.length);
    const { title: copyTitle, ...copied } = copy.board();
    const { title: _title, ...wanted } = expected;
    expect(copyTitle).toMatch(/^Copy me \(at /);
    expect(copied).toEqual(wanted);

    // The original is as it was: every block, link and field.
    await page.keyboard.press('Escape');
    const after = original.board();
    expect(after).toEqual(before);
    expect(after.blocks.map((b) => b.id).sort()).toEqual(['step0', 'step1', 'step2', 'step3', 'step4']);
  });

  it('restores a version in one context, seen in the other, as one undo step (the candidate’s restore is locked)', async () => {
    const board = await createBoard(suite.server.url, { title: 'Versions' });
    const candidateContext = await newContext('Cal');
    const interviewerContext = await newContext('Ina');
    const cal = await openBoard(candidateContext, suite.server.url, board.links.candidate, 'Cal');
    const ina = await openBoard(interviewerContext, suite.server.url, board.links.interviewer, 'Ina');

    const writer = suite.closeAfter(await connectDocClient(suite.server.url, board.links.candidate));
    const add = (id: string) =>
      writer.doc.transact(() =>
        applyOpsToDoc(writer.doc, [{ op: 'add-block', block: { id, kind: 'service', x: 0, y: id.length * 90 } }]),
      );
    add('api');
    await expect.poll(async () => (await nodeIds(cal)).length).toBe(1);

    // Cal names this moment.
    await cal.click('[data-testid=replay-button]');
    await cal.waitForSelector('[data-testid=replay-timeline]');
    await cal.click('.ab-replay .ab-tab:has-text("Versions")');
    await cal.fill('[data-testid=version-name]', 'after high-level design');
    await cal.click('[data-testid=version-save]');
    await expect.poll(() => cal.locator('[data-testid=version]').textContent()).toContain('after high-level design');
    await cal.keyboard.press('Escape');

    await sleep(50);
    add('cache-tier');
    add('database');
    await expect.poll(async () => (await nodeIds(ina)).length).toBe(3);

    // Ina sees the version too, listed with its author; Cal restores it.
    await ina.click('[data-testid=replay-button]');
    await ina.click('.ab-replay .ab-tab:has-text("Versions")');
    await expect.poll(() => ina.locator('[data-testid=version]').textContent()).toContain('Cal');
    await ina.keyboard.press('Escape');

    // Restoring replaces the whole board: locked for the candidate by default, so the interviewer does it.
    await cal.click('[data-testid=replay-button]');
    await cal.click('.ab-replay .ab-tab:has-text("Versions")');
    await cal.click('[data-testid=version-restore]');
    await expect.poll(() => cal.locator('[data-toast=error]').last().textContent()).toContain('locked');
    expect((await nodeIds(ina)).sort()).toEqual(['api', 'cache-tier', 'database']);
    await cal.keyboard.press('Escape');
    await ina.click('[data-testid=replay-button]');
    await ina.click('.ab-replay .ab-tab:has-text("Versions")');
    await ina.click('[data-testid=version-restore]');
    await expect.poll(() => ina.locator('[data-testid=replay]').count()).toBe(0);
    await expect.poll(async () => (await nodeIds(cal)).sort()).toEqual(['api']);
    await ina.screenshot({ path: join(tmpdir(), 'archboard-replay-restored.png') });

    // One undo step brings the later state back, for everyone.
    await ina.keyboard.press(`${MOD}+z`);
    await expect.poll(async () => (await nodeIds(cal)).sort()).toEqual(['api', 'cache-tier', 'database']);
    writer.close();
  });

  it('exports the diagram replay as a WebM timelapse', async () => {
    const board = await createBoard(suite.server.url, { title: 'Timelapse' });
    const writer = suite.closeAfter(await connectDocClient(suite.server.url, board.links.candidate));
    for (const [i, kind] of ['client', 'service', 'sql-db'].entries()) {
      writer.doc.transact(() =>
        applyOpsToDoc(writer.doc, [{ op: 'add-block', block: { id: `t${i}`, kind, x: i * 220, y: 0 } }]),
      );
      await sleep(400);
    }
    writer.close();
    const context = await newContext('Ina');
    const page = await openBoard(context, suite.server.url, board.links.interviewer, 'Ina');
    await page.click('[data-testid=replay-button]');
    await page.waitForSelector('[data-testid=replay-timeline]');
    await page.click('[data-testid=timelapse-menu]');
    const [video] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.click('.ab-menu__item:has-text("16×")'),
    ]);
    expect(video.suggestedFilename()).toMatch(/\.webm$/);
    const bytes = readFileSync(await video.path());
    // A WebM file starts with the EBML magic number.
    expect([...bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
    expect(bytes.length).toBeGreaterThan(1_000);
  });
});
