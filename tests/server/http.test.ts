/** The REST API, /health, /metrics and the static files, against an in-process server. */
import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/board/types';
import { blocksOf, docToBoard, linksOf, notesOf, sessionOf } from '../../src/doc/board-doc';
import { MAX_HTTP_BODY_BYTES } from '../../src/limits';
import { connectClient, createBoard, tokenOf } from '../helpers/sync-clients';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';

function rawGetStatus(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

const template: Board = {
  format: 'archboard/v1',
  title: 'Design a tiny thing',
  requirements: { prompt: 'Design a tiny thing', functional: ['Do it'], scale: { dau: 1000 } },
  blocks: [
    { id: 'client', kind: 'client', x: 0, y: 0 },
    { id: 'api', kind: 'service', x: 0, y: 100 },
  ],
  links: [{ id: 'l1', from: 'client', to: 'api', protocol: 'http' }],
  notes: { api: 'GET /thing' },
  template: {
    id: 'tiny-thing',
    difficulty: 'easy',
    summary: 'The smallest template',
    questions: ['How tiny?'],
    reference: { blocks: [{ id: 'secret-db', kind: 'sql-db', x: 0, y: 200 }], links: [] },
  },
};

describe('HTTP', () => {
  let server: TestServer;
  let workDir: string;

  beforeAll(async () => {
    workDir = await makeTempDir();
    const templatesDir = join(workDir, 'templates');
    const staticDir = join(workDir, 'dist');
    await mkdir(templatesDir);
    await mkdir(join(staticDir, 'assets'), { recursive: true });
    await writeFile(join(templatesDir, 'tiny-thing.json'), JSON.stringify(template));
    await writeFile(join(templatesDir, 'broken.json'), '{ "format": "archboard/v1", "blocks": [{ "id": 1 }] }');
    await writeFile(join(templatesDir, 'not-a-template.json'), JSON.stringify({ format: 'archboard/v1', blocks: [] }));
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Archboard</title>');
    await writeFile(join(staticDir, 'assets', 'index-abc123.js'), 'console.log(1)');
    await writeFile(join(staticDir, 'favicon.svg'), '<svg/>');
    await writeFile(join(workDir, 'outside.txt'), 'must not be served');
    server = await startTestServer({ templatesDir, staticDir });
  });

  afterAll(async () => {
    await server.stop();
    await removeTempDir(workDir);
  });

  const post = (body: string | undefined, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
    fetch(`${server.url}/api/boards`, { method: 'POST', headers, body });

  async function boardDoc(id: string, token: string) {
    const client = connectClient(server.url, id, token);
    await client.synced;
    return client;
  }

  describe('POST /api/boards', () => {
    it('creates an empty board with three links', async () => {
      const res = await post(undefined);
      expect(res.status).toBe(201);
      const body = (await res.json()) as { id: string; links: Record<string, string> };
      expect(body.id).toMatch(/^[A-Za-z0-9_-]{10,}$/);
      expect(Object.keys(body.links).sort()).toEqual(['candidate', 'interviewer', 'observer']);
      for (const link of Object.values(body.links))
        expect(link).toMatch(new RegExp(`^/b/${body.id}#token=[A-Za-z0-9_-]{22,}$`));
      expect(new Set(Object.values(body.links)).size).toBe(3);
    });

    it('writes the title of a blank board', async () => {
      const board = await createBoard(server.url, { title: 'Whiteboard round' });
      const client = await boardDoc(board.id, board.tokens.candidate);
      expect(docToBoard(client.doc)).toMatchObject({ title: 'Whiteboard round', blocks: [], links: [] });
      client.destroy();
    });

    it('starts a board from a template with its title, prompt and starter only', async () => {
      const board = await createBoard(server.url, { template: 'tiny-thing' });
      const client = await boardDoc(board.id, board.tokens.candidate);
      const doc = client.doc;
      expect(docToBoard(doc).title).toBe('Design a tiny thing');
      expect([...blocksOf(doc).keys()].sort()).toEqual(['api', 'client']);
      expect([...linksOf(doc).keys()]).toEqual(['l1']);
      expect(docToBoard(doc).requirements).toEqual({ prompt: 'Design a tiny thing' });
      expect(notesOf(doc).get('api')?.toString() ?? '').toBe('');
      expect(sessionOf(doc).has('template')).toBe(false);
      expect(JSON.stringify(doc.toJSON())).not.toMatch(/secret-db|Do it|How tiny/);
      client.destroy();
    });

    it('lets the body’s title replace the template’s', async () => {
      const board = await createBoard(server.url, { template: 'tiny-thing', title: 'Mock with Sam' });
      const client = await boardDoc(board.id, board.tokens.interviewer);
      expect(docToBoard(client.doc).title).toBe('Mock with Sam');
      client.destroy();
    });

    it.each([
      ['bad JSON', '{ "title": '],
      ['a JSON array', '[]'],
      ['a title that is not text', JSON.stringify({ title: 42 })],
      ['an unknown template', JSON.stringify({ template: 'no-such-template' })],
      ['a template that fails to read', JSON.stringify({ template: 'broken' })],
      ['a path as template id', JSON.stringify({ template: '../secret' })],
      ['an oversized body', JSON.stringify({ title: 'x'.repeat(MAX_HTTP_BODY_BYTES) })],
    ])('answers 400 with a message for %s', async (_name, body) => {
      const res = await post(body);
      expect(res.status).toBe(400);
      const answer = (await res.json()) as { error: string };
      expect(answer.error.length).toBeGreaterThan(5);
    });

    it('answers 405 to other methods', async () => {
      expect((await fetch(`${server.url}/api/boards`)).status).toBe(405);
    });
  });

  describe('GET /api/boards/<id>', () => {
    it('tells each role who it is and which links it may share', async () => {
      const board = await createBoard(server.url);
      const lookup = async (token: string) => {
        const res = await fetch(`${server.url}/api/boards/${board.id}`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        expect(res.status).toBe(200);
        return (await res.json()) as { id: string; role: string; links: Record<string, string> };
      };
      expect(await lookup(board.tokens.interviewer)).toEqual({ id: board.id, role: 'interviewer', links: board.links });
      expect(await lookup(board.tokens.candidate)).toEqual({
        id: board.id,
        role: 'candidate',
        links: { candidate: board.links.candidate, observer: board.links.observer },
      });
      expect(await lookup(board.tokens.observer)).toEqual({
        id: board.id,
        role: 'observer',
        links: { observer: board.links.observer },
      });
      expect(tokenOf(board.links.observer)).toBe(board.tokens.observer);
    });

    it('answers 401 without a valid token for that board', async () => {
      const board = await createBoard(server.url);
      const other = await createBoard(server.url);
      const statusWith = async (headers: Record<string, string>) =>
        (await fetch(`${server.url}/api/boards/${board.id}`, { headers })).status;
      expect(await statusWith({})).toBe(401);
      expect(await statusWith({ Authorization: `Bearer ${other.tokens.interviewer}` })).toBe(401);
      expect(await statusWith({ Authorization: `Bearer ${'z'.repeat(32)}` })).toBe(401);
      expect(await statusWith({ Authorization: board.tokens.interviewer })).toBe(401);
    });
  });

  describe('templates', () => {
    it('lists the valid templates and skips files that fail to read', async () => {
      const res = await fetch(`${server.url}/api/templates`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual([
        {
          id: 'tiny-thing',
          title: 'Design a tiny thing',
          difficulty: 'easy',
          summary: 'The smallest template',
          prompt: 'Design a tiny thing',
        },
      ]);
    });

    it('serves what the gallery shows of one template, never its answers', async () => {
      const res = await fetch(`${server.url}/api/templates/tiny-thing`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        id: 'tiny-thing',
        title: 'Design a tiny thing',
        difficulty: 'easy',
        summary: 'The smallest template',
        prompt: 'Design a tiny thing',
      });
    });

    it('serves a board’s template in full to its interviewer only', async () => {
      const board = await createBoard(server.url, { template: 'tiny-thing' });
      const url = `${server.url}/api/boards/${board.id}/template`;
      const as = (token?: string) => fetch(url, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
      const full = await as(board.tokens.interviewer);
      expect(full.status).toBe(200);
      expect(((await full.json()) as Board).template?.reference.blocks[0]?.id).toBe('secret-db');
      expect((await as(board.tokens.candidate)).status).toBe(403);
      expect((await as(board.tokens.observer)).status).toBe(403);
      expect((await as()).status).toBe(401);
      const blank = await createBoard(server.url, {});
      const none = await fetch(`${server.url}/api/boards/${blank.id}/template`, {
        headers: { Authorization: `Bearer ${blank.tokens.interviewer}` },
      });
      expect(none.status).toBe(404);
    });

    it('answers 404 for an unknown or unreadable template', async () => {
      expect((await fetch(`${server.url}/api/templates/nope`)).status).toBe(404);
      expect((await fetch(`${server.url}/api/templates/broken`)).status).toBe(404);
    });
  });

  it('tells the time', async () => {
    const before = Date.now();
    const { now } = (await (await fetch(`${server.url}/api/time`)).json()) as { now: number };
    expect(now).toBeGreaterThanOrEqual(before);
  });

  it('answers 404 for an unknown API route', async () => {
    const res = await fetch(`${server.url}/api/nothing`);
    expect(res.status).toBe(404);
    expect(await res.json()).toHaveProperty('error');
  });

  it('reports health', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      uptimeSeconds: expect.any(Number),
      rooms: expect.any(Number),
      connections: expect.any(Number),
    });
  });

  it('exposes Prometheus metrics', async () => {
    const board = await createBoard(server.url);
    const client = await boardDoc(board.id, board.tokens.interviewer);
    blocksOf(client.doc).set('x', new (await import('yjs')).Map());
    await waitFor(
      async () =>
        /archboard_messages_received_total\{kind="update"\} [1-9]/.test(
          await (await fetch(`${server.url}/metrics`)).text(),
        ),
      'the update counted',
    );
    const text = await (await fetch(`${server.url}/metrics`)).text();
    // At least this client: another test's socket may still be closing on the shared server.
    expect(text).toMatch(/^archboard_connections [1-9]\d*$/m);
    for (const name of [
      'archboard_rooms_loaded',
      'archboard_messages_sent_total{kind="sync_step1"}',
      'archboard_received_bytes_total',
      'archboard_sent_bytes_total',
      'archboard_update_handling_seconds_bucket',
      'archboard_storage_errors_total 0',
      'process_resident_memory_bytes',
    ]) {
      expect(text).toContain(name);
    }
    client.destroy();
  });

  describe('static files', () => {
    it('serves index.html for / and for page routes such as /b/<id>', async () => {
      for (const path of ['/', '/b/abcdef123456', '/some/page']) {
        const res = await fetch(`${server.url}${path}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(res.headers.get('cache-control')).toBe('no-cache');
        expect(await res.text()).toContain('<title>Archboard</title>');
      }
    });

    it('serves assets with their type and a long cache life', async () => {
      const res = await fetch(`${server.url}/assets/index-abc123.js`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(res.headers.get('cache-control')).toContain('max-age=31536000');
      expect((await fetch(`${server.url}/favicon.svg`)).headers.get('content-type')).toBe('image/svg+xml');
    });

    it('answers 404 for missing files and never leaves the directory', async () => {
      expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
      expect((await fetch(`${server.url}/missing.png`)).status).toBe(404);
      // Raw paths: fetch would normalise the dots away before sending.
      for (const path of ['/../outside.txt', '/..%2foutside.txt', '/assets/..%2f..%2foutside.txt'])
        expect(await rawGetStatus(server.port, path)).toBe(404);
    });

    it.runIf(existsSync(join(import.meta.dirname, '../../dist/index.html')))(
      'serves the real bundle by default',
      async () => {
        const real = await startTestServer();
        try {
          const res = await fetch(`${real.url}/b/abcdef123456`);
          expect(res.status).toBe(200);
          expect(await res.text()).toMatch(/<!doctype html>/i);
        } finally {
          await real.stop();
        }
      },
    );
  });
});
