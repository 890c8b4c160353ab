/**
 * The React side of the canvas binding: one FlowBinding (src/sync/flow-binding.ts)
 * per open board, its state read as an external store. Everything else
 * (diffing, drag throttling, undo grouping) is in the class.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { applyEdgeChanges, applyNodeChanges } from '@xyflow/react';
import { FlowBinding, type FlowState, type ResolveDrop } from '../../sync/flow-binding';
import { useBoard } from '../board/board-context';
import { DRAW_VISIBLE_ONLY_FROM } from './detail';
import { presizeOf } from './presize';

/** The binding's state and the binding itself (its handlers go to React Flow). */
export interface FlowBindingView extends FlowState {
  binding: FlowBinding;
}

export function useFlowBinding(resolveDrop: ResolveDrop | undefined): FlowBindingView {
  const { store, editor, readOnly } = useBoard();
  const binding = useMemo(
    () =>
      new FlowBinding({
        store,
        editor,
        readOnly,
        appliers: { applyNodeChanges, applyEdgeChanges },
        // Only a board large enough to be drawn in part needs sizes before drawing.
        presize: (block) => (store.getState().blocks.size >= DRAW_VISIBLE_ONLY_FROM ? presizeOf(block) : undefined),
      }),
    [editor, readOnly, store],
  );
  useEffect(() => binding.connect(), [binding]);
  useEffect(() => {
    binding.resolveDrop = resolveDrop;
  }, [binding, resolveDrop]);
  const state = useSyncExternalStore(binding.subscribe, binding.getState);
  return useMemo(() => ({ ...state, binding }), [binding, state]);
}
