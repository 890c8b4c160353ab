import { useStore } from 'zustand';
import type { ControlSnapshot } from '../../sync/control';
import { useBoard } from './board-context';

/** A value selected from the control document's store (the interviewer's settings), re-rendering when it changes. */
export function useControlSelector<T>(selector: (state: ControlSnapshot) => T): T {
  return useStore(useBoard().control.store.zustand, selector);
}
