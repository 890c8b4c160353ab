/** Temporary directories for server tests, removed by the caller. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh empty directory under the OS temp dir. */
export function makeTempDir(label = 'archboard-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), label));
}

/** Removes a directory made by makeTempDir, retrying while LevelDB lets go of its files. */
export function removeTempDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true, maxRetries: 5 });
}
