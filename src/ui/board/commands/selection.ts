import type { BoardStore } from '../../../sync/board-store';
import type { FlowBinding } from '../../../sync/flow-binding';

/** The selected block and link ids, as of now (commands read it when they run, not when they render). */
export function selectionOf(binding: FlowBinding, store: BoardStore): { blockIds: string[]; linkIds: string[] } {
  const { blocks, links } = store.getState();
  const ids = binding.getState().selectedIds;
  return { blockIds: ids.filter((id) => blocks.has(id)), linkIds: ids.filter((id) => links.has(id)) };
}
