import { useEffect, useId, useState } from 'react';
import { ArrowDown, ArrowUp, Lock, MessageSquareQuote, Plus, X } from 'lucide-react';
import { FEATURE_FLAGS, SCALE_FIELDS, type Consistency, type Requirements, type ScaleField } from '../../board/types';
import type { ScalarRequirement } from '../../board/ops';
import {
  AVAILABILITY_CHOICES,
  FEATURE_INFO,
  MAX_AVAILABILITY,
  MIN_AVAILABILITY,
  SCALE_INFO,
  type QuantityKind,
} from '../../board/requirements-info';
import {
  allowedDowntimeSecondsPerYear,
  formatBytes,
  formatCount,
  formatDuration,
  formatValue,
  parseBytes,
  parseCount,
} from '../../estimate';
import { MAX_LABEL_CHARS, MAX_TEXT_CHARS } from '../../limits';
import { CharCount, useCharLimit } from '../common/CharCount';
import { useBoard } from '../board/board-context';
import { useLocks, useRequirements } from '../board/useBoardState';
import { useBoardSelector } from '../board/useBoardStore';
import { CheckboxField, FieldShell, NumberField, TextField } from '../common/fields';
import { useLint } from '../lint/lint-store';

interface ListEditorProps {
  items: string[];
  placeholder: string;
  addLabel: string;
  readOnly: boolean;
  name: string;
  onAdd: (text: string) => void;
  onUpdate: (index: number, text: string) => void;
  onRemove: (index: number) => void;
  onMove: (from: number, to: number) => void;
}

/** An editable, reorderable list of short texts. */
function ListEditor({
  items,
  placeholder,
  addLabel,
  readOnly,
  name,
  onAdd,
  onUpdate,
  onRemove,
  onMove,
}: ListEditorProps) {
  const [draft, setDraft] = useState('');
  const limit = useCharLimit(draft.length, MAX_LABEL_CHARS);
  const add = () => {
    const text = draft.trim();
    if (!text) return;
    onAdd(text);
    setDraft('');
  };
  return (
    <div className="ab-list" data-list={name}>
      {items.length === 0 && readOnly && <p className="ab-muted">None yet.</p>}
      <ol>
        {items.map((item, i) => (
          <li key={`${i}-${items.length}`} className="ab-list__item">
            <ListItemInput
              value={item}
              readOnly={readOnly}
              onChange={(text) => onUpdate(i, text)}
              label={`${name} ${i + 1}`}
            />
            {!readOnly && (
              <span className="ab-list__actions">
                <button
                  type="button"
                  className="ab-icon-button"
                  onClick={() => onMove(i, i - 1)}
                  disabled={i === 0}
                  aria-label="Move up"
                >
                  <ArrowUp size={13} />
                </button>
                <button
                  type="button"
                  className="ab-icon-button"
                  onClick={() => onMove(i, i + 1)}
                  disabled={i === items.length - 1}
                  aria-label="Move down"
                >
                  <ArrowDown size={13} />
                </button>
                <button type="button" className="ab-icon-button" onClick={() => onRemove(i)} aria-label="Remove">
                  <X size={13} />
                </button>
              </span>
            )}
          </li>
        ))}
      </ol>
      {!readOnly && (
        <div className="ab-list__add">
          <input
            value={draft}
            placeholder={placeholder}
            maxLength={MAX_LABEL_CHARS}
            onChange={(e) => setDraft(e.target.value)}
            onPaste={limit.onPaste}
            onKeyDown={(e) => e.key === 'Enter' && add()}
            aria-label={addLabel}
            data-add={name}
          />
          <button type="button" className="ab-icon-button" onClick={add} disabled={!draft.trim()} aria-label={addLabel}>
            <Plus size={15} />
          </button>
          <CharCount length={draft.length} max={MAX_LABEL_CHARS} active={draft !== ''} cut={limit.cut} />
        </div>
      )}
    </div>
  );
}

function ListItemInput({
  value,
  readOnly,
  onChange,
  label,
}: {
  value: string;
  readOnly: boolean;
  onChange: (v: string) => void;
  label: string;
}) {
  const [focused, setFocused] = useState(false);
  const [draft, setDraft] = useState(value);
  useEffect(() => {
    if (!focused) setDraft(value);
  }, [value, focused]);
  const shown = focused ? draft : value;
  const limit = useCharLimit(shown.length, MAX_LABEL_CHARS);
  return (
    <span className="ab-list__text">
      <textarea
        rows={1}
        value={shown}
        readOnly={readOnly}
        maxLength={MAX_LABEL_CHARS}
        aria-label={label}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onPaste={limit.onPaste}
        onChange={(e) => {
          setDraft(e.target.value);
          if (e.target.value.trim()) onChange(e.target.value);
        }}
      />
      {!readOnly && <CharCount length={shown.length} max={MAX_LABEL_CHARS} active={focused} cut={limit.cut} />}
    </span>
  );
}

const parsers: Record<QuantityKind, (text: string) => number | undefined> = {
  count: parseCount,
  bytes: parseBytes,
  factor: (t) => (t.trim() === '' ? undefined : Number(t)),
  years: (t) => (t.trim() === '' ? undefined : Number(t)),
};

const formatters: Record<QuantityKind, (v: number) => string> = {
  count: formatCount,
  bytes: formatBytes,
  factor: (v) => `${v}×`,
  years: (v) => `${v} year${v === 1 ? '' : 's'}`,
};

/** A scale input that reads what people type ("10M", "11 KB") and shows it back in human units. */
function QuantityField({
  field,
  value,
  readOnly,
  onChange,
}: {
  field: ScaleField;
  value: number | undefined;
  readOnly: boolean;
  onChange: (v: number | undefined) => void;
}) {
  const info = SCALE_INFO[field];
  const id = useId();
  const [focused, setFocused] = useState(false);
  const [draft, setDraft] = useState('');
  const parsed = parsers[info.kind](draft);
  const invalid = focused && draft.trim() !== '' && (parsed === undefined || !Number.isFinite(parsed) || parsed < 0);
  return (
    <div className="ab-field">
      <label htmlFor={id}>{info.label}</label>
      <input
        id={id}
        name={field}
        type="text"
        inputMode="decimal"
        readOnly={readOnly}
        placeholder={info.hint}
        aria-invalid={invalid}
        value={focused ? draft : value === undefined ? '' : formatters[info.kind](value)}
        onFocus={() => {
          setFocused(true);
          setDraft(value === undefined ? '' : String(value));
        }}
        onBlur={() => setFocused(false)}
        onChange={(e) => {
          setDraft(e.target.value);
          const v = parsers[info.kind](e.target.value);
          if (e.target.value.trim() === '') onChange(undefined);
          else if (v !== undefined && Number.isFinite(v) && v >= 0) onChange(v);
        }}
      />
      {invalid && (
        <div className="ab-field__hint ab-error-text">
          Enter a number such as {info.kind === 'bytes' ? '500 B, 11 KB or 2 MB' : '1000, 10K or 1M'}
        </div>
      )}
    </div>
  );
}

/** The estimate, figure by figure, with the arithmetic that reached it. */
function EstimateView() {
  const estimate = useLint((s) => s.estimate);
  if (!estimate) return null;
  if (estimate.steps.length === 0)
    return <p className="ab-muted">Fill in the scale above to see QPS, storage and bandwidth.</p>;
  return (
    <div className="ab-estimate" data-testid="estimate">
      <table>
        <tbody>
          {estimate.steps.map((step) => (
            <tr key={step.id} data-step={step.id}>
              <th scope="row">
                {step.label}
                {step.assumed && (
                  <span className="ab-assumed" title={`Assumed: ${step.assumed.join(', ')} (default 3)`}>
                    {' '}
                    *
                  </span>
                )}
              </th>
              <td className="ab-estimate__formula">{step.formula}</td>
              <td className="ab-estimate__value">{formatValue(step.value, step.unit)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {estimate.assumed.length > 0 && (
        <p className="ab-field__hint">
          * uses the default of 3 for {estimate.assumed.map((f) => SCALE_INFO[f].label.toLowerCase()).join(' and ')}.
        </p>
      )}
    </div>
  );
}

/** The answers the interviewer has given, as they gave them: the candidate's own lines stay theirs. */
function GivenAnswers() {
  const revealed = useBoardSelector((s) => s.control.revealed);
  if (revealed.size === 0) return null;
  const given = [...revealed.entries()].sort(([, a], [, b]) => a.at - b.at);
  return (
    <section className="ab-given" data-testid="given-answers">
      <h4>
        <MessageSquareQuote size={14} /> Given by the interviewer
      </h4>
      <ol>
        {given.map(([index, answer]) => (
          <li key={index} data-question={index}>
            <p className="ab-given__question">{answer.question}</p>
            <ul>
              {answer.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The requirements (document scope: everyone sees the same) and the estimate they imply. */
export function RequirementsPanel() {
  const { editor, readOnly: viewOnly } = useBoard();
  const { requirementsLocked, holder } = useLocks();
  const lockedByHand = useBoardSelector((s) => s.control.controls.locks.requirements === 'locked');
  const readOnly = viewOnly || requirementsLocked;
  const req = useRequirements();
  const setRequirement = (field: ScalarRequirement, value: Requirements[ScalarRequirement]) =>
    editor.apply([{ op: 'set-requirement', field, value }]);
  const setAssumptions = (value: string[]) => setRequirement('assumptions', value);
  const features = req.features ?? {};
  const scale = req.scale ?? {};
  const assumptions = req.assumptions ?? [];
  const availability = req.availability;
  const customAvailability =
    availability !== undefined && !(AVAILABILITY_CHOICES as readonly number[]).includes(availability);
  const [otherAvailability, setOtherAvailability] = useState(false);
  return (
    <div className="ab-reqs" data-testid="requirements">
      {requirementsLocked && (
        <p className="ab-locked-note" data-testid="requirements-locked">
          <Lock size={13} /> Locked by {holder}:{' '}
          {lockedByHand
            ? 'the interviewer keeps the requirements to themselves for now.'
            : 'the requirements are settled after the clarification step.'}{' '}
          Ask the interviewer to open them.
        </p>
      )}
      <GivenAnswers />
      <section>
        <TextField
          label="Prompt"
          name="prompt"
          value={req.prompt ?? ''}
          placeholder="The problem, in a sentence: what is being designed, for whom"
          maxLength={MAX_TEXT_CHARS}
          multiline
          readOnly={readOnly}
          onChange={(v) => setRequirement('prompt', v || undefined)}
        />
      </section>
      <section>
        <h4>Functional requirements</h4>
        <ListEditor
          name="functional"
          items={req.functional ?? []}
          placeholder="What a user can do, one per line"
          addLabel="Add a functional requirement"
          readOnly={readOnly}
          onAdd={(t) => editor.apply([{ op: 'insert-functional', index: req.functional?.length ?? 0, text: t }])}
          onUpdate={(i, t) => editor.apply([{ op: 'update-functional', index: i, text: t }])}
          onRemove={(i) => editor.apply([{ op: 'remove-functional', index: i }])}
          onMove={(from, to) => editor.apply([{ op: 'move-functional', from, to }])}
        />
      </section>
      <section>
        <h4>Features</h4>
        <p className="ab-field__hint">
          Each one calls for building blocks (SLIC FAST); the linter checks the design has them.
        </p>
        {FEATURE_FLAGS.map((flag) => (
          <CheckboxField
            key={flag}
            name={`feature-${flag}`}
            label={FEATURE_INFO[flag].label}
            hint={FEATURE_INFO[flag].description}
            checked={features[flag] === true}
            readOnly={readOnly}
            onChange={(on) => editor.apply([{ op: 'set-feature', flag, on }])}
          />
        ))}
      </section>
      <section>
        <h4>Scale</h4>
        <div className="ab-field-grid">
          {SCALE_FIELDS.map((field) => (
            <QuantityField
              key={field}
              field={field}
              value={scale[field]}
              readOnly={readOnly}
              onChange={(v) => editor.apply([{ op: 'set-scale', field, value: v }])}
            />
          ))}
        </div>
        <h5>Assumptions</h5>
        <ListEditor
          name="assumptions"
          items={assumptions}
          placeholder="Reads outnumber writes 10 to 1"
          addLabel="Add an assumption"
          readOnly={readOnly}
          onAdd={(t) => setAssumptions([...assumptions, t])}
          onUpdate={(i, t) => setAssumptions(assumptions.map((a, j) => (j === i ? t : a)))}
          onRemove={(i) => setAssumptions(assumptions.filter((_, j) => j !== i))}
          onMove={(from, to) => {
            const next = [...assumptions];
            const [item] = next.splice(from, 1);
            next.splice(to, 0, item!);
            setAssumptions(next);
          }}
        />
      </section>
      <section>
        <h4>Targets</h4>
        <div className="ab-field-row">
          <NumberField
            label="p99 latency (ms)"
            name="latencyP99Ms"
            value={req.latencyP99Ms}
            min={1}
            readOnly={readOnly}
            placeholder="e.g. 200"
            onChange={(v) => setRequirement('latencyP99Ms', v)}
          />
          <FieldShell
            label="Availability"
            hint={
              availability !== undefined
                ? `Down at most ${formatDuration(allowedDowntimeSecondsPerYear(availability))} a year`
                : undefined
            }
          >
            {(id) => (
              <select
                id={id}
                name="availability"
                disabled={readOnly}
                value={
                  customAvailability || otherAvailability
                    ? 'custom'
                    : availability === undefined
                      ? ''
                      : String(availability)
                }
                onChange={(e) => {
                  setOtherAvailability(e.target.value === 'custom');
                  if (e.target.value !== 'custom')
                    setRequirement('availability', e.target.value === '' ? undefined : Number(e.target.value));
                }}
              >
                <option value="">Not set</option>
                {AVAILABILITY_CHOICES.map((a) => (
                  <option key={a} value={a}>
                    {a}%
                  </option>
                ))}
                <option value="custom">{customAvailability ? `${availability}%` : 'Other…'}</option>
              </select>
            )}
          </FieldShell>
        </div>
        {(customAvailability || otherAvailability) && (
          <NumberField
            label="Other availability (%)"
            name="availabilityCustom"
            value={availability}
            min={MIN_AVAILABILITY}
            max={MAX_AVAILABILITY}
            step={0.001}
            readOnly={readOnly}
            placeholder="99 to 99.999"
            onChange={(v) => setRequirement('availability', v)}
          />
        )}
        <FieldShell label="Consistency">
          {() => (
            <div className="ab-segmented" role="radiogroup" aria-label="Consistency">
              {(['strong', 'eventual'] as Consistency[]).map((c) => (
                <button
                  key={c}
                  type="button"
                  role="radio"
                  aria-checked={req.consistency === c}
                  className={req.consistency === c ? 'is-on' : ''}
                  disabled={readOnly}
                  onClick={() => setRequirement('consistency', req.consistency === c ? undefined : c)}
                >
                  {c === 'strong' ? 'Strong' : 'Eventual'}
                </button>
              ))}
            </div>
          )}
        </FieldShell>
      </section>
      <section>
        <h4>Estimate</h4>
        <EstimateView />
      </section>
    </div>
  );
}
