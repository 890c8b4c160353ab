/** The rule registry: every rule, in the order of board-format.md's table. */
import type { LintRule, RuleMeta } from '../types';
import missingSearch from './missing-search';
import missingLoadBalancer from './missing-load-balancer';
import missingCdn from './missing-cdn';
import missingObjectStorage from './missing-object-storage';
import missingCache from './missing-cache';
import missingQueue from './missing-queue';
import missingAnalytics from './missing-analytics';
import missingRealtimeGateway from './missing-realtime-gateway';
import missingDatabase from './missing-database';
import missingMonitoring from './missing-monitoring';
import singlePointOfFailure from './single-point-of-failure';
import underProvisioned from './under-provisioned';
import clientToDatabase from './client-to-database';
import sharedDatabase from './shared-database';
import orphanBlock from './orphan-block';
import queueWithoutConsumer from './queue-without-consumer';
import cacheWithoutStore from './cache-without-store';
import cdnWithoutOrigin from './cdn-without-origin';

/** Every rule. */
export const RULES: readonly LintRule[] = [
  missingSearch,
  missingLoadBalancer,
  missingCdn,
  missingObjectStorage,
  missingCache,
  missingQueue,
  missingAnalytics,
  missingRealtimeGateway,
  missingDatabase,
  missingMonitoring,
  singlePointOfFailure,
  underProvisioned,
  clientToDatabase,
  sharedDatabase,
  orphanBlock,
  queueWithoutConsumer,
  cacheWithoutStore,
  cdnWithoutOrigin,
];

/** What the UI lists to let the interviewer switch rules off: id, default severity, description, why. */
export const RULE_METAS: readonly RuleMeta[] = RULES.map((r) => r.meta);

const byId = new Map(RULES.map((r) => [r.meta.id, r]));

/** The rule with an id, if there is one. */
export function ruleById(id: string): LintRule | undefined {
  return byId.get(id);
}
