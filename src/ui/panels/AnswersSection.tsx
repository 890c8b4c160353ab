import { useMemo } from 'react';
import { Check, Eye, GitCompare, Lock } from 'lucide-react';
import type { Board } from '../../board/types';
import { templateAnswers } from '../../interview/answers';
import { PHASES } from '../../interview/phases';
import { REQUIREMENTS_LOCKS, type RequirementsLock } from '../../sync/control';
import { useBoard } from '../board/board-context';
import { useBoardSelector } from '../board/useBoardStore';
import { serverNow } from '../interview/useServerClock';

/**
 * The template's clarifying questions, each with the answer the template
 * gives, for the interviewer alone. "Reveal" writes one answer into the shared
 * requirements, marked as given by the interviewer; until then the candidate's
 * board holds only the prompt.
 */
export function AnswersSection({
  template,
  onCompare,
}: {
  template: Board & { template: NonNullable<Board['template']> };
  onCompare: () => void;
}) {
  const { editor } = useBoard();
  const revealed = useBoardSelector((s) => s.control.revealed);
  const answers = useMemo(() => templateAnswers(template.template.questions, template.requirements ?? {}), [template]);
  const hidden = answers.filter((a) => !revealed.has(a.index) && a.parts.length > 0);
  const reveal = (index: number) => {
    const answer = answers.find((a) => a.index === index);
    if (answer) editor.revealAnswer(answer, serverNow());
  };
  return (
    <section data-testid="template-answers">
      <h4>Questions worth asking</h4>
      <p className="ab-muted">{template.template.summary}</p>
      <p className="ab-field__hint">
        The candidate’s board starts with the prompt only. When they ask, reveal the answer: it goes into the shared
        requirements, marked as yours.
      </p>
      <ol className="ab-answers">
        {answers.map((a) => {
          const given = revealed.get(a.index);
          return (
            <li key={a.index} className={given ? 'is-revealed' : ''} data-question={a.index}>
              <p className="ab-answers__question">{a.question}</p>
              {a.lines.length > 0 ? (
                <ul className="ab-answers__lines">
                  {a.lines.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              ) : (
                <p className="ab-muted">The template leaves this to you: answer in your own words.</p>
              )}
              {given ? (
                <p className="ab-answers__given" data-testid="answer-given">
                  <Check size={13} /> Given
                </p>
              ) : (
                a.lines.length > 0 && (
                  <button
                    type="button"
                    className="ab-button ab-button--small"
                    onClick={() => reveal(a.index)}
                    data-testid="reveal-answer"
                  >
                    <Eye size={14} /> Reveal
                  </button>
                )
              )}
            </li>
          );
        })}
      </ol>
      <div className="ab-answers__actions">
        <button
          type="button"
          className="ab-button"
          disabled={hidden.length === 0}
          onClick={() => {
            for (const a of hidden) reveal(a.index);
          }}
          data-testid="reveal-all"
        >
          <Eye size={15} /> Reveal all{hidden.length > 0 ? ` (${hidden.length})` : ''}
        </button>
        <button type="button" className="ab-button" onClick={onCompare} data-testid="compare-reference">
          <GitCompare size={15} /> Compare with the reference
        </button>
      </div>
    </section>
  );
}

const REQUIREMENTS_LOCK_LABELS: Record<RequirementsLock, string> = {
  open: 'Open: the candidate may edit them throughout',
  'after-clarification': `Locked after the first step (${PHASES[0]!.label.toLowerCase()})`,
  locked: 'Locked now: only you edit them',
};

/** The interviewer's locks on what the candidate may do; everyone sees them, only interviewers change them. */
export function LocksSection() {
  const { editor } = useBoard();
  const locks = useBoardSelector((s) => s.control.controls.locks);
  const holder = useBoardSelector((s) => s.control.holders.locks);
  return (
    <section className="ab-locks" data-testid="locks">
      <h4>
        <Lock size={14} /> Locks for the candidate
      </h4>
      <label className="ab-field">
        <span className="ab-field__label">Requirements</span>
        <select
          value={locks.requirements}
          onChange={(e) => editor.setLocks({ ...locks, requirements: e.target.value as RequirementsLock })}
          data-testid="lock-requirements"
        >
          {REQUIREMENTS_LOCKS.map((l) => (
            <option key={l} value={l}>
              {REQUIREMENTS_LOCK_LABELS[l]}
            </option>
          ))}
        </select>
      </label>
      <label className="ab-visibility">
        <input
          type="checkbox"
          checked={locks.importLocked}
          onChange={(e) => editor.setLocks({ ...locks, importLocked: e.target.checked })}
          data-testid="lock-import"
        />
        <span>Import and whole-board replacement locked for the candidate</span>
      </label>
      {holder && <p className="ab-muted">Last set by {holder}.</p>}
    </section>
  );
}
