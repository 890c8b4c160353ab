import { lazy, Suspense } from 'react';
import type { CollabTextProps } from './CollabText';

// CodeMirror is needed only when a notes panel opens: keep it out of the board's first load.
const CollabText = lazy(() => import('./CollabText'));

/** A labelled shared text field (see CollabText). */
export function CollabTextField(props: CollabTextProps & { hint?: string }) {
  return (
    <div className="ab-field">
      <span className="ab-field__label">{props.label}</span>
      {props.hint && <div className="ab-field__hint">{props.hint}</div>}
      <Suspense fallback={<div className="ab-collab-text ab-collab-text--loading">Loading the editor…</div>}>
        <CollabText {...props} />
      </Suspense>
    </div>
  );
}
