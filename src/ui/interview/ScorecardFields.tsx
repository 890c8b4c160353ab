import type { ReactNode } from 'react';
import {
  DIMENSIONS,
  EXPECTATION_ASPECTS,
  LEVELS,
  RATING_SCALE,
  levelInfo,
  type DimensionId,
  type LevelId,
  type Scorecard,
} from '../../interview/scorecard';
import { readPrivateScorecard, setDimensionScore, setScorecardLevel } from '../../sync/private-doc';
import { MAX_TEXT_CHARS } from '../../limits';
import { TextField } from '../common/fields';

/** The private document the fields write to (the UI holds it opaque: private-doc.ts writes it). */
type PrivateDoc = Parameters<typeof setDimensionScore>[0];

/**
 * The parts of the scorecard kept in the private document, as fields: the
 * target level with what it expects, and a rating with its evidence on each of
 * the four dimensions. The interviewer's scorecard and a solo round's
 * self-assessment are both made of them.
 */
export function LevelField({ doc, card, label }: { doc: PrivateDoc; card: Scorecard; label: string }) {
  const level = card.level ? levelInfo(card.level) : null;
  return (
    <>
      <label className="ab-field">
        <span className="ab-field__label">{label}</span>
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
    </>
  );
}

/** A rating and its evidence for each dimension; `lookFor` lists the dimension's questions under it. */
export function DimensionFields({
  doc,
  card,
  evidenceLabel,
  evidencePlaceholder,
  lookFor = false,
  extra,
}: {
  doc: PrivateDoc;
  card: Scorecard;
  evidenceLabel: string;
  evidencePlaceholder: string;
  lookFor?: boolean;
  /** More under a dimension's evidence (the interviewer's private comments attached to it). */
  extra?: (dimension: DimensionId) => ReactNode;
}) {
  return (
    <>
      {DIMENSIONS.map((d) => {
        const score = card.dimensions[d.id];
        return (
          <div key={d.id} className="ab-dimension" data-dimension={d.id}>
            <div className="ab-dimension__head">
              <strong>{d.label}</strong>
              <span className="ab-muted">{d.description}</span>
            </div>
            {lookFor && (
              <ul className="ab-dimension__look-for">
                {d.lookFor.map((q) => (
                  <li key={q}>{q}</li>
                ))}
              </ul>
            )}
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
              label={evidenceLabel}
              name={`note-${d.id}`}
              value={score.note}
              placeholder={evidencePlaceholder}
              maxLength={MAX_TEXT_CHARS}
              multiline
              onChange={(note) => setDimensionScore(doc, d.id, { ...readPrivateScorecard(doc).dimensions[d.id], note })}
            />
            {extra?.(d.id)}
          </div>
        );
      })}
    </>
  );
}
