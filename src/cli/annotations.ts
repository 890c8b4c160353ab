/**
 * Lint results for CI: a SARIF 2.1.0 log for code scanning, and GitHub
 * Actions workflow commands (`::error file=…,line=…::…`) that annotate the
 * lines of a pull request. Both carry the findings of every diagram and the
 * files that could not be read.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULE_METAS } from '../lint';
import type { Finding, Severity } from '../lint/types';

/** One finding where it is: the file and the 1-based line. */
export interface LocatedFinding {
  file: string;
  line: number;
  finding: Finding;
}

/** A file that could not be linted, and why. */
export interface InputProblem {
  file: string;
  line?: number;
  message: string;
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};
const GITHUB_COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  info: 'notice',
};

/** A path as a SARIF artifact URI: relative to the working directory (the repository root in CI) when inside it. */
export function artifactUri(file: string, cwd = process.cwd()): string {
  const rel = isAbsolute(file) ? relative(cwd, file) : file;
  if (isAbsolute(rel) || rel.startsWith('..')) return pathToFileURL(file).href;
  return rel.split(sep).join('/').split('/').map(encodeURIComponent).join('/');
}

function messageText(f: Finding): string {
  return f.blocks.length > 0 ? `${f.message} (blocks: ${f.blocks.join(', ')})` : f.message;
}

function location(file: string, line: number, cwd?: string) {
  return { physicalLocation: { artifactLocation: { uri: artifactUri(file, cwd) }, region: { startLine: line } } };
}

/** The SARIF 2.1.0 log of a lint run: one run of the `archboard` driver, its rules, its results. */
export function sarifLog(findings: readonly LocatedFinding[], problems: readonly InputProblem[], cwd?: string): object {
  const ruleIndex = new Map(RULE_METAS.map((m, i) => [m.id, i]));
  return {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'archboard',
            fullName: 'Archboard design linter',
            rules: RULE_METAS.map((m) => ({
              id: m.id,
              shortDescription: { text: m.description },
              fullDescription: { text: m.why },
              help: { text: m.why },
              defaultConfiguration: { level: SARIF_LEVEL[m.severity] },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: problems.length === 0,
            toolExecutionNotifications: problems.map((p) => ({
              level: 'error',
              message: { text: p.message },
              locations: [location(p.file, p.line ?? 1, cwd)],
            })),
          },
        ],
        results: findings.map(({ file, line, finding }) => {
          const index = ruleIndex.get(finding.rule);
          return {
            ruleId: finding.rule,
            ...(index !== undefined ? { ruleIndex: index } : {}),
            level: SARIF_LEVEL[finding.severity],
            message: { text: messageText(finding) },
            locations: [
              {
                ...location(file, line, cwd),
                logicalLocations: finding.blocks.map((id) => ({ name: id, kind: 'element' })),
              },
            ],
            properties: { blocks: finding.blocks },
          };
        }),
      },
    ],
  };
}

/** A workflow command's message: `%`, CR and LF escaped, as the runner reads them. */
function commandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: also `:` and `,`, which end a property. */
function commandProperty(text: string): string {
  return commandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions annotations, one line each: findings, then the files that could not be read. */
export function githubAnnotations(findings: readonly LocatedFinding[], problems: readonly InputProblem[]): string {
  const lines = findings.map(
    ({ file, line, finding }) =>
      `::${GITHUB_COMMAND[finding.severity]} file=${commandProperty(file)},line=${line},title=${commandProperty(`archboard ${finding.rule}`)}::${commandData(messageText(finding))}`,
  );
  for (const p of problems)
    lines.push(
      `::error file=${commandProperty(p.file)}${p.line !== undefined ? `,line=${p.line}` : ''},title=archboard::${commandData(p.message)}`,
    );
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
