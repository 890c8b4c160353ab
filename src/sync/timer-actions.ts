/**
 * The shared interview timer lives in the board doc as one plain value under
 * `session.timer`, written whole on each of the interviewer's actions. These
 * writes are not undo steps: undoing a board edit must not restart the clock.
 */
import type * as Y from 'yjs';
import { readTimerState, type TimerState } from '../interview/timer';
import { sessionOf } from '../doc/board-doc';
import { LOCAL_UNTRACKED } from './origin';

export function readTimer(doc: Y.Doc): TimerState {
  return readTimerState(sessionOf(doc).get('timer'));
}

/** Applies a timer transition (start, pause, nextPhase...) to the current state. */
export function updateTimer(doc: Y.Doc, transition: (state: TimerState) => TimerState): void {
  doc.transact(() => sessionOf(doc).set('timer', transition(readTimer(doc))), LOCAL_UNTRACKED);
}
