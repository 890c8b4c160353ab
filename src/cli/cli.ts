/**
 * The `archboard` command line (board-format.md's contract), as a function of
 * its arguments and its input and output, so it reads the same in tests:
 *
 *   archboard lint FILE... [--json]    findings; exit 0 clean, 1 an error finding, 2 a bad file
 *   archboard estimate FILE [--json]   the back-of-the-envelope figures
 *   archboard repair DATA_DIR          recovers a damaged embedded store (server stopped)
 */
import { readFileSync } from 'node:fs';
import { BoardFormatError, parseBoardJson } from '../board/format';
import type { Board } from '../board/types';
import {
  estimate as estimateRequirements,
  estimateFigures,
  type Estimate,
  type EstimateFigures,
} from '../estimate/estimate';
import { formatBytes, formatBytesPerSecond, formatPerSecond, formatValue } from '../estimate/units';
import { LintFacts } from '../lint/facts';
import { lint } from '../lint/lint';
import { trafficByBlock, type Traffic } from '../lint/traffic';
import type { Finding, Severity } from '../lint/types';

/** Exit statuses of board-format.md: no error finding; at least one; a bad file or a usage error. */
export const EXIT_CLEAN = 0;
/** At least one finding of severity error. */
export const EXIT_ERROR_FINDINGS = 1;
/** A file that cannot be read or is not a valid board, or a usage error. */
export const EXIT_BAD_INPUT = 2;

/** The one-line usage printed with usage errors. */
export const USAGE =
  'Usage: archboard lint FILE... [--json] | archboard estimate FILE [--json] | archboard repair DATA_DIR | archboard --help';

const HELP = `${USAGE}

Commands:
  lint FILE...     Lint board files (archboard/v1 JSON) against their requirements.
                   Prints each finding's severity, rule, message and block ids.
  estimate FILE    Print the back-of-the-envelope figures of a board's requirements:
                   average and peak QPS, storage a day and in total, peak bandwidth.
  repair DATA_DIR  Recover a server's damaged embedded store (LevelDB) with the server
                   stopped: rebuilds the database from what is readable, moves records
                   that fail their checksum aside, and reports what it kept.

Options:
  --json           Machine-readable output. lint: for one file
                   { "findings": [{ "rule", "severity", "message", "blocks" }], "estimate": {...},
                     "traffic": { "<blockId>": { "readQps", "writeQps" } } },
                   for several an array of those, each with its "file".
  -h, --help       This help.

Exit status: 0 no finding of severity error; 1 at least one; 2 a file that cannot be
read or is not a valid board (the message names the file and the field path), or a
usage error. repair: 0 repaired, 1 it could not repair (the message says why).
`;

/** Where the command line reads files and writes its output: the process, or a test's capture. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): string;
}

/** The process's own streams and file system. */
export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFileSync(path, 'utf8'),
};

/** A finding as the JSON output carries it. */
interface FindingJson {
  rule: string;
  severity: Severity;
  message: string;
  blocks: string[];
}

interface LintReport {
  file: string;
  findings: Finding[];
  estimate: Estimate;
  traffic: Record<string, Traffic>;
}

function usageError(io: CliIo, problem: string): number {
  io.stderr(`archboard: ${problem}\n${USAGE}\n`);
  return EXIT_BAD_INPUT;
}

/** Reads and validates one board file; on failure writes why, naming the file and the field path. */
function loadBoard(io: CliIo, file: string): Board | undefined {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    io.stderr(`archboard: cannot read ${file}: ${reason}\n`);
    return undefined;
  }
  try {
    return parseBoardJson(text, file);
  } catch (err) {
    if (!(err instanceof BoardFormatError)) throw err;
    io.stderr(`archboard: ${err.message}\n`);
    return undefined;
  }
}

function findingJson(f: Finding): FindingJson {
  return { rule: f.rule, severity: f.severity, message: f.message, blocks: f.blocks };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function lintText(report: LintReport): string {
  const { file, findings } = report;
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

function runLint(io: CliIo, files: string[], json: boolean): number {
  const reports: LintReport[] = [];
  let badInput = false;
  for (const file of files) {
    const board = loadBoard(io, file);
    if (!board) {
      badInput = true;
      continue;
    }
    const estimate = estimateRequirements(board.requirements);
    reports.push({
      file,
      findings: lint(board, { estimate }),
      estimate,
      traffic: trafficByBlock(new LintFacts(board, estimate)),
    });
  }
  if (json) {
    const shaped = reports.map((r) => ({
      file: r.file,
      findings: r.findings.map(findingJson),
      estimate: estimateFigures(r.estimate),
      traffic: r.traffic,
    }));
    if (files.length === 1) {
      if (shaped[0]) {
        const { findings, estimate, traffic } = shaped[0];
        io.stdout(`${JSON.stringify({ findings, estimate, traffic }, null, 2)}\n`);
      }
    } else {
      io.stdout(`${JSON.stringify(shaped, null, 2)}\n`);
    }
  } else {
    io.stdout(reports.map(lintText).join('\n'));
  }
  if (badInput) return EXIT_BAD_INPUT;
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? EXIT_ERROR_FINDINGS : EXIT_CLEAN;
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

function runEstimate(io: CliIo, files: string[], json: boolean): number {
  if (files.length !== 1) return usageError(io, `estimate takes one FILE, got ${files.length}`);
  const file = files[0]!;
  const board = loadBoard(io, file);
  if (!board) return EXIT_BAD_INPUT;
  const e = estimateRequirements(board.requirements);
  io.stdout(json ? `${JSON.stringify(estimateFigures(e), null, 2)}\n` : estimateText(file, e));
  return EXIT_CLEAN;
}

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

/** The arguments read: a command and its operands, or the exit status already decided (help, a usage error). */
function parseArgs(
  argv: readonly string[],
  io: CliIo,
): { command: string; operands: string[]; json: boolean } | number {
  let json = false;
  const words: string[] = [];
  for (const arg of argv) {
    if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') {
      io.stdout(HELP);
      return EXIT_CLEAN;
    } else if (arg.startsWith('-') && arg !== '-') return usageError(io, `unknown option ${arg}`);
    else words.push(arg);
  }
  const [command, ...operands] = words;
  if (command === undefined) return usageError(io, 'no command');
  return { command, operands, json };
}

/**
 * Runs the file commands (lint, estimate) on the arguments (without `node` and
 * the script) and returns the exit status. runCommand runs every command.
 */
export function runCli(argv: readonly string[], io: CliIo = processIo): number {
  const args = parseArgs(argv, io);
  if (typeof args === 'number') return args;
  const { command, operands: files, json } = args;
  if (command === 'lint')
    return files.length === 0 ? usageError(io, 'lint needs at least one FILE') : runLint(io, files, json);
  if (command === 'estimate') return runEstimate(io, files, json);
  if (command === 'repair') return usageError(io, 'repair runs through runCommand');
  return usageError(io, `unknown command ${command}`);
}

/** Runs any command, `repair` (which waits on LevelDB) included; what bin/archboard.js calls. */
export async function runCommand(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const args = parseArgs(argv, io);
  if (typeof args !== 'number' && args.command === 'repair') return runRepair(io, args.operands);
  return typeof args === 'number' ? args : runCli(argv, io);
}
