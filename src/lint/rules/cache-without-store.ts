/** cache-without-store: a cache whose users keep nothing in a datastore behind it. */
import type { BoardOp } from '../../board/ops';
import { ROLE_BITS } from '../facts';
import { addBlock, addLink, GAP_Y, kindFor, near, newBlock, newLink } from '../fixes';
import { defineRule, listNames, report } from '../rule';
import type { Finding } from '../types';

const meta = {
  id: 'cache-without-store',
  severity: 'warning',
  description:
    "A cache with no datastore behind it or behind the services that use it (an unlinked cache is orphan-block's).",
  why:
    'A cache holds copies of hot data "to reduce database load and improve latency" (the interview mastery guide); it evicts and it restarts empty (the time-boxed interview guide: "Cache eviction policy (LRU, LFU, TTL)"). ' +
    'Data that lives only in a cache is lost on the first eviction or restart.',
} as const;

export default defineRule({
  meta,
  check(_board, facts) {
    const findings: Finding[] = [];
    const reachesDatastore = facts.reaching(ROLE_BITS.datastore);
    for (const c of facts.withRole('cache')) {
      if (facts.degree[c] === 0 || reachesDatastore[c]) continue; // unlinked, or read-through to a store
      const users: number[] = [];
      let backed = false;
      for (let j = facts.inStart[c]!; j < facts.inStart[c + 1]!; j++) {
        const u = facts.inSource[j]!;
        if (facts.has(u, 'client')) continue;
        users.push(u);
        if (reachesDatastore[u]) backed = true;
      }
      if (users.length === 0 || backed) continue;
      const db = newBlock(facts, kindFor('datastore'), near(facts, c, 0, GAP_Y));
      const ops: BoardOp[] = [addBlock(db), ...users.map((u) => addLink(newLink(facts.block(u), db)))];
      const userNames = listNames(users.map((u) => facts.nameOf(u)));
      findings.push(
        report(
          meta,
          `${facts.nameOf(c)} has no datastore behind it: ${userNames} keeps its data only in the cache, which loses it on eviction or restart.`,
          [facts.id(c)],
          {
            fixes: [{ title: `Add a database behind ${userNames}`, ops }],
          },
        ),
      );
    }
    return findings;
  },
});
