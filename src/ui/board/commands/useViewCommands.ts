/** Commands that move the view or arrange the diagram: fit, zoom, focus, auto-layout. */
import { useMemo } from 'react';
import { useReactFlow, useStoreApi, type FitViewOptions } from '@xyflow/react';
import { CARD_SIZE } from '../../../board/catalog';
import type { Size } from '../../../board/layout';
import type { BoardNode, FlowBinding } from '../../../sync/flow-binding';
import { useBoard } from '../board-context';
import { fitOptions } from '../../canvas/fit';
import { selectionOf } from './selection';
import { showError } from '../../common/toast-store';

// Layout (dagre) loads when first used, not with the board.
const loadLayout = () => import('../../../board/layout');

export interface ViewCommands {
  selectAll: () => void;
  deselect: () => void;
  autoLayout: (selectionOnly?: boolean) => Promise<void>;
  fitView: () => void;
  zoomIn: () => void;
  zoomOut: () => void;
  zoomReset: () => void;
  /** Selects blocks and brings them into view (a click on a lint finding). */
  focusBlocks: (ids: string[]) => void;
}

export function useViewCommands(binding: FlowBinding): ViewCommands {
  const { store, editor } = useBoard();
  const flow = useReactFlow<BoardNode>();
  const flowStore = useStoreApi<BoardNode>();
  return useMemo(() => {
    const fitAll = (extra: Omit<FitViewOptions<BoardNode>, 'padding'>) => {
      const nodes = flow.getNodes();
      if (nodes.length === 0) return;
      void flow.fitView(fitOptions(flowStore.getState().domNode, flow.getNodesBounds(nodes), extra));
    };
    return {
      selectAll: () => {
        const { nodes, edges } = binding.getState();
        binding.selectOnly([...nodes.map((n) => n.id), ...edges.map((e) => e.id)]);
      },
      deselect: () => binding.selectOnly([]),
      autoLayout: async (selectionOnly = false) => {
        const { layoutBlocks, LayoutTooDeepError } = await loadLayout();
        const { blockIds } = selectionOf(binding, store);
        const only = selectionOnly || blockIds.length > 1 ? new Set(blockIds) : undefined;
        const sizes = new Map<string, Size>();
        for (const n of binding.getState().nodes)
          sizes.set(n.id, {
            width: n.measured?.width ?? n.width ?? CARD_SIZE.width,
            height: n.measured?.height ?? n.height ?? CARD_SIZE.height,
          });
        const { board } = store.getState();
        let positions: ReturnType<typeof layoutBlocks>;
        try {
          positions = layoutBlocks(board.blocks, board.links, sizes, only);
        } catch (err) {
          if (!(err instanceof LayoutTooDeepError)) throw err;
          showError(`This ${only ? 'selection' : 'board'} is ${err.message}: arrange a part of it at a time.`);
          return;
        }
        if (positions.size === 0) return;
        editor.stopCapturing();
        editor.moveBlocks([...positions].map(([id, p]) => ({ id, x: p.x, y: p.y })));
        editor.stopCapturing();
        if (!only) requestAnimationFrame(() => fitAll({ duration: 300 }));
      },
      fitView: () => fitAll({ maxZoom: 1.5, duration: 200 }),
      zoomIn: () => void flow.zoomIn({ duration: 150 }),
      zoomOut: () => void flow.zoomOut({ duration: 150 }),
      zoomReset: () => void flow.zoomTo(1, { duration: 150 }),
      focusBlocks: (ids) => {
        binding.selectOnly(ids);
        const nodes = flow.getNodes().filter((n) => ids.includes(n.id));
        if (nodes.length > 0) void flow.fitView({ nodes, padding: 0.6, maxZoom: 1.2, duration: 300 });
      },
    };
  }, [binding, editor, flow, flowStore, store]);
}
