import { getViewportForBounds, type FitViewOptions, type Rect } from '@xyflow/react';
import { newBlockSize } from '../../board/catalog';
import { boundsOf, toPoints } from '../../board/drawing';
import { absolutePosition } from '../../board/geometry';
import type { Block } from '../../board/types';
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
  // A canvas too small to keep any room for the minimap frames the diagram over it.
  if (Math.max(zoomFor(above), zoomFor(beside)) <= 0) return { ...MARGIN };
  return zoomFor(above) > zoomFor(beside) ? above : beside;
}

/** The minimap's box measured from the right and bottom edges of the canvas, margins included. */
function minimapBox(container: HTMLElement | null): Size | null {
  if (!useSession.getState().showMinimap) return null;
  const map = container?.querySelector('.react-flow__minimap');
  if (!container || !map) return DEFAULT_MINIMAP;
  const outer = container.getBoundingClientRect();
  const box = map.getBoundingClientRect();
  // Hidden by the layout (a tablet or a phone shows none): nothing to keep clear of.
  if (box.width === 0 || box.height === 0) return null;
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

/** The canvas's zoom range. */
export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 2.5;

/** About the size a block is drawn at before it is measured: its own, its stroke's, or its kind's. */
function estimatedSize(block: Block): Size {
  if (block.width && block.height) return { width: block.width, height: block.height };
  if (block.points && block.points.length >= 2) {
    const box = boundsOf(toPoints(block.points));
    return { width: box.x + box.width, height: box.y + box.height };
  }
  return newBlockSize(block.kind);
}

/** About the diagram's bounds from the blocks' stored places and sizes, before anything is measured. */
export function estimatedBounds(blocks: readonly Block[]): Rect | null {
  if (blocks.length === 0) return null;
  const byId = new Map(blocks.map((b) => [b.id, b]));
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const block of blocks) {
    const at = absolutePosition(block.id, byId);
    const size = estimatedSize(block);
    minX = Math.min(minX, at.x);
    minY = Math.min(minY, at.y);
    maxX = Math.max(maxX, at.x + size.width);
    maxY = Math.max(maxY, at.y + size.height);
  }
  return { x: minX, y: minY, width: Math.max(1, maxX - minX), height: Math.max(1, maxY - minY) };
}

/**
 * About the view `fitOptions` gives, from the blocks' stored places and sizes,
 * for the canvas element `container`: where the canvas starts before React
 * Flow has measured the nodes and fits exactly.
 */
export function initialViewport(
  blocks: readonly Block[],
  container: HTMLElement,
): { x: number; y: number; zoom: number } {
  const bounds = estimatedBounds(blocks);
  const width = container.clientWidth;
  const height = container.clientHeight;
  if (!bounds || width <= 0 || height <= 0) return { x: 0, y: 0, zoom: 1 };
  const options = fitOptions(container, bounds);
  return getViewportForBounds(
    bounds,
    width,
    height,
    options.minZoom ?? MIN_ZOOM,
    options.maxZoom ?? MAX_ZOOM,
    options.padding ?? 0.1,
  );
}
