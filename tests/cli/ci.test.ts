/**
 * The command line for CI (docs/board-format.md, "Command line"): every
 * diagram format linted, Markdown blocks at the lines they start on,
 * requirements from a sidecar, --requirements or front matter, SARIF that
 * validates against the SARIF 2.1.0 schema (vendored in tests/fixtures/sarif),
 * GitHub annotations, and import, render and export writing their files.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBoardJson } from '../../src/board/format';
import { importDiagram } from '../../src/board/import';
import { githubAnnotations } from '../../src/cli/annotations';
import { runCli, type CliIo } from '../../src/cli/cli';
import { decodePng, luminanceVariance } from '../helpers/png';

const root = join(import.meta.dirname, '../..');
const fixtures = join(root, 'tests/fixtures');
const scratch = mkdtempSync(join(tmpdir(), 'archboard-ci-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

/** Runs the command line in this process on the real file system, capturing its output. */
function cli(...args: string[]): { status: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readFile: (p) => readFileSync(p, 'utf8'),
    writeFile: (p, data) => writeFileSync(p, data),
  };
  const status = runCli(args, io);
  return { status, stdout, stderr };
}

/** The 1-based line after each ```mermaid fence: where each block's chart starts. */
function chartLines(markdown: string): number[] {
  return markdown.split('\n').flatMap((line, i) => (line.startsWith('```mermaid') ? [i + 2] : []));
}

const TWO_BLOCKS = `---
title: Shop
requirements:
  availability: 99.99
---
# The shop

The read path:

\`\`\`mermaid
flowchart TD
  U[Users] --> DB[(PostgreSQL)]
\`\`\`

Some prose, and a second diagram:

\`\`\`mermaid
flowchart LR
  W[Web app] --> API[Orders API]
  API --> Q[(Orders DB)]
  X[Search index]
\`\`\`
`;

describe('archboard lint on Markdown', () => {
  const md = file('design.md', TWO_BLOCKS);
  const [first, second] = chartLines(TWO_BLOCKS) as [number, number];

  it('lints each Mermaid block and reports its findings at the line it starts on', () => {
    const { status, stdout } = cli('lint', '--format', 'json', md);
    expect(status).toBe(1); // a single point of failure under a 99.99% target is an error
    const reports = JSON.parse(stdout) as {
      file: string;
      line: number;
      findings: { rule: string; blocks: string[] }[];
    }[];
    expect(reports.map((r) => r.line)).toEqual([first, second]);
    expect(reports[0]!.findings.map((f) => f.rule)).toContain('client-to-database');
    expect(reports[1]!.findings.map((f) => f.rule)).not.toContain('client-to-database');
    expect(reports[1]!.findings.find((f) => f.rule === 'orphan-block')?.blocks).toEqual(['X']);
    // The front matter's availability target reached both blocks.
    for (const r of reports) expect(r.findings.map((f) => f.rule)).toContain('missing-monitoring');
  });

  it('prints GitHub annotations at those lines', () => {
    const { status, stdout } = cli('lint', '--format=github', md);
    expect(status).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines.find((l) => l.includes('client-to-database'))).toMatch(
      new RegExp(`^::warning file=${md.replace(/[/.]/g, '\\$&')},line=${first},title=archboard client-to-database::`),
    );
    expect(lines.filter((l) => l.startsWith(`::error file=${md},line=${first},`))).toHaveLength(1);
    expect(lines.find((l) => l.includes('orphan-block'))).toMatch(new RegExp(`^::warning file=[^,]+,line=${second},`));
  });

  it('names the line of the file where a block does not parse, and exits 2', () => {
    const broken = file('broken.md', '# x\n\n```mermaid\nflowchart TD\n  A["open --> B\n```\n');
    const { status, stderr } = cli('lint', broken);
    expect(status).toBe(2);
    expect(stderr).toContain('line 5');
    expect(stderr).toContain('broken.md');
  });

  it('reads a Markdown file without flowcharts as clean', () => {
    const { status, stdout } = cli('lint', file('prose.md', '# Nothing drawn here\n'));
    expect(status).toBe(0);
    expect(stdout).toContain('no Mermaid flowchart blocks');
  });
});

describe('archboard lint: requirements of files that are not boards', () => {
  const mmd = file('search.mmd', 'flowchart TD\n  U[Users] --> API[Catalog API]\n  API --> DB[(Products DB)]\n');
  const rules = (stdout: string) =>
    (JSON.parse(stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule);

  it('has none without a sidecar', () => {
    expect(rules(cli('lint', '--json', mmd).stdout)).not.toContain('missing-search');
  });

  it('reads <name>.requirements.json beside the file', () => {
    file('search.requirements.json', JSON.stringify({ requirements: { features: { search: true } } }));
    expect(rules(cli('lint', '--json', mmd).stdout)).toContain('missing-search');
  });

  it('--requirements FILE takes precedence, and accepts the requirements object itself', () => {
    const other = file('other.json', JSON.stringify({ features: { search: false, analytics: true } }));
    const found = rules(cli('lint', '--json', '--requirements', other, mmd).stdout);
    expect(found).toContain('missing-analytics');
    expect(found).not.toContain('missing-search');
  });

  it('exits 2 on invalid requirements, naming the file and the field', () => {
    const bad = file('bad.json', JSON.stringify({ requirements: { availability: 'high' } }));
    const { status, stderr } = cli('lint', '--requirements', bad, mmd);
    expect(status).toBe(2);
    expect(stderr).toMatch(/bad\.json has invalid requirements: requirements\.availability/);
  });

  it('lints draw.io and Excalidraw files too', () => {
    for (const name of ['every-construct.drawio', 'every-construct.excalidraw', 'every-construct.mmd']) {
      const { status, stdout } = cli('lint', '--json', join(fixtures, 'import', name));
      expect(status, name).toBeLessThan(2);
      expect(JSON.parse(stdout), name).toHaveProperty('findings');
    }
  });
});

describe('archboard lint --format sarif', () => {
  const schema = JSON.parse(readFileSync(join(fixtures, 'sarif/sarif-schema-2.1.0.json'), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  it('validates against the SARIF 2.1.0 schema, with results at their lines and unreadable files as notifications', () => {
    const md = file('sarif.md', TWO_BLOCKS);
    const draft = join(root, 'examples/url-shortener-draft.json');
    const missing = join(scratch, 'missing.mmd');
    const { status, stdout } = cli('lint', '--format', 'sarif', md, draft, missing);
    expect(status).toBe(2);
    const log = JSON.parse(stdout) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        invocations: { executionSuccessful: boolean; toolExecutionNotifications: unknown[] }[];
        results: {
          ruleId: string;
          ruleIndex: number;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
        }[];
      }[];
    };
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const run = log.runs[0]!;
    expect(log.version).toBe('2.1.0');
    expect(run.invocations[0]!.executionSuccessful).toBe(false);
    expect(run.invocations[0]!.toolExecutionNotifications).toHaveLength(1);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    const lines = run.results
      .filter((r) => r.locations[0]!.physicalLocation.artifactLocation.uri.endsWith('sarif.md'))
      .map((r) => r.locations[0]!.physicalLocation.region.startLine);
    expect(new Set(lines)).toEqual(new Set(chartLines(TWO_BLOCKS)));
    // A board file's finding points at the line of its first block.
    const draftText = readFileSync(draft, 'utf8');
    const spof = run.results.find(
      (r) =>
        r.ruleId === 'single-point-of-failure' &&
        r.locations[0]!.physicalLocation.artifactLocation.uri.endsWith('draft.json'),
    )!;
    const appLine = draftText.split('\n').findIndex((l) => /"id":\s*"app"/.test(l)) + 1;
    expect(spof.locations[0]!.physicalLocation.region.startLine).toBe(appLine);
  });

  it('the schema check can fail: a result without a message is refused', () => {
    const { stdout } = cli('lint', '--format', 'sarif', join(root, 'examples/url-shortener-draft.json'));
    const log = JSON.parse(stdout) as { runs: { results: Record<string, unknown>[] }[] };
    delete log.runs[0]!.results[0]!.message;
    expect(validate(log)).toBe(false);
  });
});

describe('GitHub annotations', () => {
  it('escape what ends a property or a command', () => {
    const text = githubAnnotations(
      [
        {
          file: 'docs/a,b:c.md',
          line: 3,
          finding: { rule: 'orphan-block', severity: 'info', message: '100% sure\nreally', blocks: ['x'], why: '' },
        },
      ],
      [{ file: 'gone.mmd', message: 'cannot read gone.mmd: no such file' }],
    );
    expect(text).toBe(
      '::notice file=docs/a%2Cb%3Ac.md,line=3,title=archboard orphan-block::100%25 sure%0Areally (blocks: x)\n' +
        '::error file=gone.mmd,title=archboard::cannot read gone.mmd: no such file\n',
    );
  });
});

describe('archboard import, render and export', () => {
  const drawio = join(fixtures, 'import/every-construct.drawio');

  it('import writes a board file that reads back', () => {
    const out = join(scratch, 'imported.json');
    const { status } = cli('import', drawio, '-o', out);
    expect(status).toBe(0);
    const board = parseBoardJson(readFileSync(out, 'utf8'), out);
    expect(board.blocks.length).toBe(importDiagram(readFileSync(drawio, 'utf8'), drawio).board.blocks.length);
    expect(board.blocks.length).toBeGreaterThan(3);
  });

  it('render writes an SVG with the labels as text, and a PNG that is not blank (spawned, as CI runs it)', () => {
    const md = file('render.md', TWO_BLOCKS);
    const svgPath = join(scratch, 'out.svg');
    const pngPath = join(scratch, 'out.png');
    const bin = join(root, 'bin/archboard.js');
    for (const out of [svgPath, pngPath]) {
      const run = spawnSync(process.execPath, [bin, 'render', md, '-o', out], { cwd: root, timeout: 60_000 });
      expect(run.status, run.stderr.toString()).toBe(0);
    }
    const svg = readFileSync(svgPath, 'utf8');
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toMatch(/<text [^>]*>Users<\/text>/);
    expect(svg).toMatch(/<text [^>]*>PostgreSQL<\/text>/);
    const png = decodePng(readFileSync(pngPath));
    expect(png.width).toBeGreaterThan(200);
    expect(luminanceVariance(png)).toBeGreaterThan(50);
  });

  it('export --mermaid writes Mermaid that imports back to the same blocks', () => {
    const out = join(scratch, 'out.mmd');
    expect(cli('export', drawio, '--mermaid', '-o', out).status).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^flowchart /);
    const original = importDiagram(readFileSync(drawio, 'utf8'), drawio).board;
    const back = importDiagram(text, out).board;
    expect(back.links.length).toBe(original.links.length);
    expect(back.blocks.map((b) => b.kind).sort()).toEqual(
      original.blocks
        .filter((b) => !['sketch', 'arrow'].includes(b.kind))
        .map((b) => b.kind)
        .sort(),
    );
  });

  it('refuses a render to an unknown picture type and export without a format', () => {
    expect(cli('render', drawio, '-o', join(scratch, 'x.gif')).status).toBe(2);
    expect(cli('export', drawio).status).toBe(2);
  });
});
