/** missing-search: search is required and no search index is drawn. */
import { addBesidePrimaryService } from '../fixes';
import { defineRule, report } from '../rule';

const meta = {
  id: 'missing-search',
  severity: 'warning',
  description: 'Search is a requirement and no search index is drawn.',
  why:
    'SLIC FAST, S for Search: full-text search, autocomplete or fuzzy matching need a search index such as Elasticsearch. ' +
    'SQL LIKE queries do not scale (the 1-hour interview flow).',
} as const;

export default defineRule({
  meta,
  check(_board, facts) {
    if (facts.requirements.features?.search !== true || facts.countWithRole('search') > 0) return [];
    return [
      report(meta, 'Search is a requirement, and no search index is drawn.', [], {
        fixes: [{ title: 'Add a search index beside the service', ops: addBesidePrimaryService(facts, 'search') }],
      }),
    ];
  },
});
