/**
 * docs/rules stays true to the code: a page per rule with its severity, boards
 * that fire and do not fire as the page says, and a README listing every rule
 * and every capacity default of the catalog.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../board/catalog';
import { readBoard } from '../board/format';
import { lint } from './lint';
import { RULES } from './rules';

const docs = join(import.meta.dirname, '../../docs/rules');
const readDoc = (name: string) => readFileSync(join(docs, name), 'utf8');
const squash = (text: string) => text.replace(/\s+/g, ' ');

/** The first ```json block after a heading. */
function boardAfter(page: string, heading: string) {
  const at = page.indexOf(`\n## ${heading}\n`);
  expect(at, `a "## ${heading}" section`).toBeGreaterThan(-1);
  const m = /```json\n([\s\S]*?)```/.exec(page.slice(at));
  expect(m, `a json board under "## ${heading}"`).not.toBeNull();
  return readBoard(JSON.parse(m![1]!));
}

describe('docs/rules', () => {
  it('has a page for every rule and none for rules that do not exist', () => {
    const pages = readdirSync(docs)
      .filter((f) => f.endsWith('.md') && f !== 'README.md')
      .map((f) => f.slice(0, -3))
      .sort();
    expect(pages).toEqual(RULES.map((r) => r.meta.id).sort());
  });

  it.each(RULES.map((r) => [r.meta.id, r] as const))(
    '%s: the page names the rule and its severity, and its boards do what it says',
    (id, rule) => {
      const page = readDoc(`${id}.md`);
      expect(page.startsWith(`# ${id}\n`)).toBe(true);
      expect(/\*\*Severity:\*\*(.*)/.exec(page)?.[1]).toContain(rule.meta.severity);

      const fires = lint(boardAfter(page, 'Fires'), { disabledRules: [] }, [rule]);
      expect(fires.length).toBeGreaterThan(0);
      // The page quotes what the rule says about its board.
      expect(fires.some((f) => squash(page).includes(squash(f.message).replace(/\.$/, '')))).toBe(true);
      expect(lint(boardAfter(page, 'Does not fire'), { disabledRules: [] }, [rule])).toEqual([]);
      expect(page).toContain('\n## Why\n');
      expect(page).toContain('\n## Quick fix\n');
    },
  );

  it('README lists every rule with its severity', () => {
    const readme = readDoc('README.md');
    for (const { meta } of RULES) {
      const row = readme.split('\n').find((line) => line.startsWith(`| [${meta.id}](${meta.id}.md) |`));
      expect(row, meta.id).toBeDefined();
      expect(row!.split('|')[2]).toContain(meta.severity);
    }
  });

  it("README's worked capacity message is what the linter says of its board", () => {
    const readme = readDoc('README.md');
    const board = boardAfter(readme, 'A capacity message, worked');
    const at = readme.indexOf('\n## A capacity message, worked\n');
    const quoted = /\n> (.+)\n/.exec(readme.slice(at))?.[1];
    const said = lint(board)
      .filter((f) => f.rule === 'under-provisioned')
      .map((f) => f.message);
    expect(said).toEqual([quoted]);
  });

  it('README lists the capacity default and source of every kind that takes load', () => {
    const readme = readDoc('README.md');
    for (const entry of CATALOG) {
      if (entry.capacityQps === null) continue;
      expect(readme, entry.kind).toContain(
        `| \`${entry.kind}\` | ${entry.capacityQps.toLocaleString('en-US')} | ${entry.capacitySource} |`,
      );
    }
  });
});
