/**
 * The client's side of the control document (`<id>/control`, src/doc/control-doc.ts):
 * the interviewer's settings of the room. The board store reads it (the timer,
 * the rules switched off, whether the candidate sees the findings, the locks,
 * the answers given) so the UI never sees its layout; the editor writes it, and
 * only for an interviewer: anyone else's write is refused here, and dropped by
 * the server if a tampered browser sends it anyway.
 */
import type * as Y from 'yjs';
import {
  controlHolder,
  controlsOf,
  readControls,
  readRevealed,
  recordRevealed,
  requirementsLockedFor,
  revealedOf,
  setControl,
  DEFAULT_LOCKS,
  type BoardControls,
  type ControlKey,
  type Locks,
  type RequirementsLock,
  type RevealedAnswer,
} from '../doc/control-doc';
import { initialTimer } from '../interview/timer';
import { LOCAL_UNTRACKED } from './origin';

export { DEFAULT_LOCKS, REQUIREMENTS_LOCKS, requirementsLockedFor } from '../doc/control-doc';
export type { BoardControls, ControlKey, Locks, RequirementsLock, RevealedAnswer };

/** What the board store publishes of the control document. */
export interface ControlState {
  controls: BoardControls;
  /** Who last set each control (a name), when someone has. */
  holders: Partial<Record<ControlKey, string>>;
  /** The template answers given so far, by question index. */
  revealed: ReadonlyMap<number, RevealedAnswer>;
}

const CONTROL_KEYS: readonly ControlKey[] = [
  'timer',
  'findingsVisibleToCandidate',
  'disabledRules',
  'locks',
  'templateId',
];

/** The control document's state, validated (defaults when it has not synced yet). */
export function readControlState(doc: Y.Doc | null): ControlState {
  if (!doc) return { controls: readControlsOfNothing(), holders: {}, revealed: new Map() };
  const holders: Partial<Record<ControlKey, string>> = {};
  for (const key of CONTROL_KEYS) {
    const by = controlHolder(doc, key);
    if (by !== undefined) holders[key] = by;
  }
  return { controls: readControls(doc), holders, revealed: readRevealed(doc) };
}

function readControlsOfNothing(): BoardControls {
  return {
    timer: initialTimer(),
    findingsVisibleToCandidate: false,
    disabledRules: [],
    locks: DEFAULT_LOCKS,
    templateId: undefined,
  };
}

/** Calls `listener` after each change of the control document. */
export function observeControls(doc: Y.Doc, listener: () => void): () => void {
  const controls = controlsOf(doc);
  const revealed = revealedOf(doc);
  controls.observe(listener);
  revealed.observe(listener);
  return () => {
    controls.unobserve(listener);
    revealed.unobserve(listener);
  };
}

/** Writes of the control document, for an interviewer's connection. */
export class ControlWriter {
  constructor(
    private readonly doc: Y.Doc,
    /** The name recorded as the control's holder. */
    private readonly by: () => string,
  ) {}

  set<K extends ControlKey>(key: K, value: BoardControls[K]): void {
    setControl(this.doc, key, value, this.by(), LOCAL_UNTRACKED);
  }

  current(): BoardControls {
    return readControls(this.doc);
  }

  recordRevealed(index: number, question: string, lines: string[], at: number): void {
    recordRevealed(this.doc, index, { question, lines, by: this.by(), at }, LOCAL_UNTRACKED);
  }
}

/** Whether the candidate may edit the requirements now. */
export function requirementsLocked(controls: BoardControls): boolean {
  return requirementsLockedFor(controls.locks, controls.timer.phaseIndex);
}
