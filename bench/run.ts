/**
 * `npm run bench [-- suite...]`: runs the benchmarks and writes their figures,
 * with the machine and the date, to bench/RESULTS.md. Each suite owns one
 * section of that file; running some suites leaves the others' sections as
 * they were. Benchmarks, never timed tests, check speed and memory targets.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { machineDescription } from './machine';

export interface BenchSuite {
  title: string;
  /** Runs the benchmark and returns its section of RESULTS.md as Markdown. */
  run(): Promise<string>;
}

const suites: Record<string, () => Promise<{ default: BenchSuite }>> = {
  render: () => import('./render'),
  lint: () => import('./lint'),
  sync: () => import('./sync'),
  history: () => import('./history'),
  cluster: () => import('./cluster'),
  capacity: () => import('./capacity'),
};

const resultsPath = join(import.meta.dirname, 'RESULTS.md');

function readSections(): Map<string, string> {
  const sections = new Map<string, string>();
  if (!existsSync(resultsPath)) return sections;
  const text = readFileSync(resultsPath, 'utf8');
  for (const m of text.matchAll(/<!-- bench:(\w+) -->\n([\s\S]*?)<!-- \/bench:\1 -->/g)) sections.set(m[1]!, m[2]!);
  return sections;
}

async function main() {
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = asked.filter((name) => !(name in suites));
  if (unknown.length > 0) {
    console.error(`Unknown suite(s): ${unknown.join(', ')}. Suites: ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }
  const names = asked.length > 0 ? asked : Object.keys(suites);
  const written = new Map<string, string>();
  for (const name of names) {
    const suite = (await suites[name]!()).default;
    console.log(`\n== ${suite.title}`);
    const body = await suite.run();
    console.log(body);
    written.set(name, `${body.trim()}\n\n_Run ${new Date().toISOString().slice(0, 10)} on ${machineDescription()}._\n`);
  }
  // Read the file only now: a long run must not put back sections someone rewrote meanwhile.
  const sections = readSections();
  for (const [name, section] of written) sections.set(name, section);
  const ordered = Object.keys(suites).filter((n) => sections.has(n));
  const out = [
    '# Benchmark results',
    '',
    'Written by `npm run bench`. Figures are medians of repeated runs unless a line says otherwise;',
    'each suite compares against a reference measured in the same run.',
    '',
    ...ordered.map((n) => `<!-- bench:${n} -->\n${sections.get(n)!.trim()}\n<!-- /bench:${n} -->\n`),
  ].join('\n');
  writeFileSync(resultsPath, out);
  console.log(`\nWrote ${resultsPath}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
