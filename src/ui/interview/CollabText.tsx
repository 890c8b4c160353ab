/**
 * A text editor several people type in at once: CodeMirror bound to a Y.Text
 * by y-codemirror.next, with everyone's carets through awareness and undo
 * through the given (per-user) undo manager. Loaded lazily by CollabTextField.
 */
import { useEffect, useRef } from 'react';
import type { CollabTextHandle } from '../../sync/editor';
import { EditorView, keymap, placeholder as placeholderText } from '@codemirror/view';
import { EditorState } from '@codemirror/state';
import { defaultKeymap } from '@codemirror/commands';
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';

export interface CollabTextProps {
  /** The shared text, from the editing API (or the private document's). */
  handle: CollabTextHandle;
  readOnly: boolean;
  placeholder: string;
  label: string;
}

const theme = EditorView.theme({
  '&': { fontSize: '13px', border: '1px solid var(--ab-border)', borderRadius: '8px', background: 'var(--ab-surface)' },
  '&.cm-focused': {
    outline: 'none',
    borderColor: 'var(--ab-accent)',
    boxShadow: '0 0 0 3px color-mix(in srgb, var(--ab-accent) 18%, transparent)',
  },
  '.cm-content': { fontFamily: 'var(--ab-mono)', padding: '8px 0', minHeight: '96px', caretColor: 'var(--ab-text)' },
  '.cm-line': { padding: '0 10px' },
  '.cm-placeholder': { color: 'var(--ab-text-3)' },
  '.cm-scroller': { lineHeight: '1.5' },
});

export default function CollabText({ handle, readOnly, placeholder, label }: CollabTextProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const { text, awareness, undoManager } = handle;
    const view = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: text.toString(),
        extensions: [
          keymap.of([...yUndoManagerKeymap, ...defaultKeymap]),
          EditorView.lineWrapping,
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          placeholderText(placeholder),
          theme,
          yCollab(text, awareness, { undoManager }),
        ],
      }),
    });
    return () => view.destroy();
  }, [handle, label, placeholder, readOnly]);
  return <div ref={host} className="ab-collab-text" data-note-editor={label} />;
}
