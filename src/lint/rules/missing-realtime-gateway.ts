/** missing-realtime-gateway: server push is required and nothing holds client connections. */
import type { BoardOp } from '../../board/ops';
import type { Board } from '../../board/types';
import type { LintFacts } from '../facts';
import { addBlock, addLink, besideBoard, GAP_X, kindFor, near, newBlock, newLink, primaryService } from '../fixes';
import { defineRule, listNames, report } from '../rule';

const meta = {
  id: 'missing-realtime-gateway',
  severity: 'warning',
  description: 'Realtime push is a requirement and nothing holds client connections open.',
  why:
    'The 8-step framework, step 4: "How does the client communicate with your backend? REST, WebSocket, gRPC?" Pushing to clients (new messages, presence) ' +
    'needs a tier that holds their WebSocket or SSE connections; polling a REST API is slower and costs far more requests.',
} as const;

/** A client links with the gateway (either way), or reaches it through load balancers only. */
function holdsClientConnections(board: Board, facts: LintFacts, gateway: number): boolean {
  const id = facts.id(gateway);
  for (const link of board.links) {
    const other = link.to === id ? link.from : link.from === id ? link.to : undefined;
    const i = other === undefined ? undefined : facts.indexById.get(other);
    if (i !== undefined && facts.has(i, 'client')) return true;
  }
  // Backwards from the gateway through balancers, looking for a client.
  const stack = [gateway];
  const seen = new Set(stack);
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (let j = facts.inStart[v]!; j < facts.inStart[v + 1]!; j++) {
      const u = facts.inSource[j]!;
      if (facts.has(u, 'client')) return true;
      if (facts.has(u, 'balancer') && !seen.has(u)) {
        seen.add(u);
        stack.push(u);
      }
    }
  }
  return false;
}

export default defineRule({
  meta,
  check(board, facts) {
    if (facts.requirements.features?.realtime !== true) return [];
    const gateways = facts.withRole('push');
    if (gateways.some((g) => holdsClientConnections(board, facts, g))) return [];

    const client = facts.clients[0];
    if (gateways.length > 0) {
      const gateway = gateways[0]!;
      const ops: BoardOp[] =
        client !== undefined
          ? [addLink(newLink(facts.block(client), facts.block(gateway), { protocol: 'websocket' }))]
          : [];
      return [
        report(
          meta,
          `Realtime push is a requirement, and no client connects to ${listNames(gateways.map((g) => facts.nameOf(g)))}.`,
          gateways.map((g) => facts.id(g)),
          {
            fixes: [{ title: `Connect the clients to ${facts.nameOf(gateway)}`, ops }],
          },
        ),
      ];
    }
    const gateway = newBlock(
      facts,
      kindFor('push'),
      client !== undefined ? near(facts, client, GAP_X, 0) : besideBoard(facts),
    );
    const ops: BoardOp[] = [addBlock(gateway)];
    for (const c of facts.clients) ops.push(addLink(newLink(facts.block(c), gateway, { protocol: 'websocket' })));
    const service = primaryService(facts);
    if (service !== undefined) ops.push(addLink(newLink(gateway, facts.block(service))));
    return [
      report(meta, 'Realtime push is a requirement, and nothing holds client connections to push to them.', [], {
        fixes: [{ title: 'Add a realtime gateway that clients connect to', ops }],
      }),
    ];
  },
});
