/**
 * The client's side of the control document (`<id>/control`, the
 * interviewer's settings of the room; layout in src/doc/control-doc.ts):
 * a store the UI reads, validated, and the writes interviewers make.
 *
 * Every role opens it and reads it. Only interviewers write: the `Drills`
 * editor of anyone else applies nothing, and the server drops their updates
 * anyway (server canWrite), so a tampered browser changes only its own copy.
 *
 * It carries the failure drill (its `drills` map, values laid out by
 * src/lint/drill-state.ts; a drill is session scope: it never touches the
 * board's document), and the interviewer's settings of the room: the timer,
 * the rules switched off, whether the candidate sees the findings, the locks
 * and the answers given. The board store reads those (`readControlState`), so
 * the UI never sees the layout; the editor writes them through a
 * `ControlWriter`, which only an interviewer's editor has.
 */
import type * as Y from 'yjs';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { drillKeys, readDrillState, type DrillRecord, type DrillState } from '../lint/drill-state';
import {
  controlHolder,
  controlsOf,
  drillsOf,
  readControls,
  readRevealed,
  recordRevealed,
  requirementsLockedFor,
  revealedOf,
  setControl,
  DEFAULT_LOCKS,
  type BoardControls,
  type BoardMode,
  type ControlKey,
  type Locks,
  type RequirementsLock,
  type RevealedAnswer,
} from '../doc/control-doc';
import { initialTimer } from '../interview/timer';
import { LOCAL_UNTRACKED } from './origin';

/** What the control document says, validated. */
export interface ControlSnapshot {
  drill: DrillState;
}

export class ControlStore {
  private readonly api: StoreApi<ControlSnapshot>;
  private readonly detach: () => void;

  constructor(private readonly doc: Y.Doc) {
    this.api = createStore<ControlSnapshot>(() => ({ drill: this.readDrill() }));
    const drills = drillsOf(doc);
    const onDrills = () => this.api.setState({ drill: this.readDrill() });
    drills.observe(onDrills);
    this.detach = () => drills.unobserve(onDrills);
  }

  private readDrill(): DrillState {
    return readDrillState(drillsOf(this.doc).entries());
  }

  getState(): ControlSnapshot {
    return this.api.getState();
  }

  subscribe(listener: (state: ControlSnapshot, previous: ControlSnapshot) => void): () => void {
    return this.api.subscribe(listener);
  }

  /** The zustand store, for React's `useStore` with a selector. */
  get zustand(): StoreApi<ControlSnapshot> {
    return this.api;
  }

  destroy(): void {
    this.detach();
  }
}

/** The interviewer's failure-drill controls. Not undo steps: a drill is not an edit of the design. */
export class Drills {
  constructor(
    private readonly doc: Y.Doc,
    /** Interviewers only; for anyone else every call does nothing (and the server would drop it). */
    readonly canWrite: boolean,
    /** Who is acting, as the drill list and the report name them. */
    private readonly by: () => string,
    private readonly now: () => number = Date.now,
  ) {}

  private write(fn: (map: Y.Map<unknown>) => void): void {
    if (!this.canWrite) return;
    this.doc.transact(() => fn(drillsOf(this.doc)), LOCAL_UNTRACKED);
  }

  /** Fails blocks or groups (a group fails with everything in it) for everyone on the board. */
  fail(blockIds: readonly string[]): void {
    const at = this.now();
    this.write((map) => {
      for (const id of blockIds) if (!map.has(drillKeys.down(id))) map.set(drillKeys.down(id), { by: this.by(), at });
    });
  }

  /**
   * Brings one item back. Restoring the last one ends the drill: `record` (the
   * drill as it stood, when it is kept) goes to the report.
   */
  restore(blockId: string, record: DrillRecord | null): void {
    this.write((map) => {
      map.delete(drillKeys.down(blockId));
      if (![...map.keys()].some(drillKeys.isDown)) this.endIn(map, record);
    });
  }

  /** Ends the drill: everything comes back; `record` (when the drill is kept) goes to the report. */
  end(record: DrillRecord | null): void {
    this.write((map) => {
      for (const key of [...map.keys()]) if (drillKeys.isDown(key)) map.delete(key);
      this.endIn(map, record);
    });
  }

  private endIn(map: Y.Map<unknown>, record: DrillRecord | null): void {
    if (record && map.get(drillKeys.keep) === true) {
      map.set(drillKeys.kept(`${record.at}-${Math.random().toString(36).slice(2, 8)}`), record);
    }
    map.delete(drillKeys.keep);
  }

  /** Whether the live drill goes into the report. */
  setKeep(keep: boolean): void {
    this.write((map) => (keep ? map.set(drillKeys.keep, true) : map.delete(drillKeys.keep)));
  }

  /** Takes a kept drill out of the report. */
  forgetKept(at: number): void {
    this.write((map) => {
      for (const [key, value] of [...map.entries()])
        if (key.startsWith(drillKeys.kept('')) && (value as { at?: unknown } | null)?.at === at) map.delete(key);
    });
  }
}

export { DEFAULT_LOCKS, REQUIREMENTS_LOCKS, requirementsLockedFor } from '../doc/control-doc';
export type { BoardControls, BoardMode, ControlKey, Locks, RequirementsLock, RevealedAnswer };

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
  'mode',
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
    mode: 'interview',
    rounds: { number: 1 },
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
