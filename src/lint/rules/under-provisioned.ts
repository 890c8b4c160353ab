/** under-provisioned: the peak load reaching a tier exceeds its instances times per-instance capacity. */
import { formatCount, formatPerSecond } from '../../estimate/units';
import { explainLoad } from '../traffic';
import { MAX_REPLICAS } from '../../limits';
import { setReplicas } from '../fixes';
import { defineRule, listNames, report } from '../rule';
import type { Finding } from '../types';

/** A tier at this many times its capacity or more is an error; below, a warning. */
export const OVERLOAD_ERROR_FACTOR = 2;

const meta = {
  id: 'under-provisioned',
  severity: 'warning',
  description: `The peak load reaching a tier exceeds its instances times the per-instance capacity; an error at ${OVERLOAD_ERROR_FACTOR}× or more.`,
  why:
    'The 8-step framework, step 7: "Does it meet the throughput requirements?" The estimate says how many requests arrive at peak; each instance serves a known amount ' +
    '("If the system handles 100 QPS, a single server might suffice. If it handles 100,000 QPS, you need horizontal scaling, caching, and probably sharding."). ' +
    'The per-instance capacities and the load model are in docs/rules/README.md.',
} as const;

export default defineRule({
  meta,
  check(_board, facts) {
    const { reads, writes, behindQueue } = facts.load;
    const findings: Finding[] = [];
    for (let t = 0; t < facts.tierCount; t++) {
      const members = facts.membersOfTier(t);
      let readLoad = 0;
      let writeLoad = 0;
      let capacity = 0;
      let instances = 0;
      let queued = false;
      for (const m of members) {
        readLoad += reads[m]!;
        writeLoad += writes[m]!;
        const perInstance = facts.capacityOf(m);
        if (perInstance === null) continue;
        capacity += perInstance * facts.instances[m]!;
        instances += facts.instances[m]!;
        if (behindQueue[m]) queued = true;
      }
      const load = readLoad + writeLoad;
      if (capacity === 0 || load <= capacity) continue;

      const first = members[0]!;
      const block = facts.block(first);
      const name =
        members.length === 1 && block.label && block.tech
          ? `${block.label} (${block.tech})`
          : listNames(Array.from(members, (m) => facts.nameOf(m)));
      const parts: string[] = [];
      if (readLoad > 0) parts.push(`${formatCount(readLoad)} reads/s`);
      if (writeLoad > 0) parts.push(`${formatCount(writeLoad)} writes/s`);
      const perInstance = capacity / instances;
      const uniform = members.every((m) => facts.capacityOf(m) === null || facts.capacityOf(m) === perInstance);
      const supply = uniform
        ? `${instances} × ${formatPerSecond(perInstance)}`
        : `${instances} instances, ${formatPerSecond(capacity)} in all`;
      const average = queued ? ' (an average rate: the queue absorbs the peaks)' : '';
      const scale = load / capacity;
      const needed = Array.from(members, (m) => Math.min(MAX_REPLICAS, Math.ceil(facts.instances[m]! * scale)));
      findings.push(
        report(
          meta,
          `${queued ? '' : 'Peak '}${parts.join(' and ')} reach ${name}${average}: ${supply}. ${explainLoad(facts, members)}.`,
          Array.from(members, (m) => facts.id(m)),
          {
            severity: scale >= OVERLOAD_ERROR_FACTOR ? 'error' : 'warning',
            fixes: [
              {
                title:
                  members.length === 1
                    ? `Run ${formatCount(needed[0]!)} instances of ${name}`
                    : `Scale ${name} out ${formatCount(Math.ceil(scale * 10) / 10)}×`,
                ops: Array.from(members, (m, k) => setReplicas(facts.id(m), needed[k]!)),
              },
            ],
          },
        ),
      );
    }
    return findings;
  },
});
