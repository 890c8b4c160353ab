/** missing-monitoring: a high availability target and nothing watches the system. */
import { addBlock, besideBoard, kindFor, newBlock } from '../fixes';
import { defineRule, report } from '../rule';

const meta = {
  id: 'missing-monitoring',
  severity: 'warning',
  description: 'The availability target is 99.9% or more and no monitoring is drawn.',
  why:
    'The 7-step outline, step 7: "How are we monitoring the performance of our service? Do we get alerts whenever critical components fail or their performance degrades?" ' +
    'The 1-hour interview flow asks for the four golden signals (latency, traffic, errors, saturation). A target of 99.9% allows under 9 hours of downtime a year: ' +
    'nobody meets it without knowing at once when something breaks.',
} as const;

export default defineRule({
  meta,
  check(_board, facts) {
    if (!facts.needsRedundancy || facts.countWithRole('monitoring') > 0) return [];
    const monitoring = newBlock(facts, kindFor('monitoring'), besideBoard(facts), { onRequestPath: false });
    return [
      report(
        meta,
        `The ${facts.availability}% availability target needs monitoring and alerts, and nothing watches the system.`,
        [],
        {
          fixes: [{ title: 'Add monitoring (the golden signals, with alerts)', ops: [addBlock(monitoring)] }],
        },
      ),
    ];
  },
});
