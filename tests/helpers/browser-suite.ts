/**
 * The setup every browser test file shares: one real server process and one
 * Chromium for the file, stopped after it. Contexts opened with
 * `suite.newContext()` and clients handed to `suite.closeAfter()` are closed
 * after each test, passed or failed, so a failing test leaks no Chromium
 * context and no socket into the next one.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { launchChromium } from './browser';
import { startServerProcess, type ServerProcess } from './server';

export interface BrowserSuite {
  readonly server: ServerProcess;
  readonly browser: Browser;
  /** A new browser context, closed after the test. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** Closes `closeable` after the test (a doc client, a second server); returns it. */
  closeAfter<T extends { close(): unknown }>(closeable: T): T;
}

/** Registers the hooks; read `server` and `browser` inside tests. */
export function useServerAndBrowser(): BrowserSuite {
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  let toClose: { close(): unknown }[] = [];
  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchChromium();
  });
  afterEach(async () => {
    const closing = toClose.reverse();
    toClose = [];
    for (const c of closing) await Promise.resolve(c.close()).catch(() => {});
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const suite: BrowserSuite = {
    get server() {
      if (!server) throw new Error('the server starts in beforeAll');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser starts in beforeAll');
      return browser;
    },
    async newContext(options) {
      return suite.closeAfter(await suite.browser.newContext(options));
    },
    closeAfter(closeable) {
      toClose.push(closeable);
      return closeable;
    },
  };
  return suite;
}
