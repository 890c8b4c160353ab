/** client-to-database: a client links straight to a database. */
import { kindFor, newBlock, newLink, addBlock, addLink, between } from '../fixes';
import { defineRule, report } from '../rule';
import type { Finding } from '../types';

const meta = {
  id: 'client-to-database',
  severity: 'warning',
  description: 'A client links straight to a database (object storage, search and analytics aside).',
  why:
    'The interview mastery guide starts every design with the client, then "add the API gateway or load balancer as the entry point. Behind it, draw the application services" ' +
    'and "show which database, cache, and queue each service uses". A client that queries the database itself holds its credentials, skips authentication, ' +
    'validation and rate limits, and freezes the schema, since every installed client depends on it.',
} as const;

export default defineRule({
  meta,
  check(board, facts) {
    const findings: Finding[] = [];
    for (const client of facts.clients) {
      for (let j = facts.outStart[client]!; j < facts.outStart[client + 1]!; j++) {
        const db = facts.outTarget[j]!;
        if (!facts.isDatabase(db)) continue;
        const link = board.links[facts.outLink[j]!]!;
        const service = newBlock(facts, kindFor('compute'), between(facts, client, db));
        findings.push(
          report(
            meta,
            `${facts.nameOf(client)} links straight to ${facts.nameOf(db)}: nothing authenticates, validates or rate-limits its queries.`,
            [facts.id(client), facts.id(db)],
            {
              fixes: [
                {
                  title: `Put a service between ${facts.nameOf(client)} and ${facts.nameOf(db)}`,
                  ops: [
                    addBlock(service),
                    { op: 'update-link', id: link.id, set: { to: service.id, protocol: 'http' } },
                    addLink(newLink(service, facts.block(db))),
                  ],
                },
              ],
            },
          ),
        );
      }
    }
    return findings;
  },
});
