/**
 * Arranging a selection as drawing tools do: align edges or centres,
 * distribute with equal gaps, snap a dragged card (or the bounding box of a
 * dragged selection) to the edges and centres of the others (with the guide
 * lines to show), and the drawing order (`z`).
 * Plain rectangles in flow coordinates in, offsets out: the caller turns the
 * offsets into moves of the blocks' own (parent-relative) positions.
 */
import type { Rect } from './geometry';
import type { BoardOp } from './ops';
import type { Block } from './types';

export type Alignment = 'left' | 'center' | 'right' | 'top' | 'middle' | 'bottom';
export const ALIGNMENTS: readonly Alignment[] = ['left', 'center', 'right', 'top', 'middle', 'bottom'];
export type Axis = 'horizontal' | 'vertical';

export interface PlacedRect extends Rect {
  id: string;
}

export interface Offset {
  dx: number;
  dy: number;
}

/** How far each rectangle moves so that the chosen edge or centre of all of them lines up with the selection's. */
export function alignOffsets(rects: readonly PlacedRect[], how: Alignment): Map<string, Offset> {
  const out = new Map<string, Offset>();
  if (rects.length < 2) return out;
  const left = Math.min(...rects.map((r) => r.x));
  const right = Math.max(...rects.map((r) => r.x + r.width));
  const top = Math.min(...rects.map((r) => r.y));
  const bottom = Math.max(...rects.map((r) => r.y + r.height));
  for (const r of rects) {
    let dx = 0;
    let dy = 0;
    if (how === 'left') dx = left - r.x;
    else if (how === 'right') dx = right - (r.x + r.width);
    else if (how === 'center') dx = (left + right) / 2 - (r.x + r.width / 2);
    else if (how === 'top') dy = top - r.y;
    else if (how === 'bottom') dy = bottom - (r.y + r.height);
    else dy = (top + bottom) / 2 - (r.y + r.height / 2);
    if (dx !== 0 || dy !== 0) out.set(r.id, { dx, dy });
  }
  return out;
}

/** How far each rectangle moves so the gaps between neighbours are equal; the outermost two stay. Needs three. */
export function distributeOffsets(rects: readonly PlacedRect[], axis: Axis): Map<string, Offset> {
  const out = new Map<string, Offset>();
  if (rects.length < 3) return out;
  const pos = (r: Rect) => (axis === 'horizontal' ? r.x : r.y);
  const size = (r: Rect) => (axis === 'horizontal' ? r.width : r.height);
  const sorted = [...rects].sort((a, b) => pos(a) + size(a) / 2 - (pos(b) + size(b) / 2));
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  const span = pos(last) + size(last) - pos(first);
  const gap = (span - sorted.reduce((sum, r) => sum + size(r), 0)) / (sorted.length - 1);
  let at = pos(first) + size(first) + gap;
  for (const r of sorted.slice(1, -1)) {
    const d = at - pos(r);
    if (d !== 0) out.set(r.id, axis === 'horizontal' ? { dx: d, dy: 0 } : { dx: 0, dy: d });
    at += size(r) + gap;
  }
  return out;
}

/** A guide line: vertical (`axis: 'x'`, at x = `at`, from y `from` to `to`) or horizontal. */
export interface Guide {
  axis: 'x' | 'y';
  at: number;
  from: number;
  to: number;
}

/**
 * Where a dragged rectangle snaps: on each axis, the nearest of its left edge,
 * centre and right edge (top, middle, bottom) to one of another rectangle's,
 * within `threshold`; and the guides that show what it lines up with.
 */
export function snapToOthers(
  moving: Rect,
  others: readonly Rect[],
  threshold: number,
): { dx: number; dy: number; guides: Guide[] } {
  const xs = (r: Rect) => [r.x, r.x + r.width / 2, r.x + r.width];
  const ys = (r: Rect) => [r.y, r.y + r.height / 2, r.y + r.height];
  const best = (mine: number[], theirs: (r: Rect) => number[]) => {
    let d: number | null = null;
    for (const o of others)
      for (const t of theirs(o))
        for (const m of mine) {
          const delta = t - m;
          if (Math.abs(delta) <= threshold && (d === null || Math.abs(delta) < Math.abs(d))) d = delta;
        }
    return d;
  };
  const dx = best(xs(moving), xs) ?? 0;
  const dy = best(ys(moving), ys) ?? 0;
  const snapped = { ...moving, x: moving.x + dx, y: moving.y + dy };
  const guides: Guide[] = [];
  const EPS = 0.5;
  for (const m of xs(snapped)) {
    const hits = others.filter((o) => xs(o).some((t) => Math.abs(t - m) < EPS));
    if (hits.length === 0) continue;
    const all = [snapped, ...hits];
    guides.push({
      axis: 'x',
      at: m,
      from: Math.min(...all.map((r) => r.y)),
      to: Math.max(...all.map((r) => r.y + r.height)),
    });
  }
  for (const m of ys(snapped)) {
    const hits = others.filter((o) => ys(o).some((t) => Math.abs(t - m) < EPS));
    if (hits.length === 0) continue;
    const all = [snapped, ...hits];
    guides.push({
      axis: 'y',
      at: m,
      from: Math.min(...all.map((r) => r.x)),
      to: Math.max(...all.map((r) => r.x + r.width)),
    });
  }
  return { dx, dy, guides };
}

/** The smallest rectangle holding all of `rects` (none: an empty one at the origin). */
export function boundingBox(rects: readonly Rect[]): Rect {
  if (rects.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const left = Math.min(...rects.map((r) => r.x));
  const top = Math.min(...rects.map((r) => r.y));
  const right = Math.max(...rects.map((r) => r.x + r.width));
  const bottom = Math.max(...rects.map((r) => r.y + r.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * Where a dragged selection snaps: its bounding box, as one rectangle, to the
 * edges and centres of the cards that are not in it (snapToOthers). Every
 * dragged card moves by the same (dx, dy), so the selection keeps its shape.
 */
export function snapSelection(
  moving: readonly Rect[],
  others: readonly Rect[],
  threshold: number,
): { dx: number; dy: number; guides: Guide[] } {
  if (moving.length === 0) return { dx: 0, dy: 0, guides: [] };
  return snapToOthers(boundingBox(moving), others, threshold);
}

/** The ops that draw `ids` above (front) or below (back) every other block of their layer, keeping their own order. */
export function zOrderOps(blocks: readonly Block[], ids: readonly string[], where: 'front' | 'back'): BoardOp[] {
  const chosen = new Set(ids);
  const zOf = (b: Block) => (typeof b.z === 'number' && Number.isFinite(b.z) ? b.z : 0);
  const rest = blocks.filter((b) => !chosen.has(b.id)).map(zOf);
  const moving = blocks.filter((b) => chosen.has(b.id)).sort((a, b) => zOf(a) - zOf(b) || (a.id < b.id ? -1 : 1));
  if (moving.length === 0) return [];
  const start = where === 'front' ? Math.max(0, ...rest) + 1 : Math.min(0, ...rest) - moving.length;
  return moving.map((b, i) => ({ op: 'update-block' as const, id: b.id, set: { z: start + i } }));
}
