/** missing-cdn: media or static content is served and no CDN is drawn. */
import type { BoardOp } from '../../board/ops';
import { ROLE_BITS } from '../facts';
import { addBlock, addLink, GAP_X, kindFor, near, newBlock, newLink, primaryService } from '../fixes';
import { defineRule, report } from '../rule';

const meta = {
  id: 'missing-cdn',
  severity: 'warning',
  description: 'Media or static content is a requirement and no CDN is drawn.',
  why:
    'SLIC FAST, I for Interaction with CDN: static content (images, videos, JavaScript, CSS) served from edge locations near users ' +
    'loads faster and takes that traffic off the servers.',
} as const;

export default defineRule({
  meta,
  check(_board, facts) {
    const features = facts.requirements.features;
    if (!(features?.media === true || features?.staticContent === true) || facts.countWithRole('cdn') > 0) return [];
    const need = features.media === true ? 'Media' : 'Static content';
    const ops: BoardOp[] = [];
    const clients = facts.clients;
    const first = clients[0];
    const cdn = newBlock(facts, kindFor('cdn'), first !== undefined ? near(facts, first, -GAP_X, 0) : { x: 0, y: 0 });
    ops.push(addBlock(cdn));
    for (const client of clients) ops.push(addLink(newLink(facts.block(client), cdn)));
    // The origin: object storage if there is some, else the service the clients reach.
    const storage = facts.withRole('object-storage')[0];
    const origin =
      storage ??
      facts.withRole('cdn-origin').find((i) => (facts.roles[i]! & ROLE_BITS.compute) !== 0) ??
      primaryService(facts);
    if (origin !== undefined) ops.push(addLink(newLink(cdn, facts.block(origin))));
    return [
      report(meta, `${need} is a requirement, and no CDN serves it from the edge.`, [], {
        fixes: [{ title: 'Add a CDN in front of the clients', ops }],
      }),
    ];
  },
});
