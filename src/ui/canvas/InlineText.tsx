import { useEffect, useRef, useState } from 'react';
import { CharCount, useCharLimit } from '../common/CharCount';

interface InlineTextProps {
  value: string;
  placeholder: string;
  editing: boolean;
  multiline?: boolean;
  maxLength: number;
  className?: string;
  onCommit: (value: string) => void;
  onDone: () => void;
}

/** Text shown on the canvas that turns into an input in place when editing (double-click). */
export function InlineText({
  value,
  placeholder,
  editing,
  multiline,
  maxLength,
  className,
  onCommit,
  onDone,
}: InlineTextProps) {
  const [draft, setDraft] = useState(value);
  const limit = useCharLimit(draft.length, maxLength);
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useEffect(() => {
    if (editing) {
      setDraft(value);
      // A node just added is hidden until React Flow has measured it, and a hidden field
      // cannot take focus: try again for a few frames.
      let tries = 0;
      const focus = () => {
        const el = ref.current;
        if (!el) return;
        el.focus();
        if (document.activeElement === el) el.select();
        else if (++tries < 10) requestAnimationFrame(focus);
      };
      requestAnimationFrame(focus);
    }
    // Only when editing starts: remote changes must not reset what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editing]);
  if (!editing)
    return <div className={className}>{value || <span className="ab-placeholder">{placeholder}</span>}</div>;
  const finish = (commit: boolean) => {
    if (commit && draft !== value) onCommit(draft);
    onDone();
  };
  const props = {
    ref,
    value: draft,
    maxLength,
    className: `${className ?? ''} ab-inline-input nodrag nopan nowheel`,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setDraft(e.target.value),
    onPaste: limit.onPaste,
    onBlur: () => finish(true),
    onKeyDown: (e: React.KeyboardEvent) => {
      e.stopPropagation();
      // Esc commits, as in Excalidraw and Miro: the typed text is kept.
      if (e.key === 'Escape') finish(true);
      if (e.key === 'Enter' && (!multiline || e.metaKey || e.ctrlKey)) finish(true);
    },
  };
  return (
    <>
      {multiline ? <textarea {...props} /> : <input {...props} />}
      <CharCount length={draft.length} max={maxLength} active={maxLength <= 1_000} cut={limit.cut} floating />
    </>
  );
}
