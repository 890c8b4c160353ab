import { useStore } from 'zustand';
import type { BoardSnapshot } from '../../sync/board-store';
import { useBoard } from './board-context';

/**
 * A value selected from the open board's store, re-rendering when it changes.
 * Select stored objects (`s => s.requirements`), not new ones built in the
 * selector: the store keeps an unchanged part's object from one snapshot to the next.
 */
export function useBoardSelector<T>(selector: (state: BoardSnapshot) => T): T {
  return useStore(useBoard().store.zustand, selector);
}
