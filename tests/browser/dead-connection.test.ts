/**
 * A connection that dies without closing: the page says
 * "reconnecting" within seconds, and the edit made while the network was
 * dead reaches the other participant once it is back. The network is cut by
 * a proxy that stops forwarding, so the socket stays open all along.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { useServerAndBrowser } from '../helpers/browser-suite';
import { createBoard } from '../helpers/sync-clients';
import { addBlockByClick, nodeIds, openBoard } from '../helpers/board-page';
import { startStallingProxy, type StallingProxy } from '../helpers/stalling-proxy';

const suite = useServerAndBrowser();

describe('dead connection', () => {
  let proxy: StallingProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });

  it('shows reconnecting within seconds and delivers the edit made while dead', async () => {
    const { links } = await createBoard(suite.server.url, { title: 'Dead link' });
    proxy = await startStallingProxy(suite.server.port);
    const ada = await openBoard(await suite.newContext(), proxy.url, links.interviewer, 'Ada');
    const bob = await openBoard(await suite.newContext(), suite.server.url, links.candidate, 'Bob');
    await ada.waitForSelector('.ab-status[data-status=connected]');
    await bob.waitForSelector('.ab-status[data-status=connected]');

    proxy.cut();
    const cutAt = Date.now();
    const id = await addBlockByClick(ada, 'cache');
    await ada.waitForSelector('.ab-status[data-status=reconnecting]', { timeout: 10_000 });
    const detectedMs = Date.now() - cutAt;
    await ada.screenshot({ path: '/tmp/archboard-dead-connection.png' });
    expect(await nodeIds(bob)).not.toContain(id);

    proxy.restore();
    await ada.waitForSelector('.ab-status[data-status=connected]', { timeout: 15_000 });
    await expect.poll(() => nodeIds(bob), { timeout: 10_000 }).toContain(id);
    console.log(`[dead-connection] reconnecting shown ${detectedMs} ms after the cut`);
  });
});
