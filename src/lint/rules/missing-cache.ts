/** missing-cache: reads dominate or the p99 target is tight, and reads reach a database past no cache. */
import type { BoardOp } from '../../board/ops';
import { formatCount } from '../../estimate/units';
import { loadPath } from '../traffic';
import { FLOW_READS, FLOW_SYNC } from '../facts';
import { addBlock, addLink, GAP_X, kindFor, near, newBlock, newLink } from '../fixes';
import { defineRule, report } from '../rule';
import type { Finding } from '../types';

/** Reads at least this many times the writes make a read-heavy system. */
export const READ_HEAVY_RATIO = 10;
/** Relative tolerance of the ratio test: 0.333333 reads and 0.0333333 writes a user are 10:1. */
export const RATIO_TOLERANCE = 1e-6;
/** A p99 target at or under this leaves no room for a disk read at the tail under load. */
export const TIGHT_P99_MS = 50;

const meta = {
  id: 'missing-cache',
  severity: 'warning',
  description: `Reads outnumber writes ${READ_HEAVY_RATIO} to 1 or the p99 target is ${TIGHT_P99_MS} ms or less, and reads reach a database with no cache on the way (an idle cache in the database's group is orphan-block's).`,
  why:
    'SLIC FAST, C for Cache: "Does your system read the same data repeatedly? Add a caching layer (Redis, Memcached) to reduce database load and improve latency." ' +
    'The time-boxed interview guide lists caching first among the fixes for a database bottleneck, and the 7-step outline asks "How much and at which layer should we introduce cache?"',
} as const;

export default defineRule({
  meta,
  check(_board, facts) {
    const e = facts.estimate;
    const readHeavy = e.readsPerDay > 0 && e.readsPerDay >= READ_HEAVY_RATIO * e.writesPerDay * (1 - RATIO_TOLERANCE);
    const p99 = facts.requirements.latencyP99Ms;
    const tight = typeof p99 === 'number' && p99 <= TIGHT_P99_MS;
    if (!readHeavy && !tight) return [];
    // A cache drawn in the database's group but linked to nothing is orphan-block's finding, whose fix
    // wires it in: one problem, one finding.
    const idleCacheGroups = new Set<string | undefined>();
    for (const c of facts.withRole('cache')) if (facts.degree[c] === 0) idleCacheGroups.add(facts.block(c).parent);

    const reason = readHeavy
      ? e.writesPerDay > 0
        ? `reads are ${Math.round(e.readsPerDay / e.writesPerDay)}× writes`
        : 'the system mostly reads'
      : `the p99 target is ${p99} ms`;
    const { reads, uncachedReads, reached } = facts.load;
    const findings: Finding[] = [];
    for (let d = 0; d < facts.size; d++) {
      if (!reached[d] || !uncachedReads[d] || !facts.isDatabase(d) || idleCacheGroups.has(facts.block(d).parent))
        continue;
      // Cache-aside beside each block that reads the database past no cache.
      const cache = newBlock(facts, kindFor('cache'), near(facts, d, -GAP_X, 0));
      const ops: BoardOp[] = [addBlock(cache)];
      for (let j = facts.inStart[d]!; j < facts.inStart[d + 1]!; j++) {
        const u = facts.inSource[j]!;
        if (uncachedReads[u] && facts.inFlags[j]! & FLOW_SYNC && facts.inFlags[j]! & FLOW_READS)
          ops.push(addLink(newLink(facts.block(u), cache)));
      }
      const amount =
        reads[d]! > 0
          ? `Peak ${formatCount(reads[d]!)} reads/s (${loadPath(facts, [d], 'reads')}) reach`
          : 'Reads reach';
      findings.push(
        report(meta, `${amount} ${facts.nameOf(d)} with no cache on the way, and ${reason}.`, [facts.id(d)], {
          fixes: [{ title: `Add a cache beside ${facts.nameOf(d)}`, ops }],
        }),
      );
    }
    return findings;
  },
});
