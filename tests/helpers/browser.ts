/**
 * Launches Debian's Chromium through playwright-core for browser tests and
 * benchmarks. No browser is ever downloaded; `npm test` installs the system
 * package first when it can (scripts/ensure-system-packages.mjs).
 */
import { chromium, type Browser } from 'playwright-core';
import { findChromium } from '../../scripts/chromium-path.mjs';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath)
    throw new Error(
      'Chromium not found: run `sudo apt-get install -y chromium` (npm test does this when it runs as root).',
    );
  return chromium.launch({ executablePath, args: [...CHROMIUM_FLAGS, ...extraArgs] });
}
