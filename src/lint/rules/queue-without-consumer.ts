/** queue-without-consumer: a queue that nothing reads from. */
import { addBlock, addLink, consumerKind, GAP_Y, near, newBlock, newLink } from '../fixes';
import { defineRule, report } from '../rule';
import type { Finding } from '../types';

const meta = {
  id: 'queue-without-consumer',
  severity: 'warning',
  description: "A queue that nothing reads from (an unlinked queue is orphan-block's).",
  why:
    'A queue hands work to consumers (the interview mastery guide: "a way to process events asynchronously"; the time-boxed interview guide: "Consumer groups? Dead letter queues?"). ' +
    'With no consumer, accepted messages pile up until the broker is full and the work they stand for is never done.',
} as const;

export default defineRule({
  meta,
  check(_board, facts) {
    const findings: Finding[] = [];
    for (const q of facts.withRole('queue')) {
      if (facts.degree[q] === 0 || facts.outStart[q + 1]! > facts.outStart[q]!) continue;
      const worker = newBlock(facts, consumerKind(), near(facts, q, 0, GAP_Y));
      findings.push(
        report(
          meta,
          `${facts.nameOf(q)} has nothing reading from it: messages pile up and their work is never done.`,
          [facts.id(q)],
          {
            fixes: [
              {
                title: `Add a worker that consumes ${facts.nameOf(q)}`,
                ops: [addBlock(worker), addLink(newLink(facts.block(q), worker, { async: true, protocol: 'event' }))],
              },
            ],
          },
        ),
      );
    }
    return findings;
  },
});
