import { useEffect, useMemo, useState } from 'react';
import { Lock } from 'lucide-react';
import { SIGNALS } from '../../interview/scorecard';
import { privateNotesOf, readPrivateScorecard, scorecardOf, setScorecardOverall } from '../../sync/private-doc';
import { useBoard } from '../board/board-context';
import { useObserved } from '../common/useObserved';
import { useBoardSelector } from '../board/useBoardStore';
import { useSession } from '../common/session-store';
import { CollabTextField } from '../interview/CollabTextField';
import { DimensionFields, LevelField } from '../interview/ScorecardFields';
import { useTemplate } from '../interview/useTemplate';
import { AnswersSection, LocksSection } from './AnswersSection';
import { FollowUpPrompts } from './FollowUpPrompts';
import { NextRoundButton, PickProblemSection } from '../interview/PeerRounds';
import { LiveEvidence } from '../replay/LiveEvidence';
import type { Block } from '../../board/types';
import { useCommentUi } from '../comments/comment-store';
import { showComments } from '../comments/useComments';
import { useAnchorLabel } from '../comments/CommentsPanel';

/**
 * What only the interviewer sees: the template's questions, private notes and
 * the scorecard (the four evaluation dimensions against the target level), kept
 * in the private document the server refuses to everyone else.
 */
export function InterviewerPanel({
  onCompare,
  selectedBlocks = [],
}: {
  onCompare: () => void;
  /** Blocks selected on the canvas: a pinned note names them. */
  selectedBlocks?: readonly Block[];
}) {
  const { privateDoc } = useBoard();
  const templateId = useBoardSelector((s) => s.templateId);
  const notesHandle = useMemo(
    () =>
      privateDoc && {
        text: privateNotesOf(privateDoc.synced.doc),
        awareness: privateDoc.synced.awareness,
        undoManager: privateDoc.undo,
      },
    [privateDoc],
  );
  const template = useTemplate(templateId);
  const userName = useSession((s) => s.userName);
  const userColor = useSession((s) => s.userColor);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    if (!privateDoc) return;
    privateDoc.synced.awareness.setLocalStateField('user', {
      name: userName || 'Interviewer',
      color: userColor,
      role: 'interviewer',
    });
    let cancelled = false;
    void privateDoc.synced.whenLoaded().then(() => !cancelled && setLoaded(true));
    return () => {
      cancelled = true;
    };
  }, [privateDoc, userColor, userName]);

  if (!privateDoc || !notesHandle) return null;
  return (
    <div className="ab-interviewer" data-testid="interviewer-panel">
      <p className="ab-private-note">
        <Lock size={13} /> Only interviewers see this tab. The candidate’s document and report never contain it.
      </p>
      <PickProblemSection />
      {template.status === 'ready' && <AnswersSection template={template.board} onCompare={onCompare} />}
      {template.status === 'error' && (
        <p className="ab-error-text">The template could not be loaded: {template.message}.</p>
      )}
      <LocksSection />
      <NextRoundButton />
      <FollowUpPrompts />
      {!loaded ? (
        <p className="ab-muted">Opening your private notes…</p>
      ) : (
        <>
          <CollabTextField
            label="Private notes"
            hint="What you noticed, quotes, follow-up questions."
            placeholder="Asked about read/write ratio unprompted…"
            handle={notesHandle}
            readOnly={false}
          />
          <LiveEvidence selected={selectedBlocks} />
          <ScorecardEditor />
        </>
      )}
    </div>
  );
}

function ScorecardEditor() {
  const { privateDoc } = useBoard();
  const doc = privateDoc!.synced.doc;
  const card = useObserved(scorecardOf(doc), () => readPrivateScorecard(doc));
  return (
    <section className="ab-scorecard" data-testid="scorecard">
      <h4>Scorecard</h4>
      <LevelField doc={doc} card={card} label="Target level" />
      <DimensionFields
        doc={doc}
        card={card}
        evidenceLabel="Evidence"
        evidencePlaceholder="What they said or did that shows it"
        extra={(id) => <DimensionComments dimension={id} />}
      />
      <div className="ab-field">
        <span className="ab-field__label">Overall</span>
        <div className="ab-segmented ab-segmented--wide" role="radiogroup" aria-label="Overall signal">
          {SIGNALS.map((s) => (
            <button
              key={s.id}
              type="button"
              role="radio"
              aria-checked={card.overall === s.id}
              className={card.overall === s.id ? 'is-on' : ''}
              onClick={() => setScorecardOverall(doc, card.overall === s.id ? null : s.id)}
              data-signal={s.id}
            >
              {s.label}
            </button>
          ))}
        </div>
      </div>
    </section>
  );
}

/** The private comments attached to a dimension as evidence; each opens its thread. */
function DimensionComments({ dimension }: { dimension: string }) {
  const threads = useCommentUi((s) => s.privateThreads);
  const labelOf = useAnchorLabel();
  const attached = threads.filter((t) => t.dimension === dimension);
  if (attached.length === 0) return null;
  return (
    <ul className="ab-dimension__comments" aria-label="Comments as evidence" data-testid="dimension-comments">
      {attached.map((t) => (
        <li key={t.id}>
          <button type="button" className="ab-link-button" onClick={() => showComments(t.id)}>
            {t.text}
          </button>
          <span className="ab-muted">
            {' '}
            on {labelOf(t.anchor).text}
            {t.replies.length > 0 && ` · ${t.replies.length} repl${t.replies.length === 1 ? 'y' : 'ies'}`}
          </span>
        </li>
      ))}
    </ul>
  );
}
