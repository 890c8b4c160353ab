/** single-point-of-failure: one instance whose loss cuts clients off from their data. */
import { HIGH_AVAILABILITY, VERY_HIGH_AVAILABILITY } from '../facts';
import { setReplicas } from '../fixes';
import { defineRule, report } from '../rule';
import type { Severity } from '../types';

/** How bad a single point of failure is under an availability target: 99.99% or more error, 99.9% or more warning, else info. */
export function severityForAvailability(availability: number | undefined): Severity {
  if (availability === undefined) return 'info';
  if (availability >= VERY_HIGH_AVAILABILITY) return 'error';
  if (availability >= HIGH_AVAILABILITY) return 'warning';
  return 'info';
}

const meta = {
  id: 'single-point-of-failure',
  severity: 'warning',
  description:
    'A block with one instance on the request path whose loss cuts clients off from the data they reach; error from a 99.99% target, warning from 99.9%, info below or without one.',
  why:
    'The 7-step outline, step 7: "Is there any single point of failure in our system? What are we doing to mitigate it? Do we have enough replicas of the data so that if we lose a few servers, ' +
    'we can still serve our users? Do we have enough copies of different services running such that a few failures will not cause total system shutdown?"',
} as const;

export default defineRule({
  meta,
  check(_board, facts) {
    const severity = severityForAvailability(facts.availability);
    const target = facts.availability !== undefined ? ` (target ${facts.availability}%)` : '';
    return facts.singlePoints.map(({ block, client, target: reached }) => {
      const name = facts.nameOf(block);
      const clientName = facts.nameOf(client);
      let message: string;
      if (block !== reached) {
        const reachedName = facts.nameOf(reached);
        message = `${name} has one instance and is on every path from ${clientName} to ${reachedName}: if it fails, ${clientName} cannot reach ${reachedName}${target}.`;
      } else if (facts.has(block, 'datastore') || facts.has(block, 'queue'))
        message = `${name} has one instance and no replica: if it fails, ${clientName} loses access to its data${target}.`;
      else
        message = `${name} has one instance and serves every request of ${clientName}: if it fails, they all fail${target}.`;
      return report(meta, message, [facts.id(block)], {
        severity,
        fixes: [{ title: `Run 2 instances of ${name}`, ops: [setReplicas(facts.id(block), 2)] }],
      });
    });
  },
});
