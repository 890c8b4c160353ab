/**
 * The `archboard` command line, spawned for real: exit statuses, the JSON
 * shapes of board-format.md, and broken files named with their field path.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ESTIMATE_FIGURE_KEYS, estimate } from '../../src/estimate/estimate';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/archboard.js');
const good = 'examples/url-shortener.json';
const draft = 'examples/url-shortener-draft.json';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end. */
function run(command: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const archboard = (...args: string[]) => run(process.execPath, [bin, ...args]);

const scratch = mkdtempSync(join(tmpdir(), 'archboard-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function scratchFile(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

describe('archboard lint', () => {
  it('exits 0 with no error finding', async () => {
    const { status, stdout } = await archboard('lint', good);
    expect(status).toBe(0);
    expect(stdout).toContain('no findings');
  });

  it("exits 1 with an error finding, and names each finding's severity, rule, message and blocks", async () => {
    const { status, stdout } = await archboard('lint', draft);
    expect(status).toBe(1);
    expect(stdout).toMatch(/error\s+single-point-of-failure\s+Shortener API has one instance.*\(blocks: app\)/);
    expect(stdout).toMatch(/warning\s+orphan-block\s+Cache has no links.*\(blocks: cache\)/);
    expect(stdout).toContain('6 findings: 2 errors, 4 warnings, 0 info');
  });

  it('--json for one file prints { findings, estimate, traffic }', async () => {
    const { status, stdout } = await archboard('lint', draft, '--json');
    expect(status).toBe(1);
    const out = JSON.parse(stdout);
    expect(Object.keys(out).sort()).toEqual(['estimate', 'findings', 'traffic']);
    for (const t of Object.values<object>(out.traffic)) expect(Object.keys(t).sort()).toEqual(['readQps', 'writeQps']);
    expect(out.findings).toHaveLength(6);
    for (const f of out.findings) expect(Object.keys(f).sort()).toEqual(['blocks', 'message', 'rule', 'severity']);
    expect(out.findings[0]).toMatchObject({ rule: 'single-point-of-failure', severity: 'error', blocks: ['app'] });
    const board = JSON.parse(readFileSync(join(root, draft), 'utf8'));
    expect(out.estimate.peakQps).toBeCloseTo(estimate(board.requirements).peakQps, 9);
    expect(Object.keys(out.estimate)).toEqual([...ESTIMATE_FIGURE_KEYS]);
  });

  it('--json for several files prints an array with each file', async () => {
    const { status, stdout } = await archboard('lint', '--json', good, draft);
    expect(status).toBe(1);
    const out = JSON.parse(stdout);
    expect(Array.isArray(out)).toBe(true);
    expect(out.map((r: { file: string }) => r.file)).toEqual([good, draft]);
    expect(out[0].findings).toEqual([]);
    expect(out[1].findings).toHaveLength(6);
    for (const r of out) expect(Object.keys(r).sort()).toEqual(['estimate', 'file', 'findings', 'traffic']);
  });

  it('--json traffic: the peak reads and writes reaching each block, counted once from the client', async () => {
    // 1M users × 10 reads ÷ 86,400 s × 3 = 347.22 reads/s; half go to the CDN (173.61), the LB gets the
    // other half plus the CDN's 10% misses: 173.61 + 17.36 = 190.97; all 34.72 writes go to the LB.
    const { stdout } = await archboard('lint', 'examples/traffic/repro-1b-cdn.json', '--json');
    expect(JSON.parse(stdout).traffic).toEqual({
      client: { readQps: 347.22, writeQps: 34.72 },
      cdn: { readQps: 173.61, writeQps: 0 },
      lb: { readQps: 190.97, writeQps: 34.72 },
      api: { readQps: 190.97, writeQps: 34.72 },
      db: { readQps: 190.97, writeQps: 34.72 },
    });
  });

  it('exits 2 on a file that is not JSON, naming the file', async () => {
    const path = scratchFile('broken.json', '{ "format": "archboard/v1", ');
    const { status, stderr } = await archboard('lint', path);
    expect(status).toBe(2);
    expect(stderr).toContain(path);
    expect(stderr).toContain('not JSON');
  });

  it('exits 2 on a wrong field, naming the file and the field path', async () => {
    const board = JSON.parse(readFileSync(join(root, good), 'utf8'));
    board.blocks[2].x = 'left';
    const path = scratchFile('wrong-field.json', JSON.stringify(board));
    const { status, stderr } = await archboard('lint', path);
    expect(status).toBe(2);
    expect(stderr).toContain(path);
    expect(stderr).toContain('blocks[2].x');
  });

  it('exits 2 on a link to a missing block, with its path', async () => {
    const board = JSON.parse(readFileSync(join(root, good), 'utf8'));
    board.links[0].to = 'nowhere';
    const path = scratchFile('dangling.json', JSON.stringify(board));
    const { status, stderr } = await archboard('lint', path);
    expect(status).toBe(2);
    expect(stderr).toMatch(/dangling\.json.*links\[0\]\.to/);
  });

  it('exits 2 on a missing file and still reports the good ones', async () => {
    const { status, stdout, stderr } = await archboard('lint', good, 'no-such-board.json');
    expect(status).toBe(2);
    expect(stderr).toContain('cannot read no-such-board.json');
    expect(stdout).toContain(`${good}: no findings`);
  });
});

describe('archboard estimate', () => {
  it('--json prints the figures', async () => {
    const { status, stdout } = await archboard('estimate', good, '--json');
    expect(status).toBe(0);
    const figures = JSON.parse(stdout);
    for (const key of [
      'avgReadQps',
      'avgWriteQps',
      'avgQps',
      'peakQps',
      'storagePerDayBytes',
      'storageTotalBytes',
      'peakBandwidthBytesPerSec',
    ]) {
      expect(typeof figures[key]).toBe('number');
    }
    expect(figures.avgReadQps).toBeCloseTo((1_000_000 * 10) / 86_400, 9);
    expect(figures.storagePerDayBytes).toBe(500_000_000);
  });

  it('prints human units and the steps', async () => {
    const { status, stdout } = await archboard('estimate', good);
    expect(status).toBe(0);
    expect(stdout).toMatch(/avgReadQps\s+116\/s/);
    expect(stdout).toContain('1M DAU × 10 reads = 10M/day');
  });

  it('exits 2 on a bad file', async () => {
    const { status, stderr } = await archboard('estimate', scratchFile('bad.json', '[]'));
    expect(status).toBe(2);
    expect(stderr).toContain('bad.json');
  });
});

describe('archboard usage', () => {
  it.each([
    ['no arguments', []],
    ['an unknown command', ['check', good]],
    ['an unknown option', ['lint', '--fix', good]],
    ['lint without files', ['lint']],
    ['estimate with two files', ['estimate', good, draft]],
  ])('%s exits 2 with a usage line', async (_name, args) => {
    const { status, stderr } = await archboard(...args);
    expect(status).toBe(2);
    expect(stderr).toContain('Usage: archboard');
  });

  it('--help exits 0', async () => {
    const { status, stdout } = await archboard('--help');
    expect(status).toBe(0);
    expect(stdout).toContain('archboard lint FILE...');
  });

  it('runs as `npx archboard` from the project directory', async () => {
    const result = await run('npx', ['--offline', 'archboard', 'lint', draft, '--json']);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).findings).toHaveLength(6);
  });
});
