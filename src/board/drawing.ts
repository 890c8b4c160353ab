/**
 * Geometry of the drawing kinds (board format v1, "Drawing"): thinning and
 * smoothing pen strokes, where a loose arrow's bound ends meet their blocks,
 * elbow routes and arrowheads. Pure: the canvas and the picture exports draw
 * from the same numbers.
 */
import type { Point, Rect } from './geometry';

/** A flat [x0, y0, x1, y1, …] list as points. */
export function toPoints(flat: readonly number[]): Point[] {
  const out: Point[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push({ x: flat[i]!, y: flat[i + 1]! });
  return out;
}

export function toFlat(points: readonly Point[]): number[] {
  return points.flatMap((p) => [p.x, p.y]);
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/**
 * The indexes of the points that keep a stroke's shape within `tolerance`
 * (Ramer-Douglas-Peucker): a hand-drawn line sampled at 120 Hz keeps a few
 * dozen of its hundreds of points and looks the same.
 */
export function simplifiedIndexes(points: readonly Point[], tolerance: number): number[] {
  if (points.length <= 2) return points.map((_, i) => i);
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let worst = -1;
    let worstAt = -1;
    for (let i = first + 1; i < last; i++) {
      const d = distanceToSegment(points[i]!, points[first]!, points[last]!);
      if (d > worst) {
        worst = d;
        worstAt = i;
      }
    }
    if (worst > tolerance) {
      keep[worstAt] = 1;
      stack.push([first, worstAt], [worstAt, last]);
    }
  }
  const out: number[] = [];
  keep.forEach((k, i) => k && out.push(i));
  return out;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * A smooth SVG path through a stroke's points: quadratic curves through the
 * midpoints, each point a control point, so corners of the polyline round off.
 */
export function smoothPath(points: readonly Point[]): string {
  if (points.length === 0) return '';
  const [first] = points as [Point];
  if (points.length === 1) return `M${round(first.x)},${round(first.y)} l0.01,0`;
  if (points.length === 2) return `M${round(first.x)},${round(first.y)} L${round(points[1]!.x)},${round(points[1]!.y)}`;
  let d = `M${round(first.x)},${round(first.y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i]!;
    const next = points[i + 1]!;
    d += ` Q${round(p.x)},${round(p.y)} ${round((p.x + next.x) / 2)},${round((p.y + next.y) / 2)}`;
  }
  const last = points[points.length - 1]!;
  return `${d} L${round(last.x)},${round(last.y)}`;
}

/** The smallest rectangle holding the points. */
export function boundsOf(points: readonly Point[]): Rect {
  if (points.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** Where the line from the centre of `rect` towards `toward` leaves the rectangle (plus a small gap). */
export function rectExit(rect: Rect, toward: Point, gap = 4): Point {
  const cx = rect.x + rect.width / 2;
  const cy = rect.y + rect.height / 2;
  const dx = toward.x - cx;
  const dy = toward.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const hw = rect.width / 2 + gap;
  const hh = rect.height / 2 + gap;
  const scale = Math.min(dx === 0 ? Infinity : hw / Math.abs(dx), dy === 0 ? Infinity : hh / Math.abs(dy));
  return { x: cx + dx * scale, y: cy + dy * scale };
}

/**
 * A loose arrow's points as drawn now: a bound end sits where the line to the
 * other end leaves its block, so it follows the block wherever it moves.
 */
export function arrowEnds(points: readonly Point[], from?: Rect, to?: Rect): Point[] {
  if (points.length < 2) return [...points];
  const out = [...points];
  const center = (r: Rect): Point => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
  const fromAim = to ? center(to) : out[1]!;
  const toAim = from ? center(from) : out[out.length - 2]!;
  if (from) out[0] = rectExit(from, out.length > 2 ? out[1]! : fromAim);
  if (to) out[out.length - 1] = rectExit(to, out.length > 2 ? out[out.length - 2]! : toAim);
  return out;
}

/** An elbow (orthogonal) route between two points: out horizontally or vertically, across, and in. */
export function elbowRoute(a: Point, b: Point): Point[] {
  const dx = Math.abs(b.x - a.x);
  const dy = Math.abs(b.y - a.y);
  if (dx < 1 || dy < 1) return [a, b];
  if (dx >= dy) {
    const mx = (a.x + b.x) / 2;
    return [a, { x: mx, y: a.y }, { x: mx, y: b.y }, b];
  }
  const my = (a.y + b.y) / 2;
  return [a, { x: a.x, y: my }, { x: b.x, y: my }, b];
}

/** The three corners of an arrowhead at `tip`, pointing away from `from`. */
export function arrowhead(tip: Point, from: Point, size: number): [Point, Point, Point] {
  const angle = Math.atan2(tip.y - from.y, tip.x - from.x);
  const spread = Math.PI / 7;
  return [
    tip,
    { x: tip.x - size * Math.cos(angle - spread), y: tip.y - size * Math.sin(angle - spread) },
    { x: tip.x - size * Math.cos(angle + spread), y: tip.y - size * Math.sin(angle + spread) },
  ];
}

/** A polyline as an SVG path. */
export function polylinePath(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)},${round(p.y)}`).join(' ');
}
