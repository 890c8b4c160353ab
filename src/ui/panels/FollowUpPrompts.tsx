import { useMemo } from 'react';
import { followUps, LintFacts } from '../../lint';
import { useLint } from '../lint/lint-store';

/**
 * The questions to ask next, from the findings and the design, grouped by
 * interview step. Shown in the interviewer's tab, and in a solo round's
 * practice tab once the evaluation step comes: a candidate in an interview
 * never sees them. Recomputed when the findings or the estimate change.
 */
export function FollowUpPrompts({
  title = 'Follow-up questions',
  emptyText,
}: {
  title?: string;
  /** Said when there is no question to ask; without it, nothing shows. */
  emptyText?: string;
}) {
  const board = useLint((s) => s.board);
  const findings = useLint((s) => s.findings);
  const estimate = useLint((s) => s.estimate);
  const groups = useMemo(
    () => (estimate && board ? followUps(new LintFacts(board, estimate), findings) : []),
    [board, findings, estimate],
  );
  if (groups.length === 0)
    return emptyText ? (
      <section data-testid="follow-ups">
        <h4>{title}</h4>
        <p className="ab-muted">{emptyText}</p>
      </section>
    ) : null;
  return (
    <section data-testid="follow-ups">
      <h4>{title}</h4>
      {groups.map((g) => (
        <div key={g.step} data-step={g.step}>
          <p className="ab-muted">{g.label}</p>
          <ul className="ab-questions">
            {g.questions.map((q) => (
              <li key={q.question}>{q.question}</li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
