import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBoardJson } from '../board/format';
import { applyOps } from '../board/ops';
import { estimate } from '../estimate/estimate';
import { lint, RULE_METAS, RULES, ruleById, SEVERITIES, type Finding } from './index';
import { sketch } from './testing';

const examples = join(import.meta.dirname, '../../examples');
const readExample = (name: string) => parseBoardJson(readFileSync(join(examples, name), 'utf8'), name);

/** The rule ids of board-format.md's table: a contract. */
const CONTRACT_RULE_IDS = [
  'missing-search',
  'missing-load-balancer',
  'missing-cdn',
  'missing-object-storage',
  'missing-cache',
  'missing-queue',
  'missing-analytics',
  'missing-realtime-gateway',
  'missing-database',
  'missing-monitoring',
  'single-point-of-failure',
  'under-provisioned',
  'client-to-database',
  'shared-database',
  'orphan-block',
  'queue-without-consumer',
  'cache-without-store',
  'cdn-without-origin',
];

const summary = (findings: Finding[]) => findings.map((f) => `${f.severity} ${f.rule} [${f.blocks.join(',')}]`);

describe('lint: the example boards', () => {
  it('url-shortener.json has no error (nor anything else)', () => {
    const findings = lint(readExample('url-shortener.json'));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(summary(findings)).toEqual([]);
  });

  it('url-shortener-draft.json gets exactly the problems its README lists', () => {
    const findings = lint(readExample('url-shortener-draft.json'));
    expect(summary(findings)).toEqual([
      // A single API instance and a single database with no replica under a 99.99% target.
      'error single-point-of-failure [app]',
      'error single-point-of-failure [db]',
      // No analytics pipeline though analytics is required, no load balancer, no monitoring.
      'warning missing-analytics []',
      'warning missing-load-balancer [app]',
      'warning missing-monitoring []',
      // A cache that nothing uses.
      'warning orphan-block [cache]',
    ]);
  });

  it('the draft is clean once every first fix is applied', () => {
    let board = readExample('url-shortener-draft.json');
    for (let round = 0; round < 10; round++) {
      const fixable = lint(board).find((f) => f.fixes?.length);
      if (!fixable) break;
      board = applyOps(board, fixable.fixes![0]!.ops);
    }
    expect(summary(lint(board))).toEqual([]);
  });
});

describe('lint: the registry', () => {
  it('has every rule id of the board format contract, each once', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of CONTRACT_RULE_IDS) expect(ids).toContain(id);
  });

  it('describes every rule for the UI', () => {
    for (const meta of RULE_METAS) {
      expect(meta.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(SEVERITIES).toContain(meta.severity);
      expect(meta.description.length).toBeGreaterThan(20);
      expect(meta.why.length).toBeGreaterThan(40);
      expect(ruleById(meta.id)?.meta).toBe(meta);
    }
  });
});

describe('lint: options and order', () => {
  const draft = readExample('url-shortener-draft.json');

  it('sorts by severity, then rule id', () => {
    const findings = lint(draft);
    const keys = findings.map((f) => [SEVERITIES.indexOf(f.severity), f.rule] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    expect(keys).toEqual(sorted);
  });

  it("skips the board settings' disabled rules, unless the options say otherwise", () => {
    const quiet = { ...draft, settings: { disabledRules: ['single-point-of-failure', 'orphan-block'] } };
    expect(lint(quiet).map((f) => f.rule)).not.toContain('single-point-of-failure');
    expect(lint(quiet).map((f) => f.rule)).not.toContain('orphan-block');
    expect(lint(quiet, { disabledRules: [] }).map((f) => f.rule)).toContain('single-point-of-failure');
    expect(lint(draft, { disabledRules: ['missing-monitoring'] }).map((f) => f.rule)).not.toContain(
      'missing-monitoring',
    );
  });

  it('uses a precomputed estimate when given one', () => {
    const board = sketch('client:client lb:load-balancer*2 app:service*2', 'client>lb lb>app');
    expect(lint(board).filter((f) => f.rule === 'under-provisioned')).toEqual([]);
    const busy = estimate({ scale: { dau: 10_000_000, readsPerUserPerDay: 100 } });
    expect(lint(board, { estimate: busy }).map((f) => f.rule)).toContain('under-provisioned');
  });

  it('runs on an empty board and on links to missing blocks without throwing', () => {
    expect(lint({ format: 'archboard/v1', blocks: [], links: [] })).toEqual([]);
    const dangling = {
      format: 'archboard/v1' as const,
      blocks: [{ id: 'a', kind: 'service', x: 0, y: 0 }],
      links: [{ id: 'l', from: 'a', to: 'gone' }],
    };
    // The link to nothing connects nothing: the service is as alone as it looks.
    expect(lint(dangling).map((f) => [f.rule, f.blocks])).toEqual([['orphan-block', ['a']]]);
  });

  it('gives every finding a why and only fixes with ops', () => {
    for (const finding of lint(draft)) {
      expect(finding.why).toBe(ruleById(finding.rule)!.meta.why);
      for (const fix of finding.fixes ?? []) expect(fix.ops.length).toBeGreaterThan(0);
    }
  });
});

describe('lint: boards from elsewhere', () => {
  it('names a block of a kind the catalog does not know by its kind, and gives it no role', () => {
    const board = sketch('client:client app:service', 'client>app');
    board.blocks.push({ id: 'q', kind: 'quantum-cache', x: 0, y: 300 });
    board.links.push({ id: 'lq', from: 'app', to: 'q' });
    const findings = lint(board);
    // The unknown kind has no role: the linter judges the blocks it knows and passes it over.
    expect(findings.map((f) => f.rule)).toEqual(['single-point-of-failure']);
    expect(findings[0]!.blocks).toEqual(['app']);
    expect(findings.flatMap((f) => f.blocks)).not.toContain('q');
  });

  it('keeps the re-pointed client link of the load balancer fix', () => {
    const board = sketch('client:client app:service*3', 'client>app:http(HTTPS)');
    const fix = lint(board).find((f) => f.rule === 'missing-load-balancer')!.fixes![0]!;
    const fixed = applyOps(board, fix.ops);
    const link = fixed.links.find((l) => l.id === 'l1')!;
    expect(link.label).toBe('HTTPS');
    expect(fixed.blocks.find((b) => b.id === link.to)?.kind).toBe('load-balancer');
  });
});
