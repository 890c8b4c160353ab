import type { FitViewOptions } from '@xyflow/react';
import type { BoardNode } from '../../sync/flow-binding';
import { useSession } from '../common/session-store';

/** The minimap's box in the canvas's bottom-right corner (React Flow's default size and margin). */
const MINIMAP_CLEARANCE = 200 + 15 + 16;

/**
 * How "fit" frames the diagram: with room on the right for the minimap when it
 * is shown, so no block ends up under it, and for the zoom controls on the left.
 */
export function fitOptions(extra: Omit<FitViewOptions<BoardNode>, 'padding'> = {}): FitViewOptions<BoardNode> {
  const minimap = useSession.getState().showMinimap;
  return {
    padding: { top: '40px', bottom: '56px', left: '64px', right: minimap ? `${MINIMAP_CLEARANCE}px` : '40px' },
    maxZoom: 1,
    ...extra,
  };
}
