#!/usr/bin/env node
// Makes sure the Debian packages the tests and benchmarks drive are installed:
// Chromium (browser tests), rsvg-convert (SVG export checks), redis-server,
// PostgreSQL and nginx (the shared-mode cluster suite), promtool (the metrics
// naming check; Debian ships it in the prometheus package). As root with apt-get it
// installs what is missing in one go; otherwise it stops with the exact command.
// The tests start each service themselves, on free ports in temporary folders,
// so the packages' own services are kept from starting at install time.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { findChromium } from './chromium-path.mjs';

/** Where PostgreSQL's server binaries are, or null: Debian keeps one folder per major version. */
export function findPostgresBin() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  for (const version of readdirSync(root).sort().reverse()) {
    const bin = `${root}/${version}/bin`;
    if (existsSync(`${bin}/postgres`) && existsSync(`${bin}/initdb`)) return bin;
  }
  return null;
}

const wanted = [
  { pkg: 'chromium', present: () => findChromium() !== null },
  { pkg: 'librsvg2-bin', present: () => existsSync('/usr/bin/rsvg-convert') },
  { pkg: 'redis-server', present: () => existsSync('/usr/bin/redis-server') },
  { pkg: 'postgresql', present: () => findPostgresBin() !== null },
  { pkg: 'nginx', present: () => existsSync('/usr/sbin/nginx') },
  { pkg: 'prometheus', present: () => existsSync('/usr/bin/promtool') },
];

const missing = wanted.filter((w) => !w.present()).map((w) => w.pkg);
if (missing.length === 0) process.exit(0);

const instruction = `sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (!isRoot || !hasApt) {
  console.error(
    `The tests need Debian packages that are missing: ${missing.join(', ')}. Install them:\n\n  ${instruction}\n`,
  );
  process.exit(1);
}

console.log(`Installing Debian packages the tests need: ${missing.join(', ')} ...`);
// policy-rc.d answering 101 keeps apt from starting redis, PostgreSQL, nginx and prometheus
// as system services (nginx would take port 80); the tests run their own.
const policy = '/usr/sbin/policy-rc.d';
const ownPolicy = !existsSync(policy);
try {
  if (ownPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
} catch {
  console.error(`Installing ${missing.join(', ')} failed. Install them by hand:\n\n  ${instruction}\n`);
  process.exit(1);
} finally {
  if (ownPolicy) rmSync(policy, { force: true });
}
const still = wanted.filter((w) => !w.present()).map((w) => w.pkg);
if (still.length > 0) {
  console.error(`apt-get finished but ${still.join(', ')} is still missing. Install by hand:\n\n  ${instruction}\n`);
  process.exit(1);
}
