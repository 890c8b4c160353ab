/**
 * Where a link's label sits: a point on the link's curve, given as a fraction
 * of the way from its source (0) to its target (1). Links are drawn as one
 * cubic Bézier curve (on the canvas by React Flow, in the SVG export by
 * src/export/svg.ts), or as an elbow route (a polyline, by length along it);
 * both place labels with these functions.
 */
import type { Point } from './geometry';
import type { Link } from './types';

/** A cubic Bézier curve: start, two control points, end. */
export interface Cubic {
  p0: Point;
  c1: Point;
  c2: Point;
  p3: Point;
}

/** Where a label sits when the link does not say (`labelAt` absent): half way. */
export const DEFAULT_LABEL_AT = 0.5;

/** How close to either end a label may be dragged: beyond this it would sit on a card. */
export const LABEL_AT_MIN = 0.05;
export const LABEL_AT_MAX = 0.95;

/** A `labelAt` kept inside the range a label may take (NaN reads as the default). */
export function clampLabelAt(t: number): number {
  if (!Number.isFinite(t)) return DEFAULT_LABEL_AT;
  return Math.min(LABEL_AT_MAX, Math.max(LABEL_AT_MIN, t));
}

/** The fraction along its link where a link's label is drawn. */
export function labelAtOf(link: Pick<Link, 'labelAt'>): number {
  return typeof link.labelAt === 'number' ? clampLabelAt(link.labelAt) : DEFAULT_LABEL_AT;
}

/** The point at parameter `t` (0 to 1) of a cubic curve. */
export function pointOnCubic(c: Cubic, t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const d = 3 * u * t * t;
  const e = t * t * t;
  return {
    x: a * c.p0.x + b * c.c1.x + d * c.c2.x + e * c.p3.x,
    y: a * c.p0.y + b * c.c1.y + d * c.c2.y + e * c.p3.y,
  };
}

/** The parameter of the point of the curve nearest to `p`, within the range a label may take. */
export function nearestOnCubic(c: Cubic, p: Point, samples = 96): number {
  const dist = (t: number) => {
    const q = pointOnCubic(c, t);
    return (q.x - p.x) ** 2 + (q.y - p.y) ** 2;
  };
  let best = DEFAULT_LABEL_AT;
  let bestD = Infinity;
  for (let i = 0; i <= samples; i++) {
    const t = LABEL_AT_MIN + ((LABEL_AT_MAX - LABEL_AT_MIN) * i) / samples;
    const d = dist(t);
    if (d < bestD) {
      bestD = d;
      best = t;
    }
  }
  // Refine between the neighbouring samples.
  let step = (LABEL_AT_MAX - LABEL_AT_MIN) / samples;
  for (let k = 0; k < 12; k++) {
    step /= 2;
    for (const t of [best - step, best + step]) {
      const clamped = clampLabelAt(t);
      const d = dist(clamped);
      if (d < bestD) {
        bestD = d;
        best = clamped;
      }
    }
  }
  return best;
}

/** What a link is drawn along: a cubic curve, or the points of an elbow route (src/board/link-route.ts). */
export type LinkPath = Cubic | readonly Point[];

function polylineLength(points: readonly Point[]): number {
  let length = 0;
  for (let k = 1; k < points.length; k++)
    length += Math.hypot(points[k]!.x - points[k - 1]!.x, points[k]!.y - points[k - 1]!.y);
  return length;
}

/** The point a fraction `t` (0 to 1) of the way along a polyline, by length. */
export function pointOnPolyline(points: readonly Point[], t: number): Point {
  if (points.length === 0) return { x: 0, y: 0 };
  let rest = Math.min(1, Math.max(0, t)) * polylineLength(points);
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1]!;
    const b = points[k]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (rest <= len && len > 0) return { x: a.x + ((b.x - a.x) * rest) / len, y: a.y + ((b.y - a.y) * rest) / len };
    rest -= len;
  }
  return points[points.length - 1]!;
}

/** The fraction along a polyline of its point nearest to `p`, within the range a label may take. */
export function nearestOnPolyline(points: readonly Point[], p: Point): number {
  const total = polylineLength(points);
  if (total === 0) return DEFAULT_LABEL_AT;
  let best = DEFAULT_LABEL_AT;
  let bestD = Infinity;
  let before = 0;
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1]!;
    const b = points[k]!;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len2 = dx * dx + dy * dy;
    const u = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
    const d = (a.x + u * dx - p.x) ** 2 + (a.y + u * dy - p.y) ** 2;
    if (d < bestD) {
      bestD = d;
      best = (before + u * Math.sqrt(len2)) / total;
    }
    before += Math.sqrt(len2);
  }
  return clampLabelAt(best);
}

const isPolyline = (path: LinkPath): path is readonly Point[] => Array.isArray(path);

/** The point at `t` (0 at the source, 1 at the target) along a link's path. */
export function pointOnPath(path: LinkPath, t: number): Point {
  return isPolyline(path) ? pointOnPolyline(path, t) : pointOnCubic(path, t);
}

/** The `t` along a link's path of its point nearest `p`, within the range a label may take. */
export function nearestOnPath(path: LinkPath, p: Point): number {
  return isPolyline(path) ? nearestOnPolyline(path, p) : nearestOnCubic(path, p);
}

/** The curve of an SVG path of the form `M x,y C x,y x,y x,y` (what React Flow's bezier path is), or null. */
export function cubicOfPath(d: string): Cubic | null {
  const nums = d.match(/-?\d*\.?\d+(?:e[-+]?\d+)?/gi);
  if (!nums || nums.length < 8 || !/^\s*M/i.test(d) || !/C/i.test(d)) return null;
  const n = nums.slice(0, 8).map(Number);
  if (n.some((v) => !Number.isFinite(v))) return null;
  const [x0, y0, x1, y1, x2, y2, x3, y3] = n as [number, number, number, number, number, number, number, number];
  return { p0: { x: x0, y: y0 }, c1: { x: x1, y: y1 }, c2: { x: x2, y: y2 }, p3: { x: x3, y: y3 } };
}

/** A label to place: its link's curve (or elbow route), its size, and `at` when a person put it somewhere (it stays there). */
export interface LabelRequest {
  id: string;
  curve: LinkPath;
  width: number;
  height: number;
  at?: number;
}

/** Where a label goes: `t` along its curve, then moved by (dx, dy) off it; its centre is at (x, y). */
export interface LabelPlace {
  t: number;
  dx: number;
  dy: number;
  x: number;
  y: number;
}

/** How many label heights (or half widths) beside its link a label may be moved at most. */
const MAX_OFFSET_STEPS = 4;

/** Places along the curve tried in turn, nearest the middle first. */
const CANDIDATE_TS = [0.5, 0.42, 0.58, 0.34, 0.66, 0.27, 0.73, 0.2, 0.8, 0.14, 0.86];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A uniform grid of boxes, so a test for overlap looks only at the boxes nearby. */
class BoxGrid {
  private readonly cells = new Map<string, Box[]>();
  constructor(private readonly size = 160) {}
  private keys(b: Box): string[] {
    const out: string[] = [];
    const x0 = Math.floor(b.x / this.size);
    const x1 = Math.floor((b.x + b.width) / this.size);
    const y0 = Math.floor(b.y / this.size);
    const y1 = Math.floor((b.y + b.height) / this.size);
    for (let i = x0; i <= x1; i++) for (let j = y0; j <= y1; j++) out.push(`${i},${j}`);
    return out;
  }
  add(b: Box): void {
    for (const k of this.keys(b)) {
      const cell = this.cells.get(k);
      if (cell) cell.push(b);
      else this.cells.set(k, [b]);
    }
  }
  /** The area of `b` covered by boxes in the grid (overlaps counted per box). */
  overlap(b: Box): number {
    let area = 0;
    const seen = new Set<Box>();
    for (const k of this.keys(b))
      for (const o of this.cells.get(k) ?? []) {
        if (seen.has(o)) continue;
        seen.add(o);
        const w = Math.min(b.x + b.width, o.x + o.width) - Math.max(b.x, o.x);
        const h = Math.min(b.y + b.height, o.y + o.height) - Math.max(b.y, o.y);
        if (w > 0 && h > 0) area += w * h;
      }
    return area;
  }
}

/**
 * Places link labels so they cover neither each other nor a card: each label
 * (in the order given) takes the first place along its link, from the middle
 * outwards, that is clear of the cards (`obstacles`) and of the labels placed
 * before it, with `gap` to spare; where no place along the link is clear, it
 * tries beside the link, and failing that takes the place it overlaps least.
 * A label a person placed (`at`) stays where they put it. The canvas and the
 * SVG export both place labels with this.
 */
export function placeLabels(
  labels: readonly LabelRequest[],
  obstacles: readonly Box[],
  gap = 4,
): Map<string, LabelPlace> {
  const grid = new BoxGrid();
  for (const o of obstacles) grid.add(o);
  const out = new Map<string, LabelPlace>();
  const boxAt = (l: LabelRequest, x: number, y: number): Box => ({
    x: x - l.width / 2 - gap,
    y: y - l.height / 2 - gap,
    width: l.width + 2 * gap,
    height: l.height + 2 * gap,
  });
  const take = (l: LabelRequest, place: LabelPlace) => {
    out.set(l.id, place);
    grid.add({ x: place.x - l.width / 2, y: place.y - l.height / 2, width: l.width, height: l.height });
  };
  // People's placements first: the others keep clear of them.
  for (const l of labels) {
    if (l.at === undefined) continue;
    const t = clampLabelAt(l.at);
    const p = pointOnPath(l.curve, t);
    take(l, { t, dx: 0, dy: 0, ...p });
  }
  for (const l of labels) {
    if (l.at !== undefined) continue;
    let best: LabelPlace | null = null;
    let bestArea = Infinity;
    // Along the link first, then ever further beside it (above, below, right, left).
    const offsets: [number, number][] = [[0, 0]];
    for (let k = 1; k <= MAX_OFFSET_STEPS; k++) {
      const v = k * (l.height + gap);
      const h = k * (l.width / 2 + gap);
      offsets.push([0, -v], [0, v], [h, 0], [-h, 0], [h, -v], [-h, v], [h, v], [-h, -v]);
    }
    search: for (const [dx, dy] of offsets)
      for (const t of CANDIDATE_TS) {
        const p = pointOnPath(l.curve, t);
        const x = p.x + dx;
        const y = p.y + dy;
        const area = grid.overlap(boxAt(l, x, y));
        if (area < bestArea) {
          bestArea = area;
          best = { t, dx, dy, x, y };
          if (area === 0) break search;
        }
      }
    if (best) take(l, best);
  }
  return out;
}
