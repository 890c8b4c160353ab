/**
 * Elbow routes on the canvas: the pure router (src/board/link-route.ts) over
 * the rectangles React Flow draws the cards at. One index of the cards per
 * state of the nodes and one cache of routes for the page, so a link is
 * routed again only when its ends or a card near it move, and LinkEdge and
 * LabelPlacer (which both ask) share every route.
 */
import { Position, type InternalNode, type ReactFlowState } from '@xyflow/react';
import { overlaps, type Rect } from '../../board/geometry';
import {
  isRouteObstacle,
  ObstacleIndex,
  RouteCache,
  routeRegion,
  type ElbowRoute,
  type IdRect,
  type Side,
} from '../../board/link-route';
import type { BoardNode } from '../../sync/flow-binding';

const cache = new RouteCache();

/** The cards' rectangles for one state of the nodes, and which rectangles changed since the state before. */
interface Obstacles {
  index: ObstacleIndex;
  version: number;
  /** The version `changed` is counted from. */
  previous: number;
  /** Old and new rectangles of the cards that moved, appeared or went since `previous`. */
  changed: Rect[];
}

const obstaclesByNodes = new WeakMap<object, Obstacles>();
let lastRects = new Map<string, IdRect>();
let lastVersion = 0;

/** A link's last route, with what it was routed from. */
interface Routed {
  version: number;
  source: Rect;
  target: Rect;
  region: Rect;
  route: ElbowRoute;
}
const routed = new Map<string, Routed>();

/** Where a node is drawn, in flow coordinates. */
export function nodeRect(node: InternalNode): Rect {
  const { x, y } = node.internals.positionAbsolute;
  return { x, y, width: node.measured.width ?? node.width ?? 0, height: node.measured.height ?? node.height ?? 0 };
}

/** What the routes are read from: React Flow's store (any of its states). */
type FlowStore = Pick<ReactFlowState, 'nodes' | 'nodeLookup'>;

const sameRect = (a: Rect, b: Rect) => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

function obstaclesFor(state: FlowStore): Obstacles {
  let found = obstaclesByNodes.get(state.nodes);
  if (found) return found;
  const rects = new Map<string, IdRect>();
  for (const n of state.nodeLookup.values()) {
    if (!isRouteObstacle((n.data as BoardNode['data']).block.kind)) continue;
    const r = nodeRect(n);
    if (r.width > 0 && r.height > 0) rects.set(n.id, { id: n.id, ...r });
  }
  const changed: Rect[] = [];
  for (const [id, r] of rects) {
    const before = lastRects.get(id);
    if (!before || !sameRect(before, r)) changed.push(r, ...(before ? [before] : []));
  }
  for (const [id, r] of lastRects) if (!rects.has(id)) changed.push(r);
  found = { index: new ObstacleIndex([...rects.values()]), version: lastVersion + 1, previous: lastVersion, changed };
  lastVersion = found.version;
  lastRects = rects;
  obstaclesByNodes.set(state.nodes, found);
  return found;
}

/**
 * The elbow route of a link between two nodes as the canvas draws them now;
 * null while an end is not drawn. While a card is dragged, a link whose ends
 * stayed and whose region the moved cards do not touch keeps its route without
 * a look at the cache.
 */
export function canvasElbowRoute(state: FlowStore, source: string, target: string): ElbowRoute | null {
  const s = state.nodeLookup.get(source);
  const t = state.nodeLookup.get(target);
  if (!s || !t) return null;
  const obstacles = obstaclesFor(state);
  const sRect = nodeRect(s);
  const tRect = nodeRect(t);
  const key = `${source}>${target}`;
  const last = routed.get(key);
  if (last && sameRect(last.source, sRect) && sameRect(last.target, tRect)) {
    if (last.version === obstacles.version) return last.route;
    if (last.version === obstacles.previous && !obstacles.changed.some((r) => overlaps(r, last.region))) {
      last.version = obstacles.version;
      return last.route;
    }
  }
  const route = cache.route(source, sRect, target, tRect, obstacles.index);
  routed.set(key, {
    version: obstacles.version,
    source: sRect,
    target: tRect,
    region: routeRegion(sRect, tRect),
    route,
  });
  return route;
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
