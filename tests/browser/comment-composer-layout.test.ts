/**
 * The comment composer at the desktop widths the app supports: its hint
 * ("Type @ to mention someone · Ctrl+Enter to send") sits on one line beside the
 * buttons, or across the composer above them, never in a narrow column of four.
 */
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from '../helpers/browser-suite';
import { addBlockByClick, openBoard } from '../helpers/board-page';
import { createBoard } from '../helpers/sync-clients';

const suite = useServerAndBrowser();

describe('the comment composer', () => {
  it.each([1024, 1280])('keeps its hint readable at %i px, private comment included', async (width) => {
    const { links } = await createBoard(suite.server.url, { title: 'Composer' });
    const viewport = { width, height: 800 };
    const ina = await openBoard(await suite.newContext({ viewport }), suite.server.url, links.interviewer, 'Ina');
    const cato = await openBoard(await suite.newContext({ viewport }), suite.server.url, links.candidate, 'Cato');
    await expect.poll(() => ina.locator('[data-peer="Cato"]').count()).toBe(1);
    await addBlockByClick(ina, 'service');
    await ina.click('[data-testid=comment-selection]');
    await ina.check('[data-testid=comment-private]');
    const hint = ina.locator('[data-testid=comment-new] .ab-comment-composer__hint');
    await expect.poll(() => hint.textContent()).toMatch(/mention someone/);
    if (process.env.ARCHBOARD_SHOTS)
      await ina.screenshot({ path: `${process.env.ARCHBOARD_SHOTS}/composer-${width}.png` });
    // Not squeezed beside the buttons: one line there, or a line (two at most) across the composer.
    const lines = await hint.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    const form = (await ina.locator('form[data-testid=comment-new]').boundingBox())!;
    const box = (await hint.boundingBox())!;
    expect(lines === 1 || (lines === 2 && box.width > form.width * 0.8)).toBe(true);
    // The buttons stay whole and inside the composer.
    const send = (await ina.locator('[data-testid=comment-new-send]').boundingBox())!;
    expect(send.x + send.width).toBeLessThanOrEqual(form.x + form.width);
    await cato.close();
  });
});
