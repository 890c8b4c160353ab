/**
 * Test support for rules, after ESLint's RuleTester: boards written tersely
 * with `sketch`, and `testRule(rule, { valid, invalid })` which asserts the
 * rule id and block ids of each finding, and that each quick fix, applied
 * with `applyOps`, leaves a valid board on which the finding is gone.
 */
import { describe, expect, it } from 'vitest';
import { readBoard } from '../board/format';
import { applyOps } from '../board/ops';
import { BOARD_FORMAT, type Block, type Board, type Link, type Requirements } from '../board/types';
import { lint } from './lint';
import type { Traffic } from './traffic';
import type { Finding, LintRule, Severity } from './types';

/** Reads and writes a second as `archboard lint --json` prints them, rounded to cents. */
export const trafficOf = (readQps: number, writeQps: number): Traffic => ({
  readQps: Math.round(readQps * 100) / 100,
  writeQps: Math.round(writeQps * 100) / 100,
});

/**
 * A board from two strings.
 * blocks: `id:kind` words, each optionally followed by `*replicas`, `@capacityQps`,
 *   `!` (managed), `^group` (parent), `=Label` and `+Tech` (underscores for spaces), such as
 *   `app:service*2=Shortener_API db:sql-db@20000+MySQL lb:load-balancer! cache:cache^zone`.
 * links: `from>to` (synchronous) or `from~>to` (async), optionally followed by
 *   `:protocol`, `*fanOut` and `(label)`, such as `app>db(reads) app~>q:event w>cache*200`.
 */
export function sketch(blocks: string, links = '', requirements?: Requirements): Board {
  const parsedBlocks: Block[] = blocks
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word, i) => {
      const m = /^([\w-]+):([\w-]+)(?:\*(\d+))?(?:@(\d+))?(!)?(?:\^([\w-]+))?(?:=([^+]+))?(?:\+(.+))?$/.exec(word);
      if (!m) throw new Error(`sketch: cannot read block "${word}"`);
      const block: Block = { id: m[1]!, kind: m[2]!, x: (i % 6) * 200, y: Math.floor(i / 6) * 150 };
      if (m[3]) block.replicas = Number(m[3]);
      if (m[4]) block.capacityQps = Number(m[4]);
      if (m[5]) block.managed = true;
      if (m[6]) block.parent = m[6];
      if (m[7]) block.label = m[7].replaceAll('_', ' ');
      if (m[8]) block.tech = m[8].replaceAll('_', ' ');
      return block;
    });
  const parsedLinks: Link[] = links
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word, i) => {
      const m = /^([\w-]+)(~?)>([\w-]+)(?::([\w-]+))?(?:\*(\d+))?(?:\(([^)]*)\))?$/.exec(word);
      if (!m) throw new Error(`sketch: cannot read link "${word}"`);
      const link: Link = { id: `l${i + 1}`, from: m[1]!, to: m[3]! };
      if (m[2]) link.async = true;
      if (m[4]) link.protocol = m[4];
      if (m[5]) link.fanOut = Number(m[5]);
      if (m[6]) link.label = m[6];
      return link;
    });
  const board: Board = { format: BOARD_FORMAT, blocks: parsedBlocks, links: parsedLinks };
  if (requirements) board.requirements = requirements;
  return readBoard(board); // a sketch must be a valid board, as files are
}

export interface ValidCase {
  name: string;
  board: Board;
}

export interface ExpectedFinding {
  blocks: string[];
  severity?: Severity;
  /** A fragment the message must contain, or a pattern it must match. */
  message?: string | RegExp;
}

export interface InvalidCase {
  name: string;
  board: Board;
  findings: ExpectedFinding[];
}

function sameFinding(a: Finding, b: Finding): boolean {
  return a.rule === b.rule && a.blocks.join(',') === b.blocks.join(',') && a.message === b.message;
}

/** Runs a rule over boards that must not fire and boards that must, with each fix checked. */
export function testRule(rule: LintRule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const id = rule.meta.id;
  const run = (board: Board) => lint(board, { disabledRules: [] }, [rule]);
  describe(id, () => {
    it.each(cases.valid.map((c) => [c.name, c] as const))('valid: %s', (_name, c) => {
      expect(run(c.board)).toEqual([]);
      // The whole linter must run on it too.
      expect(() => lint(c.board)).not.toThrow();
    });

    it.each(cases.invalid.map((c) => [c.name, c] as const))('invalid: %s', (_name, c) => {
      const findings = run(c.board);
      expect(findings.map((f) => f.rule)).toEqual(findings.map(() => id));
      expect(findings.map((f) => [...f.blocks].sort()).sort()).toEqual(
        c.findings.map((f) => [...f.blocks].sort()).sort(),
      );
      for (const expected of c.findings) {
        const found = findings.find((f) => [...f.blocks].sort().join() === [...expected.blocks].sort().join())!;
        if (expected.severity) expect(found.severity).toBe(expected.severity);
        if (typeof expected.message === 'string') expect(found.message).toContain(expected.message);
        else if (expected.message) expect(found.message).toMatch(expected.message);
        expect(found.why).toBe(rule.meta.why);
      }
      for (const finding of findings) {
        for (const fix of finding.fixes ?? []) {
          const fixed = applyOps(c.board, fix.ops);
          expect(() => readBoard(fixed), `fix "${fix.title}" leaves a valid board`).not.toThrow();
          const after = run(fixed);
          expect(
            after.some((f) => sameFinding(f, finding)),
            `fix "${fix.title}" removes its finding`,
          ).toBe(false);
          expect(
            after.filter((f) => f.blocks.join() === finding.blocks.join()),
            `fix "${fix.title}" removes its finding`,
          ).toEqual([]);
        }
      }
    });
  });
}

/** Requirements with a high availability target and read-heavy scale, as most tests want. */
export const READ_HEAVY_HA: Requirements = {
  availability: 99.99,
  scale: { dau: 1_000_000, readsPerUserPerDay: 10, writesPerUserPerDay: 1, bytesPerRead: 500, bytesPerWrite: 500 },
};
