/**
 * The board's control document (`/sync/<id>/control`): the interviewer's
 * settings of the room. Every role reads it; the server applies writes from
 * interviewer connections only (a candidate's or observer's update is dropped
 * before it reaches the document, storage or anyone else), so nothing here can
 * be changed by the candidate, whatever their browser sends.
 *
 *   controls  Y.Map   one plain value per key (CONTROL_KEYS): the timer,
 *                     findingsVisibleToCandidate, disabledRules, locks,
 *                     templateId, mode; `by:<key>` names who last set `<key>`
 *   revealed  Y.Map   question index (decimal string) -> RevealedAnswer:
 *                     the template answers the interviewer has given
 *   drills    Y.Map   failure-drill state, owned by src/lint's drills (the
 *                     layout of its values is theirs; this module only
 *                     creates the map)
 *
 * Top-level types only, so no two clients can create competing nested types.
 * Values are read through the `read*` functions, which validate: a value the
 * document holds but that is not of the right shape reads as its default.
 *
 * Writing (interviewer only): `setControl(doc, key, value, by, origin)`.
 */
import type * as Y from 'yjs';
import type { Board } from '../board/types';
import { readTimerState, type TimerState } from '../interview/timer';

export const controlsOf = (doc: Y.Doc) => doc.getMap<unknown>('controls');
export const revealedOf = (doc: Y.Doc) => doc.getMap<unknown>('revealed');
/** Failure-drill state (the lint engineer's; see src/lint). */
export const drillsOf = (doc: Y.Doc) => doc.getMap<unknown>('drills');

/** When the candidate may edit the requirements. */
export type RequirementsLock = 'open' | 'after-clarification' | 'locked';
export const REQUIREMENTS_LOCKS: readonly RequirementsLock[] = ['open', 'after-clarification', 'locked'];

/** The interviewer's locks on what the candidate may do. */
export interface Locks {
  /** `after-clarification` (the default): open during the requirements step, locked after it. */
  requirements: RequirementsLock;
  /** Importing a file or replacing the whole board: locked for the candidate unless the interviewer opens it. */
  importLocked: boolean;
}

export const DEFAULT_LOCKS: Locks = { requirements: 'after-clarification', importLocked: true };

/**
 * How the board is used: `interview` (an interviewer and a candidate, the
 * default) or `solo` (solo practice: one person alone holds the interviewer's
 * token, and the board plays the interviewer for them). Written by the server
 * when it creates the board.
 */
export type BoardMode = 'interview' | 'solo';
export const BOARD_MODES: readonly BoardMode[] = ['interview', 'solo'];

/** Everything the control document decides, validated. */
export interface BoardControls {
  timer: TimerState;
  findingsVisibleToCandidate: boolean;
  disabledRules: string[];
  locks: Locks;
  /** The template the board was made from (written by the server at creation). */
  templateId: string | undefined;
  /** Interview or solo practice (written by the server at creation). */
  mode: BoardMode;
  /** Peer rounds: this board's place in a series of swapped-role rounds (written by the server). */
  rounds: Rounds;
}

/**
 * Peers practising together take turns; each round is a board. Only ids are
 * kept here (readable by every role): a person's link to another round comes
 * from `GET /api/boards/<id>/rounds` with their own token, so nobody reads
 * another's.
 */
export interface Rounds {
  /** 1 for a board that is no later round of another. */
  number: number;
  previous?: string;
  next?: string;
}

/** The keys of `controls`, each with its validated reading. */
export type ControlKey =
  'timer' | 'findingsVisibleToCandidate' | 'disabledRules' | 'locks' | 'templateId' | 'mode' | 'rounds';

/** A board id as the server makes them (the same shape `server/board-ids.ts` checks). */
const ROUND_ID = /^[A-Za-z0-9_-]{6,64}$/;

function readRounds(value: unknown): Rounds {
  if (typeof value !== 'object' || value === null) return { number: 1 };
  const v = value as Record<string, unknown>;
  const number = typeof v.number === 'number' && Number.isInteger(v.number) && v.number >= 1 ? v.number : 1;
  const id = (x: unknown) => (typeof x === 'string' && ROUND_ID.test(x) ? x : undefined);
  const previous = id(v.previous);
  const next = id(v.next);
  return { number, ...(previous ? { previous } : {}), ...(next ? { next } : {}) };
}

/** An answer the interviewer has given: what it said, when and by whom. */
export interface RevealedAnswer {
  /** The question, as the template asks it. */
  question: string;
  /** The answer's lines, as written into the requirements. */
  lines: string[];
  by: string;
  at: number;
}

function readLocks(value: unknown): Locks {
  if (typeof value !== 'object' || value === null) return DEFAULT_LOCKS;
  const v = value as Record<string, unknown>;
  return {
    requirements: REQUIREMENTS_LOCKS.includes(v.requirements as RequirementsLock)
      ? (v.requirements as RequirementsLock)
      : DEFAULT_LOCKS.requirements,
    importLocked: typeof v.importLocked === 'boolean' ? v.importLocked : DEFAULT_LOCKS.importLocked,
  };
}

function readStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
}

/** The board's controls; defaults for anything missing or malformed. */
export function readControls(doc: Y.Doc): BoardControls {
  const map = controlsOf(doc);
  const templateId = map.get('templateId');
  const mode = map.get('mode');
  return {
    timer: readTimerState(map.get('timer')),
    findingsVisibleToCandidate: map.get('findingsVisibleToCandidate') === true,
    disabledRules: readStrings(map.get('disabledRules')),
    locks: readLocks(map.get('locks')),
    templateId: typeof templateId === 'string' ? templateId : undefined,
    mode: BOARD_MODES.includes(mode as BoardMode) ? (mode as BoardMode) : 'interview',
    rounds: readRounds(map.get('rounds')),
  };
}

/** Who last set a control, if anyone has. */
export function controlHolder(doc: Y.Doc, key: ControlKey): string | undefined {
  const by = controlsOf(doc).get(`by:${key}`);
  return typeof by === 'string' ? by : undefined;
}

/** Sets one control (interviewer connections only: the server drops anyone else's write). */
export function setControl<K extends ControlKey>(
  doc: Y.Doc,
  key: K,
  value: BoardControls[K],
  by: string,
  origin: unknown = null,
): void {
  doc.transact(() => {
    const map = controlsOf(doc);
    if (value === undefined) map.delete(key);
    else map.set(key, value);
    map.set(`by:${key}`, by);
  }, origin);
}

function readRevealedAnswer(value: unknown): RevealedAnswer | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.question !== 'string' || typeof v.by !== 'string' || typeof v.at !== 'number') return undefined;
  return { question: v.question, lines: readStrings(v.lines), by: v.by, at: v.at };
}

/** The answers given so far, by question index. */
export function readRevealed(doc: Y.Doc): Map<number, RevealedAnswer> {
  const out = new Map<number, RevealedAnswer>();
  for (const [key, value] of revealedOf(doc)) {
    const index = Number(key);
    const answer = readRevealedAnswer(value);
    if (Number.isInteger(index) && index >= 0 && answer) out.set(index, answer);
  }
  return out;
}

/** Records that the answer to question `index` was given. */
export function recordRevealed(doc: Y.Doc, index: number, answer: RevealedAnswer, origin: unknown = null): void {
  doc.transact(() => revealedOf(doc).set(String(index), answer), origin);
}

/** Whether the candidate may edit the requirements now (`phaseIndex`: the timer's current step). */
export function requirementsLockedFor(locks: Locks, phaseIndex: number): boolean {
  if (locks.requirements === 'locked') return true;
  if (locks.requirements === 'open') return false;
  return phaseIndex > 0;
}

/** What the interviewer's locks forbid a role now: candidates only; observers write nothing anyway. */
export function lockedFor(role: string, controls: BoardControls): { requirements: boolean; replacement: boolean } {
  if (role !== 'candidate') return { requirements: false, replacement: false };
  return {
    requirements: requirementsLockedFor(controls.locks, controls.timer.phaseIndex),
    replacement: controls.locks.importLocked,
  };
}

/** A board file's settings with the control document's (the file format keeps `settings.disabledRules` and `findingsVisibleToCandidate`). */
export function boardWithControls(board: Board, controls: BoardControls): Board {
  const { disabledRules: _d, findingsVisibleToCandidate: _f, ...otherSettings } = board.settings ?? {};
  const settings = {
    ...otherSettings,
    ...(controls.disabledRules.length > 0 ? { disabledRules: controls.disabledRules } : {}),
    ...(controls.findingsVisibleToCandidate ? { findingsVisibleToCandidate: true } : {}),
  };
  const { settings: _s, ...rest } = board;
  return Object.keys(settings).length > 0 ? { ...rest, settings } : rest;
}
