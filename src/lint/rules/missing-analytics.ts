/** missing-analytics: analytics is required and no analytics pipeline is drawn. */
import { addBesidePrimaryService } from '../fixes';
import { defineRule, report } from '../rule';

const meta = {
  id: 'missing-analytics',
  severity: 'warning',
  description: 'Analytics is a requirement and no analytics pipeline is drawn.',
  why:
    'SLIC FAST, A for Analytics: tracking user behaviour or business metrics needs an analytics pipeline (event collection, a data warehouse, dashboards), ' +
    'fed asynchronously so counting clicks never slows the request that made them.',
} as const;

export default defineRule({
  meta,
  check(_board, facts) {
    if (facts.requirements.features?.analytics !== true || facts.countWithRole('analytics') > 0) return [];
    return [
      report(meta, 'Analytics is a requirement, and no analytics pipeline collects the events.', [], {
        fixes: [
          {
            title: 'Add an analytics pipeline fed by the service',
            ops: addBesidePrimaryService(facts, 'analytics', { async: true, onRequestPath: false }),
          },
        ],
      }),
    ];
  },
});
