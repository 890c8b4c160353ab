import { useEffect, useMemo, useState } from 'react';
import { Lock } from 'lucide-react';
import {
  DIMENSIONS,
  EXPECTATION_ASPECTS,
  LEVELS,
  RATING_SCALE,
  SIGNALS,
  levelInfo,
  type LevelId,
} from '../../interview/scorecard';
import {
  privateNotesOf,
  readPrivateScorecard,
  scorecardOf,
  setDimensionScore,
  setScorecardLevel,
  setScorecardOverall,
} from '../../sync/private-doc';
import { MAX_TEXT_CHARS } from '../../limits';
import { useBoard } from '../board/board-context';
import { useObserved } from '../common/useObserved';
import { useBoardSelector } from '../board/useBoardStore';
import { useSession } from '../common/session-store';
import { CollabTextField } from '../interview/CollabTextField';
import { TextField } from '../common/fields';
import { useTemplate } from '../interview/useTemplate';
import { AnswersSection, LocksSection } from './AnswersSection';
import { FollowUpPrompts } from './FollowUpPrompts';
import { LiveEvidence } from '../replay/LiveEvidence';
import type { Block } from '../../board/types';

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
      {template.status === 'ready' && <AnswersSection template={template.board} onCompare={onCompare} />}
      {template.status === 'error' && (
        <p className="ab-error-text">The template could not be loaded: {template.message}.</p>
      )}
      <LocksSection />
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
  const level = card.level ? levelInfo(card.level) : null;
  return (
    <section className="ab-scorecard" data-testid="scorecard">
      <h4>Scorecard</h4>
      <label className="ab-field">
        <span className="ab-field__label">Target level</span>
        <select
          value={card.level ?? ''}
          onChange={(e) => setScorecardLevel(doc, (e.target.value || null) as LevelId | null)}
          data-testid="scorecard-level"
        >
          <option value="">Choose a level</option>
          {LEVELS.map((l) => (
            <option key={l.id} value={l.id}>
              {l.label}
            </option>
          ))}
        </select>
      </label>
      {level && (
        <div className="ab-level-guide">
          <p>{level.summary}</p>
          <dl>
            {EXPECTATION_ASPECTS.map((a) => (
              <div key={a.id}>
                <dt>{a.label}</dt>
                <dd>{level.expectations[a.id]}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
      {DIMENSIONS.map((d) => {
        const score = card.dimensions[d.id];
        return (
          <div key={d.id} className="ab-dimension" data-dimension={d.id}>
            <div className="ab-dimension__head">
              <strong>{d.label}</strong>
              <span className="ab-muted">{d.description}</span>
            </div>
            <div className="ab-segmented ab-segmented--wide" role="radiogroup" aria-label={`${d.label} rating`}>
              {RATING_SCALE.map((r) => (
                <button
                  key={r.value}
                  type="button"
                  role="radio"
                  aria-checked={score.rating === r.value}
                  className={score.rating === r.value ? 'is-on' : ''}
                  title={r.description}
                  onClick={() =>
                    setDimensionScore(doc, d.id, { ...score, rating: score.rating === r.value ? null : r.value })
                  }
                >
                  {r.label}
                </button>
              ))}
            </div>
            <TextField
              label="Evidence"
              name={`note-${d.id}`}
              value={score.note}
              placeholder="What they said or did that shows it"
              maxLength={MAX_TEXT_CHARS}
              multiline
              onChange={(note) => setDimensionScore(doc, d.id, { ...readPrivateScorecard(doc).dimensions[d.id], note })}
            />
          </div>
        );
      })}
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
