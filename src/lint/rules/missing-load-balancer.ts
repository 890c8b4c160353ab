/** missing-load-balancer: clients call a tier that needs several instances with nothing in front. */
import type { BoardOp } from '../../board/ops';
import { formatPerSecond } from '../../estimate/units';
import { FLOW_SYNC, ROLE_BITS, type LintFacts } from '../facts';
import { explainLoad } from '../traffic';
import { addBlock, addLink, between, kindFor, newBlock, newLink } from '../fixes';
import { defineRule, listNames, report } from '../rule';
import type { Finding } from '../types';

const meta = {
  id: 'missing-load-balancer',
  severity: 'warning',
  description:
    'Clients call a tier of several instances, or one that needs several (its peak load or the availability target), with no load balancer or gateway in front.',
  why:
    'SLIC FAST, L for Load balancer: "Is your system receiving traffic from multiple clients? Add a load balancer to distribute requests across servers." ' +
    'The 7-step outline draws "multiple application servers ... with load balancers in front of them". Several instances are only redundancy when something spreads requests over them ' +
    'and stops sending to the one that failed.',
} as const;

const SERVES_CLIENTS = ROLE_BITS.compute | ROLE_BITS.push;

/**
 * Puts a load balancer between the clients and a tier: each client's first link
 * to the tier is re-pointed to the balancer (keeping its id, label and protocol),
 * its other links to the tier go, and the balancer links to every block of the tier.
 */
function insertLoadBalancer(facts: LintFacts, tier: number, clients: number[]): BoardOp[] {
  const members = facts.membersOfTier(tier);
  const lb = newBlock(facts, kindFor('balancer'), between(facts, clients[0]!, members[0]!));
  const ops: BoardOp[] = [addBlock(lb)];
  const memberSet = new Set(members);
  for (const client of clients) {
    let repointed = false;
    for (let j = facts.outStart[client]!; j < facts.outStart[client + 1]!; j++) {
      if (!memberSet.has(facts.outTarget[j]!)) continue;
      const link = facts.board.links[facts.outLink[j]!]!;
      ops.push(repointed ? { op: 'remove-link', id: link.id } : { op: 'update-link', id: link.id, set: { to: lb.id } });
      repointed = true;
    }
  }
  for (const m of members) ops.push(addLink(newLink(lb, facts.block(m))));
  return ops;
}

export default defineRule({
  meta,
  check(_board, facts) {
    const clientsOfTier = new Map<number, number[]>();
    for (const client of facts.clients) {
      for (let j = facts.outStart[client]!; j < facts.outStart[client + 1]!; j++) {
        const v = facts.outTarget[j]!;
        if (
          !(facts.outFlags[j]! & FLOW_SYNC) ||
          !(facts.roles[v]! & SERVES_CLIENTS) ||
          facts.roles[v]! & ROLE_BITS.balancer
        )
          continue;
        const tier = facts.tierOf[v]!;
        const clients = clientsOfTier.get(tier);
        if (!clients) clientsOfTier.set(tier, [client]);
        else if (!clients.includes(client)) clients.push(client);
      }
    }
    const findings: Finding[] = [];
    const { reads, writes } = facts.load;
    for (const [tier, clients] of clientsOfTier) {
      const members = facts.membersOfTier(tier);
      const instances = facts.tierInstances[tier]!;
      let load = 0;
      let perInstance = 0;
      for (const m of members) {
        load += reads[m]! + writes[m]!;
        perInstance = Math.max(perInstance, facts.capacityOf(m) ?? 0);
      }
      const tierName = listNames(Array.from(members, (m) => facts.nameOf(m)));
      const clientName = facts.nameOf(clients[0]!);
      let message: string;
      if (instances > 1)
        message = `${clientName} calls the ${instances} instances of ${tierName} directly: nothing spreads requests over them or skips one that fails.`;
      else if (perInstance > 0 && load > perInstance)
        message = `Peak ${formatPerSecond(load)} reach ${tierName}, more than one instance serves (${formatPerSecond(perInstance)}), and nothing in front would spread them over several. ${explainLoad(facts, members)}.`;
      else if (facts.needsRedundancy)
        message = `${clientName} calls ${tierName} directly: the ${facts.availability}% availability target needs a second instance, and nothing in front would spread requests over them.`;
      else continue;
      findings.push(
        report(
          meta,
          message,
          Array.from(members, (m) => facts.id(m)),
          {
            fixes: [
              { title: `Put a load balancer in front of ${tierName}`, ops: insertLoadBalancer(facts, tier, clients) },
            ],
          },
        ),
      );
    }
    return findings;
  },
});
