/** missing-queue: background work is required and no queue is drawn. */
import type { BoardOp } from '../../board/ops';
import {
  addBlock,
  addLink,
  besideBoard,
  consumerKind,
  GAP_X,
  GAP_Y,
  kindFor,
  near,
  newBlock,
  newLink,
  primaryService,
} from '../fixes';
import { defineRule, report } from '../rule';

const meta = {
  id: 'missing-queue',
  severity: 'warning',
  description: 'Background work is a requirement and no queue is drawn.',
  why:
    'SLIC FAST, T for Task queue: work done asynchronously (email, image resizing, event processing, fan-out) goes through a message queue, ' +
    'so a slow job never holds up a request, and "messages should never be lost once accepted".',
} as const;

export default defineRule({
  meta,
  check(_board, facts) {
    if (facts.requirements.features?.asyncJobs !== true || facts.countWithRole('queue') > 0) return [];
    const service = primaryService(facts);
    const at = service !== undefined ? near(facts, service, GAP_X, 0) : besideBoard(facts);
    // Off the request path (async links), but a queue holds accepted work: give it a replica under a high target.
    const queue = newBlock(facts, kindFor('queue'), at);
    const worker = newBlock(facts, consumerKind(), { ...at, y: at.y + GAP_Y });
    const ops: BoardOp[] = [
      addBlock(queue),
      addBlock(worker),
      addLink(newLink(queue, worker, { async: true, protocol: 'event' })),
    ];
    if (service !== undefined)
      ops.push(addLink(newLink(facts.block(service), queue, { async: true, protocol: 'event' })));
    return [
      report(meta, 'Background work is a requirement, and no queue hands it to workers.', [], {
        fixes: [{ title: 'Add a queue and a worker that consumes it', ops }],
      }),
    ];
  },
});
