/** The secret capability tokens are signed with: ARCHBOARD_SECRET, else one generated once into the data directory. */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Shorter secrets make every board's tokens open to an offline guess from one leaked link. */
export const MIN_SECRET_CHARS = 16;

/**
 * Reads `<dataDir>/secret`, creating it (mode 0600, 256 random bits) when it
 * does not exist. Created with the exclusive flag, so two processes starting
 * at once on one directory cannot end up with different secrets.
 */
export function loadOrCreateSecret(dataDir: string): string {
  const path = join(dataDir, 'secret');
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(path, randomBytes(32).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < MIN_SECRET_CHARS)
    throw new Error(
      `${path} holds a secret shorter than ${MIN_SECRET_CHARS} characters; delete it to generate a new one (every existing link stops working).`,
    );
  return secret;
}
