/**
 * The web side locked down: security headers and no
 * source maps unless asked; board creation rate-limited per address and,
 * with a creation token, kept to those who have it; broken and stalled
 * requests do not keep their sockets.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseFrameAncestors } from '../../server/http/security-headers';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';

let workDir: string;
let staticDir: string;
const servers: TestServer[] = [];

async function start(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const server = await startTestServer({ staticDir, ...options });
  servers.push(server);
  return server;
}

beforeAll(async () => {
  workDir = await makeTempDir();
  staticDir = join(workDir, 'dist');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Archboard</title>');
  await writeFile(join(staticDir, 'assets', 'index-abc.js'), 'console.log(1)\n//# sourceMappingURL=index-abc.js.map');
  await writeFile(join(staticDir, 'assets', 'index-abc.js.map'), '{"sourcesContent":["secret source"]}');
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});
afterAll(() => removeTempDir(workDir));

const post = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: '{}',
  });

describe('security headers', () => {
  it('sends a strict CSP and forbids framing on pages and assets', async () => {
    const server = await start();
    for (const path of ['/', '/b/abc', '/assets/index-abc.js']) {
      const res = await fetch(server.url + path);
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('lets the named origins frame the app when configured', async () => {
    const server = await start({ frameAncestors: parseFrameAncestors('https://lms.example.com') });
    const res = await fetch(server.url + '/');
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors https://lms.example.com');
    expect(res.headers.get('x-frame-options')).toBeNull();
  });

  it('refuses a frame-ancestors value that would inject a directive', () => {
    expect(() => parseFrameAncestors("https://a.example; script-src 'unsafe-inline'")).toThrow(/not a frame-ancestors/);
    expect(parseFrameAncestors(" 'self'  https://*.example.com:443 ")).toEqual(["'self'", 'https://*.example.com:443']);
  });

  it('serves no source map unless asked', async () => {
    const closed = await start();
    expect((await fetch(closed.url + '/assets/index-abc.js.map')).status).toBe(404);
    const open = await start({ serveSourceMaps: true });
    expect(await (await fetch(open.url + '/assets/index-abc.js.map')).text()).toContain('secret source');
  });
});

describe('board creation', () => {
  it('limits creation per client address and says when to retry', async () => {
    const server = await start({ limits: { boardCreateBurst: 3, boardCreateRatePerMinute: 6 } });
    for (let i = 0; i < 3; i++) expect((await post(server.url)).status).toBe(201);
    const refused = await post(server.url);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(((await refused.json()) as { error: string }).error).toMatch(/at most 6 a minute/);
  });

  it('counts each forwarded address apart only behind a trusted proxy', async () => {
    const direct = await start({ limits: { boardCreateBurst: 1 } });
    expect((await post(direct.url, { 'X-Forwarded-For': '10.0.0.1' })).status).toBe(201);
    // Without trustProxy a client cannot buy a fresh budget by claiming another address.
    expect((await post(direct.url, { 'X-Forwarded-For': '10.0.0.2' })).status).toBe(429);
    const proxied = await start({ limits: { boardCreateBurst: 1 }, trustProxy: true });
    expect((await post(proxied.url, { 'X-Forwarded-For': '6.6.6.6, 10.0.0.1' })).status).toBe(201);
    expect((await post(proxied.url, { 'X-Forwarded-For': '10.0.0.2' })).status).toBe(201);
    expect((await post(proxied.url, { 'X-Forwarded-For': '7.7.7.7, 10.0.0.1' })).status).toBe(429);
  });

  it('requires the creation token when one is set, and only for creating', async () => {
    const server = await start({ createToken: 'our-people-only' });
    expect((await post(server.url)).status).toBe(401);
    expect((await post(server.url, { Authorization: 'Bearer wrong' })).status).toBe(401);
    const created = await post(server.url, { Authorization: 'Bearer our-people-only' });
    expect(created.status).toBe(201);
    const { id, links } = (await created.json()) as { id: string; links: { candidate: string } };
    const token = links.candidate.split('#token=')[1]!;
    const described = await fetch(`${server.url}/api/boards/${id}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(described.status).toBe(200);
  });
});

describe('stalled and broken requests', () => {
  const sockets: Socket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.destroy();
  });

  function openSocket(port: number, send: string): Promise<{ closed: () => boolean }> {
    return new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(send);
        // Never reads: what the server sends stays unread in the kernel buffers.
        socket.pause();
        resolve({ closed: () => closedFlag });
      });
      let closedFlag = false;
      socket.on('error', () => {});
      socket.on('close', () => (closedFlag = true));
      sockets.push(socket);
    });
  }

  async function serverSockets(server: TestServer): Promise<number> {
    return new Promise((resolve) => server.httpServer.getConnections((_err, n) => resolve(n)));
  }

  it('destroys the socket of a malformed request even if the client never reads', async () => {
    const server = await start();
    await Promise.all(Array.from({ length: 20 }, () => openSocket(server.port, 'NOT HTTP AT ALL\r\n\r\n')));
    await waitFor(async () => (await serverSockets(server)) === 0, 'the broken sockets to be destroyed', 5_000);
  });

  it('frees requests whose headers never finish within the headers timeout', async () => {
    const server = await start({ limits: { httpHeadersTimeoutMs: 500, httpTimeoutCheckIntervalMs: 100 } });
    await Promise.all(
      Array.from({ length: 50 }, () => openSocket(server.port, 'GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ')),
    );
    await waitFor(async () => (await serverSockets(server)) === 50, 'the server to accept all 50', 5_000);
    await waitFor(async () => (await serverSockets(server)) === 0, 'the stalled sockets to be freed', 5_000);
  });
});
