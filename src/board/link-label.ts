/**
 * Where a link's label sits: a point on the link's curve, given as a fraction
 * of the way from its source (0) to its target (1). Links are drawn as one
 * cubic Bézier curve (on the canvas by React Flow, in the SVG export by
 * src/export/svg.ts); both place labels with these functions.
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

/** The curve of an SVG path of the form `M x,y C x,y x,y x,y` (what React Flow's bezier path is), or null. */
export function cubicOfPath(d: string): Cubic | null {
  const nums = d.match(/-?\d*\.?\d+(?:e[-+]?\d+)?/gi);
  if (!nums || nums.length < 8 || !/^\s*M/i.test(d) || !/C/i.test(d)) return null;
  const n = nums.slice(0, 8).map(Number);
  if (n.some((v) => !Number.isFinite(v))) return null;
  const [x0, y0, x1, y1, x2, y2, x3, y3] = n as [number, number, number, number, number, number, number, number];
  return { p0: { x: x0, y: y0 }, c1: { x: x1, y: y1 }, c2: { x: x2, y: y2 }, p3: { x: x3, y: y3 } };
}
