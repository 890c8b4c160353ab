/**
 * One participant writes values of the wrong type into the board and into
 * presence; the others' pages keep working: the canvas and
 * the panels stay up, the rest of the board stays visible, they can still
 * edit, and so after a reload. The hostile participant is a raw Yjs client on
 * a candidate's link. The server refuses what it can tell cheaply (a block's
 * label that is not text, a name that is not text); everything else reaches
 * the pages, whose board store and presence reader must cope.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useServerAndBrowser } from '../helpers/browser-suite';
import { connectDocClient, type DocClient } from '../helpers/doc-client';
import { createBoard } from '../helpers/sync-clients';
import { addBlockByClick, nodeIds, openBoard } from '../helpers/board-page';
import { applyOpsToDoc, blocksOf, notesOf, requirementsOf, settingsOf } from '../../src/doc/board-doc';
import { CLOSE_WRONG_FIELD_TYPE } from '../../src/protocol/close-codes';

const suite = useServerAndBrowser();
const viewport = { width: 1400, height: 900 };

/** The close codes a doc client's connection ends with. */
function closeCodes(client: DocClient): number[] {
  const codes: number[] = [];
  client.provider.on('connection-close', (event) => event && codes.push(event.code));
  return codes;
}

/** The page shows the board: canvas and side panel drawn, no part failed, the good blocks there. */
async function expectWorking(page: Page, ids: string[]): Promise<void> {
  await page.waitForSelector('.react-flow__renderer');
  await page.waitForSelector('.ab-side');
  for (const id of ids) await page.waitForSelector(`.react-flow__node[data-id="${id}"]`);
  expect(await page.locator('[data-testid="part-error"]').count()).toBe(0);
}

/** The page's console warnings and errors, as they come. */
function watchConsole(page: Page): string[] {
  const lines: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') lines.push(message.text());
  });
  return lines;
}

/** Opens each side panel tab in turn; none may fail to draw. */
async function visitPanels(page: Page): Promise<void> {
  const tabs = page.locator('.ab-tabs [role="tab"]');
  const count = await tabs.count();
  expect(count).toBeGreaterThanOrEqual(4);
  for (let i = 0; i < count; i++) {
    await tabs.nth(i).click();
    await expect.poll(() => tabs.nth(i).getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('[data-testid="part-error"]').count()).toBe(0);
  }
}

describe('a participant writing values of the wrong type', () => {
  it('leaves the other pages working, also after a reload', async () => {
    const { links } = await createBoard(suite.server.url, { title: 'Trust' });
    const honest = suite.closeAfter(await connectDocClient(suite.server.url, links.interviewer));
    honest.doc.transact(() =>
      applyOpsToDoc(honest.doc, [
        { op: 'add-block', block: { id: 'api', kind: 'service', x: 0, y: 0, label: 'API' } },
        { op: 'add-block', block: { id: 'db', kind: 'sql-db', x: 300, y: 0, label: 'Orders DB' } },
        { op: 'add-block', block: { id: 'ink', kind: 'sketch', x: 0, y: 200, points: [0, 0, 40, 40] } },
        { op: 'add-block', block: { id: 'box', kind: 'shape', x: 300, y: 200, width: 80, height: 60 } },
        { op: 'add-link', link: { id: 'l1', from: 'api', to: 'db' } },
      ]),
    );
    notesOf(honest.doc).get('api')?.insert(0, 'POST /orders');

    const pages = [
      await openBoard(await suite.newContext({ viewport }), suite.server.url, links.interviewer, 'Ada'),
      await openBoard(await suite.newContext({ viewport }), suite.server.url, links.candidate, 'Bob'),
    ];
    for (const page of pages) await expectWorking(page, ['api', 'db']);
    const consoles = pages.map(watchConsole);

    // A label that is an object: the server refuses the update and closes the sender.
    const labeller = suite.closeAfter(await connectDocClient(suite.server.url, links.candidate));
    const labellerCodes = closeCodes(labeller);
    blocksOf(labeller.doc).get('api')!.set('label', { evil: true });
    await expect.poll(() => labellerCodes).toContain(CLOSE_WRONG_FIELD_TYPE);

    // Values the server does not check reach the pages.
    const mallory = suite.closeAfter(await connectDocClient(suite.server.url, links.candidate));
    const malloryCodes = closeCodes(mallory);
    mallory.doc.transact(() => {
      const blocks = blocksOf(mallory.doc);
      blocks.get('ink')!.set('points', { evil: true });
      blocks.get('ink')!.set('pressures', 'evil');
      blocks.get('box')!.set('shape', { evil: true });
      blocks.get('api')!.set('tags', { evil: true });
      // Groups that hold each other, and a parent that does not exist.
      blocks.get('ink')!.set('parent', 'box');
      blocks.get('box')!.set('parent', 'ink');
      blocks.get('db')!.set('parent', 'nowhere');
      const odd = new Y.Map<unknown>();
      blocks.set('odd', odd);
      odd.set('id', 'odd');
      odd.set('kind', 'evil');
      requirementsOf(mallory.doc).set('prompt', { evil: true });
      requirementsOf(mallory.doc).set('scale', 'evil');
      settingsOf(mallory.doc).set('title', { evil: true });
      settingsOf(mallory.doc).set('disabledRules', { evil: true });
      notesOf(mallory.doc).set('api', 42 as unknown as Y.Text);
      notesOf(mallory.doc).set('evil', { evil: true } as unknown as Y.Text);
    });
    // Presence with a name that is a number, and junk in every other field.
    mallory.provider.awareness.setLocalState({
      user: { name: 42, color: { evil: true }, role: 'interviewer' },
      pointer: { x: 'evil', y: {} },
      selection: { evil: true },
      viewport: 'evil',
      laser: [1, 2],
      cursor: { anchor: { evil: true }, head: 7 },
    });
    // The pages saw the presence (its name replaced by the role's) and the block write (the link from api).
    for (const page of pages) {
      await expect.poll(() => page.locator('[data-peer="Candidate"]').count()).toBeGreaterThan(0);
      await expect.poll(() => honest.doc.getMap('blocks').get('api') instanceof Y.Map).toBe(true);
    }
    await expect.poll(() => (blocksOf(honest.doc).get('box')?.get('parent') as string | undefined) ?? '').toBe('ink');
    expect(malloryCodes).toEqual([]);

    for (const [round, reload] of [
      [0, false],
      [1, true],
    ] as const) {
      for (const [i, page] of pages.entries()) {
        if (reload) {
          consoles[i]!.length = 0;
          await page.reload();
          await page.waitForSelector('.react-flow__renderer');
        }
        await expectWorking(page, ['api', 'db', 'ink', 'box']);
        await visitPanels(page);
        // The bad values arrived and were each reported as ignored, and nothing downstream choked on them.
        const lines = consoles[i]!;
        for (const field of [
          'block ink.points',
          'block ink.pressures',
          'block box.shape',
          'block box.parent',
          'block db.parent',
          'block odd.kind',
          'requirements.prompt',
          'settings.title',
          // On a reload the page repairs the board's skeleton (a note topic that is no text becomes an empty text).
          ...(reload ? [] : ['notes.api']),
        ])
          await expect
            .poll(() => lines.some((line) => line.includes(`ignored a bad value in the shared board: ${field}`)), {
              message: `${field} reported on page ${i}${reload ? ' after a reload' : ''}`,
            })
            .toBe(true);
        await expect
          .poll(() => lines.some((line) => line.includes('bad presence value') && line.includes('cursor')))
          .toBe(true);
        expect(lines.filter((line) => /crashed|not found|failed to draw|Uncaught/i.test(line))).toEqual([]);
        // The refused label never arrived; the others' names and blocks are there.
        await expect
          .poll(() => page.locator('.react-flow__node[data-id="api"] .ab-card__label').textContent())
          .toBe('API');
        // And they can still edit.
        const id = await addBlockByClick(page, 'cache');
        await expect.poll(() => honest.board().blocks.some((b) => b.id === id)).toBe(true);
        for (const other of pages) await expect.poll(() => nodeIds(other)).toContain(id);
        console.log(`[hostile-values] page ${i} ${round === 0 ? 'live' : 'after reload'}: still working`);
      }
    }
  });
});
