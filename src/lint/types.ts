/**
 * The linter's vocabulary: findings, quick fixes and the shape of a rule.
 * A rule is data plus one pure function, after ESLint's `{ meta, create }`.
 */
import type { Board } from '../board/types';
import type { BoardOp } from '../board/ops';
import type { Estimate } from '../estimate/estimate';
import type { LintFacts } from './facts';

/** How bad a finding is: error (fails the requirements), warning (missing or mis-wired), info (worth a word). */
export type Severity = 'error' | 'warning' | 'info';

/** Most severe first: the order findings are listed in. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** A one-click repair: edits as data, applied in one transaction (one undo step). */
export interface QuickFix {
  title: string;
  ops: BoardOp[];
}

/** One problem the linter found on a board. */
export interface Finding {
  /** The rule id, such as `single-point-of-failure`. */
  rule: string;
  severity: Severity;
  /** What is wrong here, with the numbers and the block names. */
  message: string;
  /** Ids of the blocks concerned (empty when the problem is something missing). */
  blocks: string[];
  /** Why it matters: the rule's reasoning, from the interview material. */
  why: string;
  fixes?: QuickFix[];
}

/** What the rules list and the rule docs show about a rule. */
export interface RuleMeta {
  id: string;
  /** The usual severity; some rules raise or lower it (a single point of failure follows the availability target). */
  severity: Severity;
  /** One line: what the rule catches. */
  description: string;
  /** Why it matters, after the interview material. */
  why: string;
}

/** One rule: `src/lint/rules/<id>.ts` default-exports this. */
export interface LintRule {
  meta: RuleMeta;
  check(board: Board, facts: LintFacts): Finding[];
}

/** Options of `lint`. */
export interface LintOptions {
  /** Rule ids to skip; defaults to the board's `settings.disabledRules`. */
  disabledRules?: readonly string[];
  /** A precomputed estimate of the board's requirements (the UI has one already). */
  estimate?: Estimate;
}
