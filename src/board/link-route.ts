/**
 * How a link between two blocks runs: a curve between their facing sides (the
 * default) or an elbow route, horizontal and vertical segments from a side of
 * its source to a side of its target that go around the other cards.
 *
 * The elbow route is a shortest path with a cost per bend over a sparse
 * orthogonal grid: the lines through the edges of the cards near the link
 * (each card grown by a margin), through the middles of the sides the link may
 * leave and enter by, and half way between neighbouring lines, so a route runs
 * down the middle of the gap between two cards rather than along one of them.
 * Only the cards in a region around the two ends count, and `RouteCache`
 * keeps a route until one of those rectangles moves, so a board of 700 links
 * routes each once and a drag reroutes only the links near the dragged card.
 * Pure: the canvas and the SVG export draw the same route from the same rectangles.
 */
import { drawnAs } from './catalog';
import { overlaps, type Point, type Rect } from './geometry';
import type { BoardSettings, Link } from './types';

/** How a link runs (its `route` field, and the board's `linkRoute` setting). */
export const LINK_ROUTES = ['curved', 'elbow'] as const;
export type LinkRoute = (typeof LINK_ROUTES)[number];
/** A link's route when neither the link nor the board says. */
export const DEFAULT_LINK_ROUTE: LinkRoute = 'curved';

const isLinkRoute = (v: unknown): v is LinkRoute => v === 'curved' || v === 'elbow';

/** How a link is drawn: its own `route`, else the board's `linkRoute`, else curved. */
export function routeOfLink(link: Pick<Link, 'route'>, settings?: Pick<BoardSettings, 'linkRoute'>): LinkRoute {
  if (isLinkRoute(link.route)) return link.route;
  if (isLinkRoute(settings?.linkRoute)) return settings.linkRoute;
  return DEFAULT_LINK_ROUTE;
}

/** Whether a block of this kind is a rectangle links go around (and labels keep clear of): not frames, not ink. */
export function isRouteObstacle(kind: string): boolean {
  const drawn = drawnAs(kind);
  return drawn === 'card' || drawn === 'note' || drawn === 'text' || drawn === 'shape';
}

export type Side = 'top' | 'right' | 'bottom' | 'left';
const SIDES: readonly Side[] = ['top', 'right', 'bottom', 'left'];

/** The unit vector pointing out of a side. */
export const SIDE_OUTWARD: Readonly<Record<Side, Point>> = {
  top: { x: 0, y: -1 },
  right: { x: 1, y: 0 },
  bottom: { x: 0, y: 1 },
  left: { x: -1, y: 0 },
};

/** The middle of a side of a rectangle: where a link leaves or enters it. */
export function sideMiddle(r: Rect, side: Side): Point {
  switch (side) {
    case 'top':
      return { x: r.x + r.width / 2, y: r.y };
    case 'bottom':
      return { x: r.x + r.width / 2, y: r.y + r.height };
    case 'left':
      return { x: r.x, y: r.y + r.height / 2 };
    default:
      return { x: r.x + r.width, y: r.y + r.height / 2 };
  }
}

/** The facing sides of two cards (wide cards prefer vertical links): what a curved link uses. */
export function facingSides(s: Rect, t: Rect): [Side, Side] {
  const dx = t.x + t.width / 2 - (s.x + s.width / 2);
  const dy = t.y + t.height / 2 - (s.y + s.height / 2);
  const horizontal = Math.abs(dx) / (s.width + t.width || 1) > Math.abs(dy) / (s.height + t.height || 1);
  if (horizontal) return dx >= 0 ? ['right', 'left'] : ['left', 'right'];
  return dy >= 0 ? ['bottom', 'top'] : ['top', 'bottom'];
}

/** An elbow route: its points from the source's side to the target's side (the tip), and those sides. */
export interface ElbowRoute {
  points: Point[];
  sourceSide: Side;
  targetSide: Side;
}

/** How far beyond the two ends (flow pixels) cards are taken into account. */
export const ROUTE_REGION_PAD = 200;
/** The clearance kept from cards, tried in turn: a tight layout may only allow the smaller one. */
const MARGINS = [20, 10] as const;
/** What a bend costs, in pixels of length: a route takes a detour of this much to save a bend. */
const BEND_COST = 40;
/** What running along a card's edge (at the margin) costs more than down the middle of a gap, per pixel. */
const HUG_COST = 0.1;
/** A grid of more lines than this a side is not searched: the route falls back to a plain elbow. */
const MAX_LINES = 400;

/** The region whose cards an elbow route between two rectangles goes around. */
export function routeRegion(s: Rect, t: Rect): Rect {
  const x = Math.min(s.x, t.x) - ROUTE_REGION_PAD;
  const y = Math.min(s.y, t.y) - ROUTE_REGION_PAD;
  return {
    x,
    y,
    width: Math.max(s.x + s.width, t.x + t.width) + ROUTE_REGION_PAD - x,
    height: Math.max(s.y + s.height, t.y + t.height) + ROUTE_REGION_PAD - y,
  };
}

const grow = (r: Rect, m: number): Rect => ({
  x: r.x - m,
  y: r.y - m,
  width: r.width + 2 * m,
  height: r.height + 2 * m,
});

/** A plain elbow between the facing sides, for when no route around the cards exists. */
function directElbow(s: Rect, t: Rect): ElbowRoute {
  const [sourceSide, targetSide] = facingSides(s, t);
  const a = sideMiddle(s, sourceSide);
  const b = sideMiddle(t, targetSide);
  const horizontal = sourceSide === 'left' || sourceSide === 'right';
  let points: Point[];
  if (horizontal ? Math.abs(a.y - b.y) < 0.5 : Math.abs(a.x - b.x) < 0.5) points = [a, b];
  else if (horizontal) {
    const mx = (a.x + b.x) / 2;
    points = [a, { x: mx, y: a.y }, { x: mx, y: b.y }, b];
  } else {
    const my = (a.y + b.y) / 2;
    points = [a, { x: a.x, y: my }, { x: b.x, y: my }, b];
  }
  return { points, sourceSide, targetSide };
}

/** Sorted distinct values, with the middle of every gap wider than `minGap` added. */
function gridLines(values: number[], minGap: number, withMiddles: boolean): number[] {
  values.sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of values) if (out.length === 0 || v - out[out.length - 1]! > 0.5) out.push(v);
  if (!withMiddles) return out;
  const more: number[] = [];
  for (let i = 0; i < out.length; i++) {
    more.push(out[i]!);
    if (i + 1 < out.length && out[i + 1]! - out[i]! > minGap) more.push((out[i]! + out[i + 1]!) / 2);
  }
  return more;
}

/** The first index whose value is within half a pixel of `v`, or -1. */
function indexOf(lines: readonly number[], v: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = lines[mid]! - v;
    if (Math.abs(d) <= 0.5) return mid;
    if (d < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** A binary min-heap of state numbers keyed by a priority. */
class Heap {
  private readonly items: number[] = [];
  private readonly keys: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(item: number, key: number): void {
    const { items, keys } = this;
    let i = items.length;
    items.push(item);
    keys.push(key);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p]! <= key) break;
      items[i] = items[p]!;
      keys[i] = keys[p]!;
      i = p;
    }
    items[i] = item;
    keys[i] = key;
  }
  pop(): number {
    const { items, keys } = this;
    const top = items[0]!;
    const lastItem = items.pop()!;
    const lastKey = keys.pop()!;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= items.length) break;
        const r = l + 1;
        const c = r < items.length && keys[r]! < keys[l]! ? r : l;
        if (keys[c]! >= lastKey) break;
        items[i] = items[c]!;
        keys[i] = keys[c]!;
        i = c;
      }
      items[i] = lastItem;
      keys[i] = lastKey;
    }
    return top;
  }
}

// Directions of travel: 0 right (+x), 1 down (+y), 2 left, 3 up.
const DX = [1, 0, -1, 0] as const;
const DY = [0, 1, 0, -1] as const;
const DIR_OF_SIDE: Record<Side, number> = { right: 0, bottom: 1, left: 2, top: 3 };

/** The cheapest route keeping `margin` from every card, within `region`; null when there is none. */
function search(s: Rect, t: Rect, obstacles: readonly Rect[], region: Rect, margin: number): ElbowRoute | null {
  const blockers = [grow(s, margin), grow(t, margin), ...obstacles.map((o) => grow(o, margin))];
  const xv = [region.x, region.x + region.width, s.x + s.width / 2, t.x + t.width / 2];
  const yv = [region.y, region.y + region.height, s.y + s.height / 2, t.y + t.height / 2];
  const inX = (v: number) => v >= region.x && v <= region.x + region.width;
  const inY = (v: number) => v >= region.y && v <= region.y + region.height;
  for (const b of blockers) {
    for (const v of [b.x, b.x + b.width]) if (inX(v)) xv.push(v);
    for (const v of [b.y, b.y + b.height]) if (inY(v)) yv.push(v);
  }
  const middles = xv.length + yv.length < MAX_LINES;
  const xs = gridLines(xv, 2 * margin, middles);
  const ys = gridLines(yv, 2 * margin, middles);
  if (xs.length > MAX_LINES || ys.length > MAX_LINES) return null;
  const nx = xs.length;
  const ny = ys.length;
  // Lines along the edge of a grown card: a route prefers the middle lines between them.
  const edgeX = new Uint8Array(nx);
  const edgeY = new Uint8Array(ny);
  for (const b of blockers) {
    for (const v of [b.x, b.x + b.width]) {
      const i = indexOf(xs, v);
      if (i >= 0) edgeX[i] = 1;
    }
    for (const v of [b.y, b.y + b.height]) {
      const j = indexOf(ys, v);
      if (j >= 0) edgeY[j] = 1;
    }
  }
  const node = (i: number, j: number) => j * nx + i;
  // Nodes strictly inside a grown card, and grid edges whose middle is.
  const blocked = new Uint8Array(nx * ny);
  const hBlocked = new Uint8Array(nx * ny); // the edge from (i, j) to (i + 1, j)
  const vBlocked = new Uint8Array(nx * ny); // the edge from (i, j) to (i, j + 1)
  const EPS = 0.01;
  for (const b of blockers) {
    const x0 = b.x + EPS;
    const x1 = b.x + b.width - EPS;
    const y0 = b.y + EPS;
    const y1 = b.y + b.height - EPS;
    for (let j = 0; j < ny; j++) {
      const y = ys[j]!;
      const yInside = y > y0 && y < y1;
      const yNext = j + 1 < ny ? (y + ys[j + 1]!) / 2 : NaN;
      const yNextInside = yNext > y0 && yNext < y1;
      if (!yInside && !yNextInside) continue;
      for (let i = 0; i < nx; i++) {
        const x = xs[i]!;
        const xInside = x > x0 && x < x1;
        if (yInside && xInside) blocked[node(i, j)] = 1;
        if (yInside && i + 1 < nx) {
          const xm = (x + xs[i + 1]!) / 2;
          if (xm > x0 && xm < x1) hBlocked[node(i, j)] = 1;
        }
        if (yNextInside && xInside) vBlocked[node(i, j)] = 1;
      }
    }
  }
  const edgeBlocked = (i: number, j: number, d: number): boolean => {
    if (d === 0) return hBlocked[node(i, j)] === 1;
    if (d === 2) return hBlocked[node(i - 1, j)] === 1;
    if (d === 1) return vBlocked[node(i, j)] === 1;
    return vBlocked[node(i, j - 1)] === 1;
  };

  // The stubs: a margin out from the middle of each side.
  interface Stub {
    side: Side;
    i: number;
    j: number;
    port: Point;
  }
  const stubsOf = (r: Rect): Stub[] => {
    const out: Stub[] = [];
    for (const side of SIDES) {
      const port = sideMiddle(r, side);
      const o = SIDE_OUTWARD[side];
      const i = indexOf(xs, port.x + o.x * margin);
      const j = indexOf(ys, port.y + o.y * margin);
      if (i < 0 || j < 0 || blocked[node(i, j)]) continue;
      out.push({ side, i, j, port });
    }
    return out;
  };
  const starts = stubsOf(s);
  const goals = stubsOf(t);
  if (starts.length === 0 || goals.length === 0) return null;
  const goalAt = new Map<number, Stub>();
  for (const g of goals) goalAt.set(node(g.i, g.j), g);

  const heuristic = (i: number, j: number) => {
    let best = Infinity;
    for (const g of goals) best = Math.min(best, Math.abs(xs[i]! - xs[g.i]!) + Math.abs(ys[j]! - ys[g.j]!));
    return best + margin;
  };
  const states = nx * ny * 4;
  const cost = new Float64Array(states).fill(Infinity);
  const prev = new Int32Array(states).fill(-1);
  const done = new Uint8Array(states);
  const heap = new Heap();
  // A state is node * 4 + direction of travel; the goal is the extra state `states`.
  const GOAL = states;
  let goalCost = Infinity;
  let goalFrom = -1;
  let goalStub: Stub | null = null;
  for (const st of starts) {
    const state = node(st.i, st.j) * 4 + DIR_OF_SIDE[st.side];
    if (margin < cost[state]!) {
      cost[state] = margin;
      heap.push(state, margin + heuristic(st.i, st.j));
    }
  }
  while (heap.size > 0) {
    const state = heap.pop();
    if (state === GOAL) break;
    if (done[state]) continue;
    done[state] = 1;
    const n = state >> 2;
    const d = state & 3;
    const i = n % nx;
    const j = (n - i) / nx;
    const c = cost[state]!;
    if (c >= goalCost) break;
    const g = goalAt.get(n);
    if (g) {
      // Into the target: along the direction that enters its side, else one more bend.
      const inward = (DIR_OF_SIDE[g.side] + 2) & 3;
      const total = c + margin + (d === inward ? 0 : BEND_COST);
      if (total < goalCost) {
        goalCost = total;
        goalFrom = state;
        goalStub = g;
        heap.push(GOAL, total);
      }
    }
    for (let d2 = 0; d2 < 4; d2++) {
      if (d2 === ((d + 2) & 3)) continue;
      const i2 = i + DX[d2]!;
      const j2 = j + DY[d2]!;
      if (i2 < 0 || j2 < 0 || i2 >= nx || j2 >= ny) continue;
      const n2 = node(i2, j2);
      if (blocked[n2] || edgeBlocked(i, j, d2)) continue;
      const next = n2 * 4 + d2;
      const length = Math.abs(xs[i2]! - xs[i]!) + Math.abs(ys[j2]! - ys[j]!);
      const hugs = (d2 & 1) === 1 ? edgeX[i] === 1 : edgeY[j] === 1;
      const c2 = c + length * (hugs ? 1 + HUG_COST : 1) + (d2 === d ? 0 : BEND_COST);
      if (c2 < cost[next]!) {
        cost[next] = c2;
        prev[next] = state;
        heap.push(next, c2 + heuristic(i2, j2));
      }
    }
  }
  if (!goalStub || goalFrom < 0) return null;
  const cells: Point[] = [];
  let first = goalFrom;
  for (let st = goalFrom; st >= 0; st = prev[st]!) {
    const n = st >> 2;
    const i = n % nx;
    cells.push({ x: xs[i]!, y: ys[(n - i) / nx]! });
    first = st;
  }
  cells.reverse();
  const startNode = first >> 2;
  const start = starts.find((st) => node(st.i, st.j) === startNode && DIR_OF_SIDE[st.side] === (first & 3))!;
  return {
    points: simplify([start.port, ...cells, goalStub.port]),
    sourceSide: start.side,
    targetSide: goalStub.side,
  };
}

/** The points without repeats and without the middle ones of collinear runs. */
export function simplify(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.x - p.x) < 0.01 && Math.abs(last.y - p.y) < 0.01) continue;
    const before = out[out.length - 2];
    if (before && last) {
      const sameX = Math.abs(before.x - last.x) < 0.01 && Math.abs(last.x - p.x) < 0.01;
      const sameY = Math.abs(before.y - last.y) < 0.01 && Math.abs(last.y - p.y) < 0.01;
      if (sameX || sameY) out[out.length - 1] = p;
      else out.push(p);
    } else out.push(p);
  }
  return out;
}

/**
 * An elbow route from a side of `source` to a side of `target` that keeps clear
 * of `obstacles` (the other cards; those outside the region around the two
 * ends, and those overlapping an end, are not considered). Falls back to a
 * plain elbow between the facing sides when the cards leave no way around.
 */
export function orthogonalRoute(source: Rect, target: Rect, obstacles: readonly Rect[]): ElbowRoute {
  const region = routeRegion(source, target);
  const relevant = obstacles.filter(
    (o) => o.width > 0 && o.height > 0 && overlaps(o, region) && !overlaps(o, source) && !overlaps(o, target),
  );
  if (!overlaps(source, target)) {
    for (const margin of MARGINS) {
      const route = search(source, target, relevant, region, margin);
      if (route) return route;
    }
  }
  return directElbow(source, target);
}

/** A rectangle with the id of its block. */
export interface IdRect extends Rect {
  id: string;
}

/** The cards of a board in a grid of cells, so the cards near a link are found without looking at all of them. */
export class ObstacleIndex {
  private readonly cells = new Map<string, IdRect[]>();
  constructor(
    rects: readonly IdRect[],
    private readonly cell = 400,
  ) {
    for (const r of rects) for (const k of this.keys(r)) (this.cells.get(k) ?? this.cells.set(k, []).get(k)!).push(r);
  }
  private keys(r: Rect): string[] {
    const out: string[] = [];
    const x0 = Math.floor(r.x / this.cell);
    const x1 = Math.floor((r.x + r.width) / this.cell);
    const y0 = Math.floor(r.y / this.cell);
    const y1 = Math.floor((r.y + r.height) / this.cell);
    for (let i = x0; i <= x1; i++) for (let j = y0; j <= y1; j++) out.push(`${i},${j}`);
    return out;
  }
  /** The rectangles overlapping `region`, each once. */
  near(region: Rect): IdRect[] {
    const seen = new Set<IdRect>();
    const span =
      (Math.floor((region.x + region.width) / this.cell) - Math.floor(region.x / this.cell) + 1) *
      (Math.floor((region.y + region.height) / this.cell) - Math.floor(region.y / this.cell) + 1);
    // A region wider than the board: look at the cells there are rather than at every cell it covers.
    const lists = span > this.cells.size ? this.cells.values() : this.keys(region).map((k) => this.cells.get(k) ?? []);
    for (const list of lists) for (const r of list) if (!seen.has(r) && overlaps(r, region)) seen.add(r);
    return [...seen];
  }
}

const keyOf = (r: Rect) =>
  `${Math.round(r.x * 2)},${Math.round(r.y * 2)},${Math.round(r.width * 2)},${Math.round(r.height * 2)}`;

/**
 * Elbow routes kept by the rectangles they were routed among: the same two
 * ends among the same cards give the same route object again without a search
 * (and the canvas re-renders a link only when its route object changes).
 */
export class RouteCache {
  private readonly routes = new Map<string, ElbowRoute>();
  constructor(private readonly capacity = 4000) {}

  /** The route between `source` and `target` among the cards of `index` (the ends' own ids left out). */
  route(sourceId: string, source: Rect, targetId: string, target: Rect, index: ObstacleIndex): ElbowRoute {
    const near = index.near(routeRegion(source, target)).filter((r) => r.id !== sourceId && r.id !== targetId);
    const parts = near.map(keyOf).sort();
    const key = `${keyOf(source)}>${keyOf(target)}|${parts.join(';')}`;
    const hit = this.routes.get(key);
    if (hit) {
      // Most recently used last, so the oldest go first when the cache is full.
      this.routes.delete(key);
      this.routes.set(key, hit);
      return hit;
    }
    const route = orthogonalRoute(source, target, near);
    this.routes.set(key, route);
    if (this.routes.size > this.capacity) this.routes.delete(this.routes.keys().next().value!);
    return route;
  }
}

/** How far short of its tip a link's line stops, so it does not poke through the arrowhead. */
export const ARROW_BACK_OFF = 8;

/**
 * The points a route's line is drawn through: the last one moved back from the
 * tip, out of the target's side, by `by` (the arrowhead covers the rest).
 */
export function elbowLine(route: ElbowRoute, by = ARROW_BACK_OFF): Point[] {
  const points = [...route.points];
  const tip = points[points.length - 1]!;
  const o = SIDE_OUTWARD[route.targetSide];
  points[points.length - 1] = { x: tip.x + o.x * by, y: tip.y + o.y * by };
  return simplify(points);
}
