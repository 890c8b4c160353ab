/** missing-object-storage: users upload media and nothing stores files. */
import { addLink, newLink } from '../fixes';
import { addBesidePrimaryService } from '../fixes';
import { defineRule, report } from '../rule';

const meta = {
  id: 'missing-object-storage',
  severity: 'warning',
  description: 'Media uploads are a requirement and no object storage is drawn.',
  why:
    'SLIC FAST, S for Storage: files belong in object storage; the 7-step outline asks "What kind of block storage should we use to store photos and videos?" ' +
    'and puts "a distributed file storage system for storing photos and videos" in the high-level design. Databases are the wrong place for large blobs.',
} as const;

export default defineRule({
  meta,
  check(_board, facts) {
    if (facts.requirements.features?.media !== true || facts.countWithRole('object-storage') > 0) return [];
    const ops = addBesidePrimaryService(facts, 'object-storage');
    const added = ops[0]?.op === 'add-block' ? ops[0].block : undefined;
    const cdn = facts.withRole('cdn')[0];
    // A CDN already drawn gets the new storage as its origin.
    if (added && cdn !== undefined) ops.push(addLink(newLink(facts.block(cdn), added)));
    return [
      report(meta, 'Users upload media, and no object storage keeps the files.', [], {
        fixes: [{ title: 'Add object storage beside the service', ops }],
      }),
    ];
  },
});
