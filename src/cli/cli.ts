/**
 * The `archboard` command line (board-format.md's contract), as a function of
 * its arguments and its input and output, so it reads the same in tests:
 *
 *   archboard lint FILE... [--format text|json|sarif|github] [--requirements FILE]
 *                                      findings; exit 0 clean, 1 an error finding, 2 a bad file
 *   archboard estimate FILE [--json]   the back-of-the-envelope figures
 *   archboard import FILE [-o OUT]     any supported diagram as a board file
 *   archboard render FILE [-o OUT.svg|OUT.png]   the diagram as a picture
 *   archboard export FILE --mermaid [-o OUT]     the diagram as Mermaid text
 *   archboard repair DATA_DIR          recovers a damaged embedded store (server stopped)
 *
 * FILE is a board (.json), Mermaid (.mmd), Excalidraw (.excalidraw), draw.io
 * (.drawio, .xml) or Markdown file (each ```mermaid flowchart block).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { writeBoard } from '../board/format';
import type { Board } from '../board/types';
import {
  estimate as estimateRequirements,
  estimateFigures,
  type Estimate,
  type EstimateFigures,
} from '../estimate/estimate';
import { formatBytes, formatBytesPerSecond, formatPerSecond, formatValue } from '../estimate/units';
import { boardToMermaid, mermaidLimitWarnings } from '../export/mermaid';
import { boardToSvg } from '../export/svg';
import { LintFacts } from '../lint/facts';
import { lint } from '../lint/lint';
import { trafficByBlock, type Traffic } from '../lint/traffic';
import type { Finding, Severity } from '../lint/types';
import { githubAnnotations, sarifLog, type InputProblem, type LocatedFinding } from './annotations';
import { DiagramError, findingLine, loadDiagrams, type Diagram } from './diagrams';
import { svgToPng } from './png';

/** Exit statuses of board-format.md: no error finding; at least one; a bad file or a usage error. */
export const EXIT_CLEAN = 0;
/** At least one finding of severity error. */
export const EXIT_ERROR_FINDINGS = 1;
/** A file that cannot be read or is not a valid board, or a usage error. */
export const EXIT_BAD_INPUT = 2;

/** The one-line usage printed with usage errors. */
export const USAGE =
  'Usage: archboard lint FILE... [--format text|json|sarif|github] [--requirements FILE] | archboard estimate FILE [--json] | archboard import FILE [-o OUT] | archboard render FILE [-o OUT.svg|OUT.png] | archboard export FILE --mermaid [-o OUT] | archboard repair DATA_DIR | archboard --help';

const HELP = `${USAGE}

FILE is a board (archboard/v1 JSON), a Mermaid flowchart (.mmd), an Excalidraw scene
(.excalidraw), a draw.io file (.drawio, .xml) or a Markdown file, where every \`\`\`mermaid
flowchart block is a diagram of its own, at the line it starts on.

Commands:
  lint FILE...     Lint diagrams against their requirements. Prints each finding's
                   severity, rule, message and block ids.
  estimate FILE    Print the back-of-the-envelope figures of a diagram's requirements:
                   average and peak QPS, storage a day and in total, peak bandwidth.
  import FILE      Write the diagram as a board file (the first flowchart of a Markdown file).
  render FILE      Draw the diagram as SVG, or as PNG when OUT ends in .png.
  export FILE      With --mermaid: write the diagram as a Mermaid flowchart.
  repair DATA_DIR  Recover a server's damaged embedded store (LevelDB) with the server
                   stopped: rebuilds the database from what is readable, moves records
                   that fail their checksum aside, and reports what it kept.

Options:
  --format F       lint's output: text (the default); json; sarif (SARIF 2.1.0, for code
                   scanning); github (workflow annotations, ::error file=...,line=...::).
  --json           The same as --format json. lint: for one diagram
                   { "findings": [{ "rule", "severity", "message", "blocks" }], "estimate": {...},
                     "traffic": { "<blockId>": { "readQps", "writeQps" } } },
                   for several an array of those, each with its "file" (and "line").
  --requirements FILE
                   Requirements for the files that are not boards (a JSON object with
                   "requirements", or the requirements themselves). Without it, a
                   Markdown file's front matter "requirements", else a sidecar
                   <name>.requirements.json beside <name>.mmd.
  -o, --output OUT Where import, render and export write (standard output without it;
                   render needs it for PNG).
  -h, --help       This help.

Exit status: 0 no finding of severity error; 1 at least one; 2 a file that cannot be
read or is not a valid diagram (the message names the file and the field path or
line), or a usage error. repair: 0 repaired, 1 it could not repair (the message says why).
`;

/** Where the command line reads files and writes its output: the process, or a test's capture. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): string;
  /** Where import, render and export write their -o file; the file system when absent. */
  writeFile?(path: string, data: string | Uint8Array): void;
}

/** The process's own streams and file system. */
export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, data) => writeFileSync(path, data),
};

/** A finding as the JSON output carries it. */
interface FindingJson {
  rule: string;
  severity: Severity;
  message: string;
  blocks: string[];
}

interface LintReport {
  diagram: Diagram;
  findings: Finding[];
  estimate: Estimate;
  traffic: Record<string, Traffic>;
}

type LintFormat = 'text' | 'json' | 'sarif' | 'github';
const LINT_FORMATS: readonly LintFormat[] = ['text', 'json', 'sarif', 'github'];

interface Options {
  format?: string;
  json: boolean;
  requirements?: string;
  output?: string;
  mermaid: boolean;
}

function usageError(io: CliIo, problem: string): number {
  io.stderr(`archboard: ${problem}\n${USAGE}\n`);
  return EXIT_BAD_INPUT;
}

/** The diagrams of a file, or undefined after writing why they cannot be read (naming the file). */
function load(io: CliIo, file: string, options: Options, problems?: InputProblem[]): Diagram[] | undefined {
  try {
    const diagrams = loadDiagrams(io, file, options.requirements);
    for (const d of diagrams)
      for (const note of d.notes)
        io.stderr(`archboard: ${d.file}${d.line !== undefined ? `:${d.line}` : ''}: ${note}\n`);
    return diagrams;
  } catch (err) {
    if (!(err instanceof DiagramError)) throw err;
    io.stderr(`archboard: ${err.message}\n`);
    problems?.push({ file: err.file, ...(err.line !== undefined ? { line: err.line } : {}), message: err.message });
    return undefined;
  }
}

/** The one diagram a command that takes one FILE works on: a Markdown file's first flowchart. */
function loadOne(io: CliIo, file: string, options: Options): Diagram | undefined {
  const diagrams = load(io, file, options);
  if (!diagrams) return undefined;
  if (diagrams.length === 0) {
    io.stderr(`archboard: ${file} has no \`\`\`mermaid flowchart block\n`);
    return undefined;
  }
  if (diagrams.length > 1)
    io.stderr(`archboard: ${file} has ${diagrams.length} flowcharts; using the first, at line ${diagrams[0]!.line}\n`);
  return diagrams[0];
}

function findingJson(f: Finding): FindingJson {
  return { rule: f.rule, severity: f.severity, message: f.message, blocks: f.blocks };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

const where = (d: Diagram) => (d.line !== undefined ? `${d.file}:${d.line}` : d.file);

function lintText(report: LintReport): string {
  const { findings } = report;
  const file = where(report.diagram);
  if (findings.length === 0) return `${file}: no findings\n`;
  const ruleWidth = Math.max(...findings.map((f) => f.rule.length));
  const lines = findings.map((f) => {
    const blocks = f.blocks.length > 0 ? `  (blocks: ${f.blocks.join(', ')})` : '';
    return `  ${f.severity.padEnd(7)}  ${f.rule.padEnd(ruleWidth)}  ${f.message}${blocks}`;
  });
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const totals = `${plural(findings.length, 'finding')}: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info`;
  return `${file}\n${lines.join('\n')}\n  ${totals}\n`;
}

function runLint(io: CliIo, files: string[], options: Options): number {
  const format = (options.format ?? (options.json ? 'json' : 'text')) as LintFormat;
  if (!LINT_FORMATS.includes(format))
    return usageError(io, `unknown --format ${options.format}: one of ${LINT_FORMATS.join(', ')}`);
  const reports: LintReport[] = [];
  const problems: InputProblem[] = [];
  const empty: string[] = [];
  for (const file of files) {
    const diagrams = load(io, file, options, problems);
    if (!diagrams) continue;
    if (diagrams.length === 0) empty.push(file);
    for (const diagram of diagrams) {
      const estimate = estimateRequirements(diagram.board.requirements);
      reports.push({
        diagram,
        findings: lint(diagram.board, { estimate }),
        estimate,
        traffic: trafficByBlock(new LintFacts(diagram.board, estimate)),
      });
    }
  }
  const located = (): LocatedFinding[] =>
    reports.flatMap((r) =>
      r.findings.map((finding) => ({ file: r.diagram.file, line: findingLine(r.diagram, finding.blocks), finding })),
    );
  if (format === 'json') {
    const shaped = reports.map((r) => ({
      file: r.diagram.file,
      ...(r.diagram.line !== undefined ? { line: r.diagram.line } : {}),
      findings: r.findings.map(findingJson),
      estimate: estimateFigures(r.estimate),
      traffic: r.traffic,
    }));
    if (files.length === 1 && shaped.length <= 1) {
      if (shaped[0]) {
        const { file: _file, ...one } = shaped[0];
        io.stdout(`${JSON.stringify(one, null, 2)}\n`);
      }
    } else {
      io.stdout(`${JSON.stringify(shaped, null, 2)}\n`);
    }
  } else if (format === 'sarif') {
    io.stdout(`${JSON.stringify(sarifLog(located(), problems), null, 2)}\n`);
  } else if (format === 'github') {
    io.stdout(githubAnnotations(located(), problems));
  } else {
    const text = [...reports.map(lintText), ...empty.map((f) => `${f}: no Mermaid flowchart blocks\n`)];
    io.stdout(text.join('\n'));
  }
  if (problems.length > 0) return EXIT_BAD_INPUT;
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? EXIT_ERROR_FINDINGS : EXIT_CLEAN;
}

/** Writes a command's output to -o, or to standard output. */
function emit(io: CliIo, output: string | undefined, data: string | Uint8Array): number {
  if (output === undefined || output === '-') {
    if (typeof data !== 'string') return usageError(io, 'a PNG needs -o FILE');
    io.stdout(data);
    return EXIT_CLEAN;
  }
  try {
    (io.writeFile ?? processIo.writeFile)!(output, data);
  } catch (err) {
    io.stderr(`archboard: cannot write ${output}: ${(err as Error).message}\n`);
    return EXIT_BAD_INPUT;
  }
  return EXIT_CLEAN;
}

function oneFile(io: CliIo, command: string, files: string[]): string | number {
  return files.length === 1 ? files[0]! : usageError(io, `${command} takes one FILE, got ${files.length}`);
}

function runImport(io: CliIo, files: string[], options: Options): number {
  const file = oneFile(io, 'import', files);
  if (typeof file === 'number') return file;
  const diagram = loadOne(io, file, options);
  if (!diagram) return EXIT_BAD_INPUT;
  const board: Board = diagram.board;
  const status = emit(io, options.output, writeBoard(board));
  if (status === EXIT_CLEAN && options.output)
    io.stderr(
      `archboard: wrote ${options.output}: ${plural(board.blocks.length, 'block')}, ${plural(board.links.length, 'link')}\n`,
    );
  return status;
}

function runRender(io: CliIo, files: string[], options: Options): number {
  const file = oneFile(io, 'render', files);
  if (typeof file === 'number') return file;
  const output = options.output;
  if (output !== undefined && output !== '-' && !/\.(svg|png)$/i.test(output))
    return usageError(io, `render writes .svg or .png, not ${output}`);
  const diagram = loadOne(io, file, options);
  if (!diagram) return EXIT_BAD_INPUT;
  const svg = boardToSvg(diagram.board);
  return emit(io, output, output && /\.png$/i.test(output) ? svgToPng(svg) : svg);
}

function runExport(io: CliIo, files: string[], options: Options): number {
  const file = oneFile(io, 'export', files);
  if (typeof file === 'number') return file;
  if (!options.mermaid) return usageError(io, 'export needs a format: --mermaid');
  const diagram = loadOne(io, file, options);
  if (!diagram) return EXIT_BAD_INPUT;
  const text = boardToMermaid(diagram.board);
  for (const warning of mermaidLimitWarnings(text)) io.stderr(`archboard: ${file}: ${warning}\n`);
  return emit(io, options.output, text);
}

const FIGURE_TEXT: Record<keyof EstimateFigures, (v: number) => string> = {
  avgReadQps: formatPerSecond,
  avgWriteQps: formatPerSecond,
  avgQps: formatPerSecond,
  peakReadQps: formatPerSecond,
  peakWriteQps: formatPerSecond,
  peakQps: formatPerSecond,
  storagePerDayBytes: (v) => `${formatBytes(v)}/day`,
  storageTotalBytes: formatBytes,
  peakBandwidthBytesPerSec: formatBytesPerSecond,
};

function estimateText(file: string, e: Estimate): string {
  const figures = estimateFigures(e);
  const lines = [file];
  for (const [key, value] of Object.entries(figures) as [keyof EstimateFigures, number][])
    lines.push(`  ${key.padEnd(26)}${FIGURE_TEXT[key](value)}`);
  if (e.steps.length > 0) {
    lines.push('', 'How:');
    const width = Math.max(...e.steps.map((s) => s.label.length));
    for (const step of e.steps)
      lines.push(`  ${step.label.padEnd(width)}  ${step.formula} = ${formatValue(step.value, step.unit)}`);
  }
  if (e.assumed.length > 0)
    lines.push(
      '',
      `Assumed defaults: ${e.assumed.map((f) => `${f} ${f === 'peakFactor' ? e.peakFactor : e.replicationFactor}`).join(', ')}`,
    );
  if (e.missing.length > 0) lines.push(`Not given (their figures are 0): ${e.missing.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

function runEstimate(io: CliIo, files: string[], options: Options): number {
  const file = oneFile(io, 'estimate', files);
  if (typeof file === 'number') return file;
  const diagram = loadOne(io, file, options);
  if (!diagram) return EXIT_BAD_INPUT;
  const e = estimateRequirements(diagram.board.requirements);
  io.stdout(options.json ? `${JSON.stringify(estimateFigures(e), null, 2)}\n` : estimateText(where(diagram), e));
  return EXIT_CLEAN;
}

/** Options that take a value. */
const VALUE_OPTIONS: Record<string, 'format' | 'requirements' | 'output'> = {
  '--format': 'format',
  '--requirements': 'requirements',
  '-o': 'output',
  '--output': 'output',
};

/** Exit status of a repair that could not be done. */
export const EXIT_REPAIR_FAILED = 1;

async function runRepair(io: CliIo, dirs: string[]): Promise<number> {
  if (dirs.length !== 1) return usageError(io, `repair takes one DATA_DIR, got ${dirs.length}`);
  // Loaded only here: lint and estimate do not need LevelDB.
  const { repairDataDir, repairReportText } = await import('../../server/storage/repair');
  try {
    io.stdout(repairReportText(await repairDataDir(dirs[0]!)));
    return EXIT_CLEAN;
  } catch (err) {
    io.stderr(`archboard: cannot repair ${dirs[0]}: ${(err as Error).message}\n`);
    return EXIT_REPAIR_FAILED;
  }
}

/**
 * Runs the file commands (lint, estimate, import, render, export) on the
 * arguments (without `node` and the script) and returns the exit status.
 * runCommand runs every command.
 */
export function runCli(argv: readonly string[], io: CliIo = processIo): number {
  const options: Options = { json: false, mermaid: false };
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq !== -1 ? arg.slice(0, eq) : arg;
    const key = VALUE_OPTIONS[name];
    if (key) {
      const value = name !== arg ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) return usageError(io, `${name} needs a value`);
      options[key] = value;
    } else if (arg === '--json') options.json = true;
    else if (arg === '--mermaid') options.mermaid = true;
    else if (arg === '--help' || arg === '-h') {
      io.stdout(HELP);
      return EXIT_CLEAN;
    } else if (arg.startsWith('-') && arg !== '-') return usageError(io, `unknown option ${arg}`);
    else words.push(arg);
  }
  const [command, ...files] = words;
  if (command === undefined) return usageError(io, 'no command');
  if (command === 'lint')
    return files.length === 0 ? usageError(io, 'lint needs at least one FILE') : runLint(io, files, options);
  if (command === 'estimate') return runEstimate(io, files, options);
  if (command === 'import') return runImport(io, files, options);
  if (command === 'render') return runRender(io, files, options);
  if (command === 'export') return runExport(io, files, options);
  if (command === 'repair') return usageError(io, 'repair runs through runCommand');
  return usageError(io, `unknown command ${command}`);
}

/** Runs any command, `repair` (which waits on LevelDB) included; what bin/archboard.js calls. */
export async function runCommand(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const options = argv.filter((a) => a.startsWith('-') && a !== '-');
  const [command, ...operands] = argv.filter((a) => !a.startsWith('-') || a === '-');
  if (command === 'repair' && options.length === 0) return runRepair(io, operands);
  return runCli(argv, io);
}
