/** cdn-without-origin: a CDN with nothing to fetch content from. */
import type { BoardOp } from '../../board/ops';
import { ROLE_BITS, type LintFacts } from '../facts';
import { addBlock, addLink, GAP_Y, kindFor, near, newBlock, newLink } from '../fixes';
import { defineRule, report } from '../rule';
import type { Finding } from '../types';

const meta = {
  id: 'cdn-without-origin',
  severity: 'warning',
  description:
    "A CDN with no origin (object storage or a web tier, directly or through a load balancer); an unlinked CDN is orphan-block's.",
  why:
    'A CDN serves copies of content "from edge locations near users" (the interview mastery guide); on a miss it fetches from an origin, the object storage or web servers that hold the files. ' +
    'Without an origin, every miss is an error.',
} as const;

/** Whether a CDN links to an origin, directly or through balancers. */
function hasOrigin(facts: LintFacts, cdn: number): boolean {
  const stack = [cdn];
  const seen = new Set(stack);
  while (stack.length > 0) {
    const u = stack.pop()!;
    for (let j = facts.outStart[u]!; j < facts.outStart[u + 1]!; j++) {
      const v = facts.outTarget[j]!;
      if (facts.roles[v]! & ROLE_BITS['cdn-origin']) return true;
      if (facts.roles[v]! & ROLE_BITS.balancer && !seen.has(v)) {
        seen.add(v);
        stack.push(v);
      }
    }
  }
  return false;
}

export default defineRule({
  meta,
  check(_board, facts) {
    const findings: Finding[] = [];
    for (const cdn of facts.withRole('cdn')) {
      if (facts.degree[cdn] === 0 || hasOrigin(facts, cdn)) continue;
      const storage = facts.withRole('object-storage')[0];
      let ops: BoardOp[];
      let title: string;
      if (storage !== undefined) {
        ops = [addLink(newLink(facts.block(cdn), facts.block(storage)))];
        title = `Use ${facts.nameOf(storage)} as the origin`;
      } else {
        const added = newBlock(facts, kindFor('object-storage'), near(facts, cdn, 0, GAP_Y));
        ops = [addBlock(added), addLink(newLink(facts.block(cdn), added))];
        title = 'Add object storage as the origin';
      }
      findings.push(
        report(
          meta,
          `${facts.nameOf(cdn)} has no origin to fetch from on a miss: link it to object storage or the web tier.`,
          [facts.id(cdn)],
          {
            fixes: [{ title, ops }],
          },
        ),
      );
    }
    return findings;
  },
});
