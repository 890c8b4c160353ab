#!/usr/bin/env node
// Makes sure Debian's Chromium is installed before browser tests run: installs
// it with apt-get when we are root, otherwise stops with the exact instruction.
import { execFileSync, spawnSync } from 'node:child_process';
import { findChromium } from './chromium-path.mjs';

const found = findChromium();
if (found) process.exit(0);

const instruction = 'sudo apt-get update && sudo apt-get install -y chromium';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;

if (!isRoot || !hasApt) {
  console.error(
    `Chromium was not found (looked for /usr/bin/chromium). Browser tests need Debian's package:\n\n  ${instruction}\n`,
  );
  process.exit(1);
}

console.log("Chromium not found: installing Debian's chromium package with apt-get ...");
try {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
} catch {
  console.error(`Installing chromium failed. Install it by hand:\n\n  ${instruction}\n`);
  process.exit(1);
}
if (!findChromium()) {
  console.error(`apt-get finished but /usr/bin/chromium is still missing. Install it by hand:\n\n  ${instruction}\n`);
  process.exit(1);
}
