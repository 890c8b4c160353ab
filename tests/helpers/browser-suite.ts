/**
 * The setup every browser test file shares: one real server process and one
 * Chromium for the file, stopped after it.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';
import { startServerProcess, type ServerProcess } from './server';

export interface BrowserSuite {
  readonly server: ServerProcess;
  readonly browser: Browser;
}

/** Registers beforeAll/afterAll hooks; read `server` and `browser` inside tests. */
export function useServerAndBrowser(): BrowserSuite {
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('the server starts in beforeAll');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser starts in beforeAll');
      return browser;
    },
  };
}
