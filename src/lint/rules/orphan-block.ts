/** orphan-block: a block with no links (notes, groups and monitoring aside). */
import { FLOW_READS, ROLE_BITS, roleBits, type LintFacts } from '../facts';
import { addLink, newLink } from '../fixes';
import { defineRule, report } from '../rule';
import type { Finding, QuickFix } from '../types';

const meta = {
  id: 'orphan-block',
  severity: 'warning',
  description:
    'A block with no links: nothing calls it and it calls nothing (notes, groups and monitoring aside: monitoring watches everything).',
  why:
    'The interview mastery guide: the high-level design should show "every major component, how data flows between them, and where data is stored", ' +
    'and "every decision should be justified with a because clause". A box nothing links to does no work in the design; either wire it in or remove it.',
} as const;

const EXEMPT = roleBits('frame', 'annotation', 'monitoring');

/** For an idle cache: the first service that reads a database, so the cache can sit beside it (cache-aside). */
function cacheUser(facts: LintFacts): number | undefined {
  for (let u = 0; u < facts.size; u++) {
    if (!facts.has(u, 'compute')) continue;
    for (let j = facts.outStart[u]!; j < facts.outStart[u + 1]!; j++) {
      if (facts.outFlags[j]! & FLOW_READS && facts.isDatabase(facts.outTarget[j]!)) return u;
    }
  }
  return undefined;
}

export default defineRule({
  meta,
  check(_board, facts) {
    const findings: Finding[] = [];
    for (let i = 0; i < facts.size; i++) {
      if (facts.degree[i] !== 0 || facts.roles[i]! & EXEMPT) continue;
      const name = facts.nameOf(i);
      const block = facts.block(i);
      const fixes: QuickFix[] = [];
      let message = `${name} has no links: nothing uses it.`;
      if (facts.roles[i]! & ROLE_BITS.cache) {
        message = `${name} has no links: nothing reads from it, so it takes no load off any database.`;
        const user = cacheUser(facts);
        if (user !== undefined) {
          fixes.push({
            title: `Use ${name} beside ${facts.nameOf(user)} (cache-aside)`,
            ops: [addLink(newLink(facts.block(user), block))],
          });
        }
      }
      // A lone client is where a board starts, not something to remove.
      if (!(facts.roles[i]! & ROLE_BITS.client))
        fixes.push({ title: `Remove ${name}`, ops: [{ op: 'remove-block', id: block.id }] });
      findings.push(report(meta, message, [block.id], { fixes }));
    }
    return findings;
  },
});
