/** shared-database: distinct services write to the same database. */
import { FLOW_WRITES, ROLE_BITS, type LintFacts } from '../facts';
import { defineRule, listNames, report } from '../rule';
import type { Finding } from '../types';

const meta = {
  id: 'shared-database',
  severity: 'warning',
  description: 'Distinct services write to the same database (queue consumers count with the service that feeds them).',
  why:
    'The 1-hour interview flow: "Avoid shared databases across services to prevent schema conflicts and resource contention." Two owners of one schema cannot change it ' +
    "without each other, and one service's heavy queries slow the other down.",
} as const;

/** A block fed only by queues works on behalf of the service that produced the messages. */
function isQueueConsumer(facts: LintFacts, i: number): boolean {
  const s = facts.inStart[i]!;
  const e = facts.inStart[i + 1]!;
  if (s === e) return false;
  for (let j = s; j < e; j++) if (!(facts.roles[facts.inSource[j]!]! & ROLE_BITS.queue)) return false;
  return true;
}

export default defineRule({
  meta,
  check(_board, facts) {
    const findings: Finding[] = [];
    for (let d = 0; d < facts.size; d++) {
      if (!facts.isDatabase(d)) continue;
      // One writer per service: instances of one service count once.
      const writers: number[] = [];
      for (let j = facts.inStart[d]!; j < facts.inStart[d + 1]!; j++) {
        const u = facts.inSource[j]!;
        if (!(facts.inFlags[j]! & FLOW_WRITES) || !facts.has(u, 'compute') || isQueueConsumer(facts, u)) continue;
        if (!writers.some((w) => facts.sameService(w, u))) writers.push(u);
      }
      if (writers.length < 2) continue;
      findings.push(
        report(
          meta,
          `${listNames(writers.map((w) => facts.nameOf(w)))} ${writers.length === 2 ? 'both' : 'all'} write to ${facts.nameOf(d)}: they share one schema and contend for one database.`,
          [facts.id(d), ...writers.map((w) => facts.id(w))],
        ),
      );
    }
    return findings;
  },
});
