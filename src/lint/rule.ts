/** Helpers every rule file uses to declare itself and report findings. */
import type { Finding, LintRule, QuickFix, RuleMeta, Severity } from './types';

/** Declares a rule; the identity, for its type. */
export function defineRule(rule: LintRule): LintRule {
  return rule;
}

/** A finding of a rule, with the rule's reasoning as its `why`. */
export function report(
  meta: RuleMeta,
  message: string,
  blocks: string[],
  options: { severity?: Severity; fixes?: (QuickFix | undefined)[] } = {},
): Finding {
  const finding: Finding = {
    rule: meta.id,
    severity: options.severity ?? meta.severity,
    message,
    blocks,
    why: meta.why,
  };
  const fixes = options.fixes?.filter((f): f is QuickFix => f !== undefined && f.ops.length > 0);
  if (fixes && fixes.length > 0) finding.fixes = fixes;
  return finding;
}

/** "A", "A and B", "A, B and C". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
