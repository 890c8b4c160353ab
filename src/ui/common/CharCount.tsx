/**
 * The visible side of a field's character limit (the limits in src/limits.ts):
 * a count "12/200" while the person edits or nears the limit, marked once the
 * limit is reached, and a sentence when a paste did not fit, so no text is
 * ever cut without notice.
 */
import { useState, type ClipboardEvent } from 'react';

/** The count shows from this share of the limit on, even when the field is not being edited. */
const NEAR_LIMIT = 0.8;

type TextElement = HTMLInputElement | HTMLTextAreaElement;

export interface CharLimit {
  /** Spread on the input: notices a paste that the limit cuts. */
  onPaste: (event: ClipboardEvent<TextElement>) => void;
  /** Whether the last paste was cut to fit. */
  cut: boolean;
}

/** Tracks whether a paste into a field of at most `max` characters was cut. */
export function useCharLimit(length: number, max: number): CharLimit {
  // The field's length when a paste was cut (the paste event comes before the text changes), else null.
  const [cutFrom, setCutFrom] = useState<number | null>(null);
  // A cut is news until the text has changed and is shorter than the limit again.
  if (cutFrom !== null && length !== cutFrom && length < max) setCutFrom(null);
  return {
    cut: cutFrom !== null,
    onPaste: (event) => {
      const el = event.currentTarget;
      const selected = (el.selectionEnd ?? el.value.length) - (el.selectionStart ?? el.value.length);
      const after = el.value.length - selected + event.clipboardData.getData('text').length;
      setCutFrom(after > max ? el.value.length : null);
    },
  };
}

interface CharCountProps {
  length: number;
  max: number;
  /** The field is being edited: show the count whatever the length. */
  active?: boolean;
  cut?: boolean;
  /** Placed under a card's inline editor rather than in a form's flow. */
  floating?: boolean;
}

export function CharCount({ length, max, active = false, cut = false, floating = false }: CharCountProps) {
  if (!active && !cut && length < max * NEAR_LIMIT) return null;
  const full = length >= max;
  return (
    <span
      className={`ab-charcount${full ? ' is-full' : ''}${floating ? ' ab-charcount--floating' : ''}`}
      role={cut ? 'alert' : undefined}
      aria-live="polite"
      data-testid="char-count"
    >
      {length.toLocaleString('en')}/{max.toLocaleString('en')}
      {cut ? ' · the paste was cut to fit' : full ? ' · limit' : ''}
    </span>
  );
}
