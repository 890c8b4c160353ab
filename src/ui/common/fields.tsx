/**
 * Form fields bound to the document. While a field has focus it shows what the
 * person is typing (so a remote edit cannot move their caret); every change is
 * written at once, so others see it live, and the undo manager merges a burst
 * of typing into one step.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { CharCount, useCharLimit } from './CharCount';

function useDraft<T>(value: T): [T, (v: T) => void, { onFocus: () => void; onBlur: () => void }, boolean] {
  const [focused, setFocused] = useState(false);
  const [draft, setDraft] = useState(value);
  useEffect(() => {
    if (!focused) setDraft(value);
  }, [value, focused]);
  return [
    focused ? draft : value,
    setDraft,
    { onFocus: () => setFocused(true), onBlur: () => setFocused(false) },
    focused,
  ];
}

interface FieldShellProps {
  label: string;
  hint?: ReactNode;
  children: (id: string) => ReactNode;
}

export function FieldShell({ label, hint, children }: FieldShellProps) {
  const id = useId();
  return (
    <div className="ab-field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint && <div className="ab-field__hint">{hint}</div>}
    </div>
  );
}

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  maxLength: number;
  multiline?: boolean;
  readOnly?: boolean;
  hint?: ReactNode;
  list?: string;
  name?: string;
}

export function TextField({
  label,
  value,
  onChange,
  placeholder,
  maxLength,
  multiline,
  readOnly,
  hint,
  list,
  name,
}: TextFieldProps) {
  const [shown, setDraft, focus, focused] = useDraft(value);
  const limit = useCharLimit(shown.length, maxLength);
  // Short fields (labels) count while edited; long ones only near their limit.
  const count = readOnly ? null : (
    <CharCount length={shown.length} max={maxLength} active={focused && maxLength <= 1_000} cut={limit.cut} />
  );
  return (
    <FieldShell
      label={label}
      hint={
        count && hint ? (
          <>
            {hint} {count}
          </>
        ) : (
          (count ?? hint)
        )
      }
    >
      {(id) => {
        const props = {
          id,
          name,
          value: shown,
          placeholder,
          maxLength,
          readOnly,
          onPaste: limit.onPaste,
          ...focus,
          onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
            setDraft(e.target.value);
            onChange(e.target.value);
          },
        };
        return multiline ? <textarea rows={4} {...props} /> : <input type="text" list={list} {...props} />;
      }}
    </FieldShell>
  );
}

interface NumberFieldProps {
  label: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  min?: number;
  /** A bound the number must exceed (a capacity or a fan-out is above 0, however small). */
  above?: number;
  max?: number;
  step?: number;
  placeholder?: string;
  readOnly?: boolean;
  hint?: ReactNode;
  name?: string;
  /** Whether an empty field means "not set" (undefined) rather than an invalid entry. */
  optional?: boolean;
}

/** "Enter a number from 0 to 1", "Enter a number above 0": what a valid entry is. */
function rangeText(min: number | undefined, above: number | undefined, max: number | undefined): string {
  const low = above !== undefined ? ` above ${above}` : min !== undefined ? ` from ${min}` : '';
  const high = max !== undefined ? `${above !== undefined ? ' and at most' : ' to'} ${max}` : '';
  return `Enter a number${low}${high}`;
}

/** A number input: writes only valid numbers within range; empty clears an optional field. */
export function NumberField({
  label,
  value,
  onChange,
  min,
  above,
  max,
  step,
  placeholder,
  readOnly,
  hint,
  name,
  optional = true,
}: NumberFieldProps) {
  const [shown, setDraft, focus] = useDraft(value === undefined ? '' : String(value));
  const inRange = (v: number) =>
    Number.isFinite(v) &&
    (min === undefined || v >= min) &&
    (above === undefined || v > above) &&
    (max === undefined || v <= max);
  const parsed = shown.trim() === '' ? undefined : Number(shown);
  const invalid = parsed === undefined ? !optional : !inRange(parsed);
  return (
    <FieldShell
      label={label}
      hint={invalid ? <span className="ab-error-text">{rangeText(min, above, max)}</span> : hint}
    >
      {(id) => (
        <input
          id={id}
          name={name}
          type="number"
          inputMode="decimal"
          value={shown}
          min={min}
          max={max}
          step={step}
          placeholder={placeholder}
          readOnly={readOnly}
          aria-invalid={invalid}
          {...focus}
          onChange={(e) => {
            setDraft(e.target.value);
            const v = e.target.value.trim() === '' ? undefined : Number(e.target.value);
            if (v === undefined ? optional : inRange(v)) onChange(v);
          }}
        />
      )}
    </FieldShell>
  );
}

interface CheckboxFieldProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  readOnly?: boolean;
  hint?: ReactNode;
  name?: string;
}

export function CheckboxField({ label, checked, onChange, readOnly, hint, name }: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className="ab-field ab-field--checkbox">
      <input
        id={id}
        name={name}
        type="checkbox"
        checked={checked}
        disabled={readOnly}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {hint && <div className="ab-field__hint">{hint}</div>}
    </div>
  );
}
