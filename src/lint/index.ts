/**
 * The linter's public API. The UI, the CLI and the tests use only this:
 * `lint(board, options)` for findings, `RULE_METAS` to list the rules,
 * `applyOps` (src/board/ops.ts) to apply a finding's quick fix.
 */
export { lint, compareFindings } from './lint';
export { RULES, RULE_METAS, ruleById } from './rules';
export { LintFacts, HIGH_AVAILABILITY, VERY_HIGH_AVAILABILITY } from './facts';
export {
  trafficByBlock,
  trafficReport,
  scaledEstimate,
  loadPath,
  roundQps,
  type Traffic,
  type TrafficReport,
  type BlockTraffic,
} from './traffic';
export { severityForAvailability } from './rules/single-point-of-failure';
export {
  SEVERITIES,
  type Finding,
  type LintOptions,
  type LintRule,
  type QuickFix,
  type RuleMeta,
  type Severity,
} from './types';
export { followUps, type FollowUp, type FollowUpGroup } from './follow-ups';
export { runDrill, type DrillResult } from './drill';
export {
  NO_DRILL,
  drillHeadline,
  drillKeys,
  drillName,
  drillNamer,
  drillRecord,
  liveDrill,
  liveDrillRecord,
  readDrillState,
  type DrillStatus,
  type LiveDrill,
  type DrillMark,
  type DrillRecord,
  type DrillState,
} from './drill-state';
