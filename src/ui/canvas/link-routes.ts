/**
 * Elbow routes on the canvas: the pure router (src/board/link-route.ts) over
 * the rectangles React Flow draws the cards at. One index of the cards per
 * state of the nodes and one cache of routes for the page, so a link is
 * routed again only when its ends or a card near it move, and LinkEdge and
 * LabelPlacer (which both ask) share every route.
 */
import { Position, type InternalNode, type ReactFlowState } from '@xyflow/react';
import type { Rect } from '../../board/geometry';
import {
  isRouteObstacle,
  ObstacleIndex,
  RouteCache,
  type ElbowRoute,
  type IdRect,
  type Side,
} from '../../board/link-route';
import type { BoardNode } from '../../sync/flow-binding';

const cache = new RouteCache();
const indexes = new WeakMap<object, ObstacleIndex>();

/** Where a node is drawn, in flow coordinates. */
export function nodeRect(node: InternalNode): Rect {
  const { x, y } = node.internals.positionAbsolute;
  return { x, y, width: node.measured.width ?? node.width ?? 0, height: node.measured.height ?? node.height ?? 0 };
}

/** What the routes are read from: React Flow's store (any of its states). */
type FlowStore = Pick<ReactFlowState, 'nodes' | 'nodeLookup'>;

function indexFor(state: FlowStore): ObstacleIndex {
  let index = indexes.get(state.nodes);
  if (!index) {
    const rects: IdRect[] = [];
    for (const n of state.nodeLookup.values()) {
      if (!isRouteObstacle((n.data as BoardNode['data']).block.kind)) continue;
      const r = nodeRect(n);
      if (r.width > 0 && r.height > 0) rects.push({ id: n.id, ...r });
    }
    index = new ObstacleIndex(rects);
    indexes.set(state.nodes, index);
  }
  return index;
}

/** The elbow route of a link between two nodes as the canvas draws them now; null while an end is not drawn. */
export function canvasElbowRoute(state: FlowStore, source: string, target: string): ElbowRoute | null {
  const s = state.nodeLookup.get(source);
  const t = state.nodeLookup.get(target);
  if (!s || !t) return null;
  return cache.route(source, nodeRect(s), target, nodeRect(t), indexFor(state));
}

const POSITION_OF_SIDE: Record<Side, Position> = {
  top: Position.Top,
  right: Position.Right,
  bottom: Position.Bottom,
  left: Position.Left,
};

/** React Flow's name for a side. */
export function positionOfSide(side: Side): Position {
  return POSITION_OF_SIDE[side];
}
