/**
 * Two people on one board, in two Chromium contexts against the real server:
 * edits and cursors cross at once, each person's undo leaves the other's edits
 * alone, an observer cannot edit, and edits made offline merge on reconnect.
 */
import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { startServerProcess } from '../helpers/server';
import { useServerAndBrowser } from '../helpers/browser-suite';
import { connectDocClient, type DocClient } from '../helpers/doc-client';
import { createBoard } from '../helpers/sync-clients';
import { addBlockByClick, connect, dragBlock, MOD, nodeIds, openBoard } from '../helpers/board-page';

const suite = useServerAndBrowser();

/** Waits until `client` sees a presence change from `name`'s connection, caused by `act`. */
async function cursorSeen(client: DocClient, name: string, act: () => Promise<void>): Promise<void> {
  const awareness = client.provider.awareness;
  const idOf = () =>
    [...awareness.getStates()].find(([, state]) => (state.user as { name?: unknown } | undefined)?.name === name)?.[0];
  await expect.poll(idOf).toBeDefined();
  const id = idOf()!;
  let changed = false;
  const onChange = ({ updated }: { updated: number[] }) => (changed ||= updated.includes(id));
  awareness.on('change', onChange);
  try {
    await act();
    await expect.poll(() => changed).toBe(true);
  } finally {
    awareness.off('change', onChange);
  }
}

const viewport = { width: 1400, height: 900 };

describe('two people on one board', () => {
  it('sees the other’s blocks and cursor at once, and undoes only their own edits', async () => {
    const { links } = await createBoard(suite.server.url, { title: 'Pair' });
    const ada = await openBoard(await suite.newContext({ viewport }), suite.server.url, links.interviewer, 'Ada');
    const bob = await openBoard(await suite.newContext({ viewport }), suite.server.url, links.candidate, 'Bob');

    // A block added by one appears in the other (the poll's own timeout is 1 s).
    const fromAda = await addBlockByClick(ada, 'service');
    await expect.poll(() => nodeIds(bob), { timeout: 1_000 }).toContain(fromAda);

    // Each sees the other in the list of people, with their role.
    await expect.poll(() => ada.locator('[data-peer="Bob"]').getAttribute('aria-label')).toBe('Bob (Candidate)');

    // Ada's cursor shows on Bob's screen, labelled with her name.
    const canvas = (await ada.locator('.ab-canvas').boundingBox())!;
    await ada.mouse.move(canvas.x + 300, canvas.y + 200);
    await ada.mouse.move(canvas.x + 320, canvas.y + 220);
    await expect.poll(() => bob.locator('[data-cursor-of="Ada"]').count()).toBe(1);

    // Ada's selection is outlined on Bob's screen.
    await ada.click(`.react-flow__node[data-id="${fromAda}"]`);
    await expect
      .poll(() => bob.locator(`.react-flow__node[data-id="${fromAda}"] .ab-remote-selection`).count())
      .toBe(1);

    // Bob adds a block; Ada undoes: only her own block goes.
    const fromBob = await addBlockByClick(bob, 'cache');
    await expect.poll(() => nodeIds(ada)).toContain(fromBob);
    await ada.keyboard.press(`${MOD}+Z`);
    await expect.poll(() => nodeIds(bob)).not.toContain(fromAda);
    expect(await nodeIds(bob)).toContain(fromBob);
    expect(await nodeIds(ada)).toEqual([fromBob]);

    // Bob's undo takes back his own edit.
    await bob.keyboard.press(`${MOD}+Z`);
    await expect.poll(() => nodeIds(ada)).toEqual([]);
  });

  it('follows another person’s view', async () => {
    const { links } = await createBoard(suite.server.url);
    const ada = await openBoard(await suite.newContext({ viewport }), suite.server.url, links.interviewer, 'Ada');
    const bob = await openBoard(await suite.newContext({ viewport }), suite.server.url, links.candidate, 'Bob');
    await addBlockByClick(ada, 'service');
    const transform = (page: typeof ada) =>
      page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
    await bob.click('[data-peer="Ada"]');
    // Ada zooms in and pans; Bob's view follows to the same zoom.
    await ada.keyboard.press('+');
    await ada.keyboard.press('+');
    const canvas = (await ada.locator('.ab-canvas').boundingBox())!;
    await ada.mouse.move(canvas.x + 400, canvas.y + 300);
    await ada.mouse.wheel(200, 120);
    const zoomOf = (t: string) => Number(/scale\(([\d.]+)\)/.exec(t)?.[1]);
    await expect
      .poll(async () => Math.abs(zoomOf(await transform(bob)) - zoomOf(await transform(ada))), { timeout: 5_000 })
      .toBeLessThan(0.01);
    expect(await bob.locator('[data-peer="Ada"].is-followed').count()).toBe(1);
    // Bob's own pan ends the follow.
    const bobCanvas = (await bob.locator('.ab-canvas').boundingBox())!;
    await bob.mouse.move(bobCanvas.x + 300, bobCanvas.y + 300);
    await bob.mouse.wheel(-150, 0);
    await expect.poll(() => bob.locator('[data-peer="Ada"].is-followed').count()).toBe(0);
  });

  it('keeps a block someone is dragging under their pointer while others edit', async () => {
    const { links } = await createBoard(suite.server.url);
    const ada = await openBoard(await suite.newContext({ viewport }), suite.server.url, links.interviewer, 'Ada');
    const client = suite.closeAfter(await connectDocClient(suite.server.url, links.interviewer));
    const id = await addBlockByClick(ada, 'service');
    await expect.poll(() => client.board().blocks).toHaveLength(1);
    const box = (await ada.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!;
    await ada.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await ada.mouse.down();
    await ada.mouse.move(box.x + box.width / 2 + 150, box.y + box.height / 2 + 100, { steps: 8 });
    // Someone else moves the same block while Ada holds it.
    client.doc.transact(() => {
      const map = client.doc.getMap<Y.Map<unknown>>('blocks').get(id)!;
      map.set('x', -2000);
      map.set('label', 'Renamed meanwhile');
    });
    await expect
      .poll(() => ada.locator(`.react-flow__node[data-id="${id}"] .ab-card__label`).textContent())
      .toBe('Renamed meanwhile');
    const held = (await ada.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!;
    expect(Math.abs(held.x - (box.x + 150))).toBeLessThan(40);
    await ada.mouse.up();
    // When the drag ends, Ada's position wins: it was the last write.
    await expect.poll(() => client.board().blocks[0]!.x).toBeGreaterThan(-2000);
  });

  it('lets an observer watch but not edit', async () => {
    const { links } = await createBoard(suite.server.url, { title: 'Watched' });
    const client = suite.closeAfter(await connectDocClient(suite.server.url, links.interviewer));
    const ada = await openBoard(await suite.newContext({ viewport }), suite.server.url, links.interviewer, 'Ada');
    const olga = await openBoard(await suite.newContext({ viewport }), suite.server.url, links.observer, 'Olga');
    const id = await addBlockByClick(ada, 'queue');
    const worker = await addBlockByClick(ada, 'worker');
    await connect(ada, id, worker);
    await expect.poll(() => nodeIds(olga)).toContain(worker);
    // The observer sees the links too.
    await expect.poll(() => olga.locator('.react-flow__edge').count()).toBe(1);
    // No palette, and the handles are there only to anchor links: nothing connects from them.
    expect(await olga.locator('.ab-palette').count()).toBe(0);
    expect(await olga.locator(`.react-flow__node[data-id="${id}"] .react-flow__handle.connectable`).count()).toBe(0);
    await olga.click(`.react-flow__node[data-id="${id}"]`);
    await olga.keyboard.press('Delete');
    await dragBlock(olga, id, 200, 100);
    await olga.keyboard.press(`${MOD}+D`);
    // Positive signal first: the server handles one connection's messages in
    // order, so once Olga's next cursor position reaches the client, whatever
    // she sent before it has been processed (and, for an observer, dropped).
    await cursorSeen(client, 'Olga', () => olga.mouse.move(321, 234));
    expect(
      client
        .board()
        .blocks.map((b) => b.id)
        .sort(),
    ).toEqual([id, worker].sort());
    expect(client.board().links).toHaveLength(1);
    // The properties are there to read, not to change.
    await olga.click(`.react-flow__node[data-id="${id}"]`);
    expect(await olga.locator('.ab-props input[name=label]').getAttribute('readonly')).not.toBeNull();
  });

  it('keeps edits made while the server is away and merges them on reconnect', async () => {
    const own = await startServerProcess();
    suite.closeAfter({ close: () => own.kill() });
    const { links } = await createBoard(own.url);
    const ada = await openBoard(await suite.newContext({ viewport }), own.url, links.interviewer, 'Ada');
    const first = await addBlockByClick(ada, 'client');
    await expect.poll(() => ada.locator('.ab-status').getAttribute('data-status')).toBe('connected');

    await own.stop();
    await expect
      .poll(() => ada.locator('.ab-status').getAttribute('data-status'), { timeout: 15_000 })
      .not.toBe('connected');
    const offline = await addBlockByClick(ada, 'sql-db');

    // The server comes back on the same port and data; the page reconnects by itself.
    const again = await startServerProcess({ dataDir: own.dataDir, port: own.port });
    suite.closeAfter({ close: () => again.kill() });
    await expect
      .poll(() => ada.locator('.ab-status').getAttribute('data-status'), { timeout: 20_000 })
      .toBe('connected');
    const client = suite.closeAfter(await connectDocClient(again.url, links.interviewer));
    await expect
      .poll(() =>
        client
          .board()
          .blocks.map((b) => b.id)
          .sort(),
      )
      .toEqual([first, offline].sort());
    await again.stop();
  });
});
