/** JSON logs carry ids and events but no tokens or addresses; the generated secret is private and stable. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadOrCreateSecret } from '../../server/server-secret';
import { connectClient, createBoard, tryUpgrade, syncUrl } from '../helpers/sync-clients';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';

describe('logs', () => {
  it('name events and connections, never tokens or IP addresses', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const server = await startTestServer({ logger: pino({ level: 'debug' }, sink) });
    try {
      const board = await createBoard(server.url, { title: 'Logged' });
      await fetch(`${server.url}/api/boards/${board.id}`, {
        headers: { Authorization: `Bearer ${board.tokens.observer}` },
      });
      await fetch(`${server.url}/b/${board.id}?token=${board.tokens.interviewer}`);
      expect(
        await tryUpgrade(`${syncUrl(server.url)}/${board.id}?token=${board.tokens.candidate.toUpperCase()}`),
      ).toMatchObject({ status: 401 });
      const client = connectClient(server.url, board.id, board.tokens.candidate);
      await client.synced;
      client.destroy();
      await waitFor(() => lines.some((l) => l.includes('"connection.closed"')), 'the close logged');

      const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(entries.every((e) => typeof e.event === 'string')).toBe(true);
      const opened = entries.find((e) => e.event === 'connection.open')!;
      expect(opened).toMatchObject({
        board: board.id,
        role: 'candidate',
        conn: expect.stringMatching(/^[0-9a-f]{8}$/),
      });
      const all = lines.join('\n');
      for (const token of Object.values(board.tokens)) {
        expect(all).not.toContain(token);
        expect(all.toLowerCase()).not.toContain(token.toLowerCase());
      }
      // Client addresses never appear (the server's own bind address in server.listening is no one's).
      expect(lines.filter((l) => !l.includes('"server.listening"')).join('\n')).not.toContain('127.0.0.1');
      expect(all).not.toContain('token=');
    } finally {
      await server.stop();
    }
  });
});

describe('server secret', () => {
  it('is generated once into the data directory with mode 0600 and reused', async () => {
    const dir = await makeTempDir();
    try {
      const first = loadOrCreateSecret(join(dir, 'data'));
      const path = join(dir, 'data', 'secret');
      expect(existsSync(path)).toBe(true);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(first.length).toBeGreaterThanOrEqual(40);
      expect(loadOrCreateSecret(join(dir, 'data'))).toBe(first);
      expect(readFileSync(path, 'utf8').trim()).toBe(first);
    } finally {
      await removeTempDir(dir);
    }
  });

  it('is not written when ARCHBOARD_SECRET is given', async () => {
    const server = await startTestServer({ secret: 'a-secret-from-the-environment' });
    try {
      expect(existsSync(join(server.dataDir, 'secret'))).toBe(false);
    } finally {
      await server.stop();
    }
  });
});
