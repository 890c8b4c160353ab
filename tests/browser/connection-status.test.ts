/**
 * The page tells the person why it is not connected, from what the server
 * answered: a board address that names no board, a link whose token is not
 * valid, and a board that is full (close code 4503) until someone leaves. (The
 * badge's words for every close code are unit-tested in
 * src/sync/connection-status.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from '../helpers/browser-suite';
import { createBoard, openRawSocket, syncUrl } from '../helpers/sync-clients';
import { MAX_CONNECTIONS_PER_ROOM } from '../../src/limits';
import { CLOSE_CODE_TEXTS, CLOSE_ROOM_FULL, REFUSAL_TEXTS } from '../../src/protocol/close-codes';

const suite = useServerAndBrowser();

describe('what the page says when the server refuses it', () => {
  it('a board address that names no board says so; a wrong token says the link is not valid', async () => {
    const page = await (await suite.newContext()).newPage();
    await page.goto(`${suite.server.url}/b/nope#token=abc`);
    await expect.poll(() => page.locator('[role="alert"]').textContent()).toContain(REFUSAL_TEXTS[404].text);

    const { id } = await createBoard(suite.server.url, { title: 'Locked' });
    await page.goto(`${suite.server.url}/b/${id}#token=not-a-token`);
    await page.reload();
    await expect.poll(() => page.locator('[role="alert"]').textContent()).toContain(REFUSAL_TEXTS[401].text);
  });

  it('a full board says "Board full" while it retries, and connects once someone leaves', async () => {
    const { id, links, tokens } = await createBoard(suite.server.url, { title: 'Full' });
    const sockets = [];
    for (let i = 0; i < MAX_CONNECTIONS_PER_ROOM; i++) {
      const raw = await openRawSocket(`${syncUrl(suite.server.url)}/${id}?token=${tokens.observer}`);
      sockets.push(suite.closeAfter({ close: () => raw.socket.terminate(), raw }));
    }
    const page = await (await suite.newContext()).newPage();
    await page.addInitScript(() =>
      localStorage.setItem('archboard:session', JSON.stringify({ state: { userName: 'Ada' }, version: 0 })),
    );
    await page.goto(new URL(links.candidate, suite.server.url).toString());
    // A first visit has no copy of the board in this browser: the page waits, and says why.
    await expect
      .poll(() => page.locator('[role="status"]').first().textContent(), { timeout: 15_000 })
      .toContain(CLOSE_CODE_TEXTS[CLOSE_ROOM_FULL].text);

    sockets[0]!.raw.socket.terminate();
    const badge = page.locator('.ab-status');
    await expect.poll(() => badge.getAttribute('data-status'), { timeout: 15_000 }).toBe('connected');
    expect(await badge.getAttribute('data-close-code')).toBeNull();
  });
});
