/** `lint(board)`: every enabled rule over one set of facts, findings most severe first. */
import type { Board } from '../board/types';
import { LintFacts } from './facts';
import { RULES } from './rules';
import { SEVERITIES, type Finding, type LintOptions, type LintRule } from './types';

const severityRank = new Map(SEVERITIES.map((s, i) => [s, i]));

/** Orders findings by severity (errors first), then rule id; a rule's own findings keep its order. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank.get(a.severity)! - severityRank.get(b.severity)! || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)
  );
}

/**
 * Lints a board: its drawing against its requirements. Pure and synchronous;
 * the app re-runs it on every change, the CLI and the tests call it as is.
 */
export function lint(board: Board, options: LintOptions = {}, rules: readonly LintRule[] = RULES): Finding[] {
  const disabled = options.disabledRules ?? board.settings?.disabledRules ?? [];
  const facts = new LintFacts(board, options.estimate);
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (disabled.includes(rule.meta.id)) continue;
    for (const finding of rule.check(board, facts)) findings.push(finding);
  }
  return findings.sort(compareFindings);
}
