/**
 * The catalog (src/board/catalog.ts) is the only place that knows a block
 * kind: anywhere else in src and server, a kind id written as a string
 * literal and compared with or assigned to a kind (`kind === 'group'`,
 * `kind: 'note'`, `data-kind="note"`, `case 'cache':` in a switch on a kind,
 * a catalog lookup by name such as `kindInfo('shape')`) fails this test. Tests and templates are left out: they describe boards.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/board/catalog';

const ROOT = join(import.meta.dirname, '..', '..');
const CATALOG = join('src', 'board', 'catalog.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const kinds = KINDS.map((k) => k.replace(/[-]/g, '\\-')).join('|');
const lit = `(['"\`])(?:${kinds})\\1`;
/** A kind-ish name: `kind`, `b.kind`, `block.kind`, `newKind`, `data-kind`. */
const kindName = String.raw`[\w.$-]*[kK]ind\b`;
const PATTERNS = [
  new RegExp(String.raw`${kindName}\s*(?:===|!==|==|!=)\s*${lit}`), // kind === 'x'
  new RegExp(String.raw`${lit}\s*(?:===|!==|==|!=)\s*${kindName}`), // 'x' === kind
  new RegExp(String.raw`\bkind\s*:\s*${lit}`), // { kind: 'x' }
  new RegExp(String.raw`data-kind\s*=\s*\{?\s*${lit}`), // data-kind="x"
  // kindInfo('x'): ask by a trait (kindDrawnAs, preferredKindFor) instead
  new RegExp(
    String.raw`\b(?:kindInfo|entryOf|newBlockSize|idPrefixOf|kindColor|drawingOf|drawnAs|isLinkable|isKnownKind)\(\s*${lit}`,
  ),
  new RegExp(String.raw`\bcase\s+${lit}\s*:`), // case 'x': (checked only in a switch on a kind, below)
];

/** Every offending line of a source text, as "line: text". */
export function kindLiterals(text: string): string[] {
  const found: string[] = [];
  const lines = text.split('\n');
  let switchOnKind = false;
  lines.forEach((line, i) => {
    if (/switch\s*\(/.test(line)) switchOnKind = new RegExp(String.raw`switch\s*\(\s*${kindName}\s*\)`).test(line);
    PATTERNS.forEach((pattern, p) => {
      if (p === PATTERNS.length - 1 && !switchOnKind) return;
      if (pattern.test(line)) found.push(`${i + 1}: ${line.trim()}`);
    });
  });
  return found;
}

describe('block kinds outside the catalog', () => {
  it('finds the literals it is meant to find (so a clean result below means something)', () => {
    expect(kindLiterals(`if (b.kind === 'group') x();`)).toHaveLength(1);
    expect(kindLiterals(`const block = { id, kind: 'note', x, y };`)).toHaveLength(1);
    expect(kindLiterals(`<div data-kind="group" />`)).toHaveLength(1);
    expect(kindLiterals(`const size = kindInfo('shape').defaultSize;`)).toHaveLength(1);
    expect(kindLiterals(`const size = newBlockSize(kindDrawnAs('shape'));`)).toHaveLength(0);
    expect(kindLiterals(`switch (block.kind) {\n  case 'cache':\n    break;\n}`)).toHaveLength(1);
    expect(kindLiterals(`switch (op.op) {\n  case 'search':\n}`)).toHaveLength(0);
    expect(kindLiterals(`toast({ kind: 'error' }); flag === 'search';`)).toHaveLength(0);
  });

  it('has none in src and server', () => {
    const offenders: string[] = [];
    for (const dir of ['src', 'server']) {
      for (const file of sourceFiles(join(ROOT, dir))) {
        const path = relative(ROOT, file);
        if (path === CATALOG) continue;
        for (const hit of kindLiterals(readFileSync(file, 'utf8'))) offenders.push(`${path}:${hit}`);
      }
    }
    expect(offenders, 'ask the catalog (a trait of the entry) instead of naming a kind').toEqual([]);
  });
});
