import type { FitViewOptions, Rect } from '@xyflow/react';
import type { BoardNode } from '../../sync/flow-binding';
import { useSession } from '../common/session-store';

interface Size {
  width: number;
  height: number;
}

/** Room kept around the diagram: the zoom controls and tool rail sit on the left. */
const MARGIN = { top: 40, bottom: 56, left: 64, right: 40 };
/** Gap between the diagram and the minimap when the diagram is framed beside or above it. */
const MINIMAP_GAP = 16;
/** The minimap's box when it cannot be measured (React Flow's default size and margin). */
const DEFAULT_MINIMAP: Size = { width: 200 + 15, height: 150 + 15 };

export interface FitPadding {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * Padding that frames `diagram` in `canvas` without any of it under the
 * minimap in the bottom-right corner: either beside the minimap (full height,
 * the minimap's width kept free on the right) or above it (full width, its
 * height kept free at the bottom), whichever lets the diagram be drawn larger.
 * Reserving the width alone, as a fixed rule, left a wide diagram tiny on a
 * narrow canvas.
 */
export function fitPadding(canvas: Size, diagram: Size, minimap: Size | null): FitPadding {
  if (!minimap) return { ...MARGIN };
  const zoomFor = (p: FitPadding) =>
    Math.min(
      (canvas.width - p.left - p.right) / Math.max(diagram.width, 1),
      (canvas.height - p.top - p.bottom) / Math.max(diagram.height, 1),
    );
  const beside = { ...MARGIN, right: Math.max(MARGIN.right, minimap.width + MINIMAP_GAP) };
  const above = { ...MARGIN, bottom: Math.max(MARGIN.bottom, minimap.height + MINIMAP_GAP) };
  return zoomFor(above) > zoomFor(beside) ? above : beside;
}

/** The minimap's box measured from the right and bottom edges of the canvas, margins included. */
function minimapBox(container: HTMLElement | null): Size | null {
  if (!useSession.getState().showMinimap) return null;
  const map = container?.querySelector('.react-flow__minimap');
  if (!container || !map) return DEFAULT_MINIMAP;
  const outer = container.getBoundingClientRect();
  const box = map.getBoundingClientRect();
  return { width: outer.right - box.left, height: outer.bottom - box.top };
}

/**
 * How "fit" frames the diagram whose bounds are `diagram` in the canvas
 * element `container`, with no block under the minimap.
 */
export function fitOptions(
  container: HTMLElement | null,
  diagram: Rect,
  extra: Omit<FitViewOptions<BoardNode>, 'padding'> = {},
): FitViewOptions<BoardNode> {
  const canvas = container
    ? { width: container.clientWidth, height: container.clientHeight }
    : { width: window.innerWidth, height: window.innerHeight };
  const p = fitPadding(canvas, diagram, minimapBox(container));
  return {
    padding: { top: `${p.top}px`, bottom: `${p.bottom}px`, left: `${p.left}px`, right: `${p.right}px` },
    maxZoom: 1,
    ...extra,
  };
}
