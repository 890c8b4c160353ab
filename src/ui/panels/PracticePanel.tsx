import { useMemo } from 'react';
import { ClipboardCheck, Flag, GraduationCap, MessageCircleQuestion, SkipForward } from 'lucide-react';
import { askedAs, templateAnswers } from '../../interview/answers';
import { PHASES } from '../../interview/phases';
import { finish, nextPhase } from '../../interview/timer';
import { useBoard } from '../board/board-context';
import { useBoardSelector } from '../board/useBoardStore';
import { EVALUATION_INDEX } from '../board/useSolo';
import type { TemplateState } from '../interview/useTemplate';
import { serverNow } from '../interview/useServerClock';
import { FollowUpPrompts } from './FollowUpPrompts';

/** What the board says when a question's answer is the candidate's to choose. */
const YOUR_CALL = 'That is your call: state what you assume, and write it down.';

/**
 * A solo round's interviewer, in the side panel: the step to work on, the
 * clarifying questions to ask by clicking them (each answer goes into the
 * shared requirements, marked as given), the follow-up questions from the
 * evaluation step on, and the way to the end-of-round review. The answers stay
 * hidden until asked, and the reference until the round is over.
 */
export function PracticePanel({ template, onReview }: { template: TemplateState; onReview: () => void }) {
  const { editor } = useBoard();
  const revealed = useBoardSelector((s) => s.control.revealed);
  const timer = useBoardSelector((s) => s.timer);
  const answers = useMemo(
    () =>
      template.status === 'ready'
        ? templateAnswers(template.board.template.questions, template.board.requirements ?? {})
        : [],
    [template],
  );
  const phase = PHASES[timer.phaseIndex]!;
  const last = timer.phaseIndex === PHASES.length - 1;
  const asked = answers.filter((a) => revealed.has(a.index)).length;
  // From the evaluation step on, the follow-up questions come first.
  const evaluating = timer.finished || timer.phaseIndex >= EVALUATION_INDEX;

  return (
    <div className="ab-interviewer ab-practice" data-testid="practice-panel">
      <p className="ab-private-note">
        <GraduationCap size={14} /> Solo practice: you are the candidate, and this tab plays the interviewer.
      </p>

      {timer.finished ? (
        <section className="ab-practice__step" data-testid="practice-over">
          <h4>The round is over</h4>
          <p>Compare your design with the reference and rate yourself on the four dimensions.</p>
          <button
            type="button"
            className="ab-button ab-button--primary"
            onClick={onReview}
            data-testid="practice-review"
          >
            <ClipboardCheck size={15} /> Review the round
          </button>
        </section>
      ) : (
        <section className="ab-practice__step" data-testid="practice-step" data-phase={phase.id}>
          <h4>
            Step {timer.phaseIndex + 1} of {PHASES.length}: {phase.label}
          </h4>
          <p>{phase.prompt}</p>
          <div className="ab-answers__actions">
            {last ? (
              <button
                type="button"
                className="ab-button ab-button--primary"
                onClick={() => editor.updateTimer((s) => nextPhase(s, serverNow()))}
                data-testid="practice-finish"
              >
                <Flag size={15} /> Finish the round
              </button>
            ) : (
              <>
                <button
                  type="button"
                  className="ab-button ab-button--primary"
                  onClick={() => editor.updateTimer((s) => nextPhase(s, serverNow()))}
                  data-testid="practice-next"
                >
                  <SkipForward size={15} /> Next step: {PHASES[timer.phaseIndex + 1]!.label}
                </button>
                <button
                  type="button"
                  className="ab-button"
                  onClick={() =>
                    window.confirm('End the round now and see the reference?') &&
                    editor.updateTimer((s) => finish(s, serverNow()))
                  }
                  data-testid="practice-end"
                >
                  <Flag size={15} /> End now
                </button>
              </>
            )}
          </div>
        </section>
      )}

      {evaluating && (
        <FollowUpPrompts
          title="The interviewer asks"
          emptyText="No follow-up questions: the design and its numbers answer them already."
        />
      )}

      <section data-testid="practice-questions">
        <h4>
          <MessageCircleQuestion size={14} /> Ask the interviewer
        </h4>
        <p className="ab-field__hint">
          Click a question to ask it. The answer goes into the requirements, marked as given; ask before you design.
          {answers.length > 0 && ` Asked ${asked} of ${answers.length}.`}
        </p>
        {template.status === 'loading' && <p className="ab-muted">Loading the questions…</p>}
        {template.status === 'error' && (
          <p className="ab-error-text">The questions could not be loaded: {template.message}.</p>
        )}
        <ol className="ab-answers">
          {answers.map((a) => {
            const given = revealed.get(a.index);
            return (
              <li key={a.index} className={given ? 'is-revealed' : ''} data-question={a.index}>
                {given ? (
                  <>
                    <p className="ab-answers__question">{askedAs(a.question)}</p>
                    <ul className="ab-answers__lines" data-testid="practice-answer">
                      {(given.lines.length > 0 ? given.lines : [YOUR_CALL]).map((line) => (
                        <li key={line}>{line}</li>
                      ))}
                    </ul>
                  </>
                ) : (
                  <button
                    type="button"
                    className="ab-practice__ask"
                    onClick={() => editor.revealAnswer(a, serverNow())}
                    data-testid="ask-question"
                  >
                    {askedAs(a.question)}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      </section>

      {!evaluating && (
        <section>
          <h4>Follow-up questions</h4>
          <p className="ab-muted">
            At step {EVALUATION_INDEX + 1} ({PHASES[EVALUATION_INDEX]!.label.toLowerCase()}) the interviewer asks about
            your design: its bottlenecks, failure modes and single points of failure.
          </p>
        </section>
      )}
      {!timer.finished && (
        <p className="ab-muted">
          The reference design and your self-assessment come at the end of the round; the reference stays hidden until
          then.
        </p>
      )}
    </div>
  );
}
