/** missing-database: the system accepts writes and nothing stores them. */
import { addBlock, addLink, besideBoard, GAP_Y, kindFor, near, newBlock, newLink, primaryService } from '../fixes';
import { defineRule, report } from '../rule';

const meta = {
  id: 'missing-database',
  severity: 'error',
  description: 'The requirements have writes and no datastore keeps them.',
  why:
    'SLIC FAST, S for Storage: "What databases does your system need?" The 7-step outline puts "an efficient database that can store all the tweets" ' +
    'in every high-level design. Accepted writes with nowhere to live are lost on the first restart.',
} as const;

export default defineRule({
  meta,
  check(_board, facts) {
    const writesPerUser = facts.requirements.scale?.writesPerUserPerDay;
    const acceptsWrites = facts.estimate.writesPerDay > 0 || (typeof writesPerUser === 'number' && writesPerUser > 0);
    if (!acceptsWrites) return [];
    for (let i = 0; i < facts.size; i++) if (facts.isDatabase(i) || facts.has(i, 'object-storage')) return [];
    const service = primaryService(facts);
    const db = newBlock(
      facts,
      kindFor('datastore'),
      service !== undefined ? near(facts, service, 0, GAP_Y) : besideBoard(facts),
    );
    const ops = [addBlock(db)];
    if (service !== undefined) ops.push(addLink(newLink(facts.block(service), db)));
    return [
      report(meta, 'The system accepts writes, and no datastore keeps them.', [], {
        fixes: [{ title: 'Add a database behind the service', ops }],
      }),
    ];
  },
});
