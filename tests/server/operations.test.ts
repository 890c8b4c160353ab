/**
 * What operators rely on, on the embedded default: /health and /ready, a
 * /metrics page Prometheus accepts (checked with promtool when it is
 * installed, and against the naming rules always), HTTP and refused-upgrade
 * metrics, and logs where every line is JSON with a `msg` and request lines
 * name routes, never tokens.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger';
import { createBoard, syncUrl, tryUpgrade } from '../helpers/sync-clients';
import { startTestServer } from '../helpers/test-server';

const PROMTOOL = '/usr/bin/promtool';

/** The naming rules promtool checks and Prometheus's guidelines ask for, on a text exposition. */
function namingProblems(exposition: string): string[] {
  const problems: string[] = [];
  for (const [, name, type] of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name!)) problems.push(`${name}: not a valid metric name`);
    if (name !== name!.toLowerCase()) problems.push(`${name}: not snake_case`);
    if (type === 'counter' && !name!.endsWith('_total')) problems.push(`${name}: a counter must end in _total`);
    if (type !== 'counter' && name!.endsWith('_total')) problems.push(`${name}: only counters end in _total`);
    if (/_(milliseconds|ms|kilobytes|kb|minutes)(_|$)/.test(name!)) problems.push(`${name}: not in base units`);
    if (type === 'histogram' && !/_(seconds|bytes|entries|ratio)$/.test(name!))
      problems.push(`${name}: a histogram names its base unit`);
  }
  return problems;
}

describe('operations', () => {
  it('answers /health and /ready', async () => {
    const server = await startTestServer();
    try {
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      const ready = await fetch(`${server.url}/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', reasons: [] });
    } finally {
      await server.stop();
    }
  });

  it('serves metrics that follow the naming rules, with HTTP routes and refused upgrades on every path', async () => {
    const server = await startTestServer();
    try {
      const board = await createBoard(server.url);
      await fetch(`${server.url}/api/boards/${board.id}`, {
        headers: { Authorization: `Bearer ${board.tokens.observer}` },
      });
      expect(await tryUpgrade(`${syncUrl(server.url)}/${board.id}?token=wrong`)).toMatchObject({ status: 401 });
      expect(await tryUpgrade(`${server.url.replace(/^http/, 'ws')}/elsewhere`)).toMatchObject({ status: 404 });
      const text = await (await fetch(`${server.url}/metrics`)).text();

      expect(namingProblems(text)).toEqual([]);
      expect(text).not.toMatch(/^# TYPE nodejs_active_\w+_total gauge$/m);
      expect(text).toMatch(/^archboard_http_requests_total\{route="POST \/api\/boards",status="201"\} 1$/m);
      expect(text).toMatch(/^archboard_http_requests_total\{route="GET \/api\/boards\/:id",status="200"\} 1$/m);
      expect(text).toMatch(/^archboard_http_request_duration_seconds_count\{route="POST \/api\/boards"\} 1$/m);
      expect(text).toMatch(/^archboard_upgrades_refused_total\{status="401"\} 1$/m);
      expect(text).toMatch(/^archboard_upgrades_refused_total\{status="404"\} 1$/m);
      if (existsSync(PROMTOOL)) {
        const check = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
        expect(check.stdout + check.stderr).toBe('');
        expect(check.status).toBe(0);
      }
    } finally {
      await server.stop();
    }
  });

  it('finds what promtool would reject', () => {
    expect(namingProblems('# TYPE nodejs_active_handles_total gauge\n# TYPE requests counter\n')).toEqual([
      'nodejs_active_handles_total: only counters end in _total',
      'requests: a counter must end in _total',
    ]);
  });

  it('logs every line as JSON with a msg, requests at info by route and without tokens', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const server = await startTestServer({ logger: createLogger('info', sink) });
    try {
      const board = await createBoard(server.url);
      await fetch(`${server.url}/api/boards/${board.id}`, {
        headers: { Authorization: `Bearer ${board.tokens.interviewer}` },
      });
      await fetch(`${server.url}/b/${board.id}?token=${board.tokens.candidate}`);
    } finally {
      await server.stop();
    }
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.length).toBeGreaterThan(3);
    for (const entry of entries) expect(typeof entry.msg).toBe('string');
    const requests = entries.filter((e) => e.event === 'http.request');
    expect(requests.map((r) => r.route)).toEqual(['POST /api/boards', 'GET /api/boards/:id', 'static']);
    expect(requests.every((r) => r.level === 30)).toBe(true);
    expect(lines.join('\n')).not.toMatch(/token=|Bearer/);
  });
});
