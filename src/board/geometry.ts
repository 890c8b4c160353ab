/** Positions of blocks in flow coordinates, following parent groups. */
import type { Block } from './types';

export interface Point {
  x: number;
  y: number;
}

/** A block's position in flow coordinates: its own plus those of the groups around it. */
export function absolutePosition(id: string, byId: ReadonlyMap<string, Block>): Point {
  let x = 0;
  let y = 0;
  const seen = new Set<string>();
  for (let b = byId.get(id); b && !seen.has(b.id); b = b.parent ? byId.get(b.parent) : undefined) {
    seen.add(b.id);
    x += b.x;
    y += b.y;
  }
  return { x, y };
}

/** Whether `id` is `ancestor` or sits inside it at any depth. */
export function isInside(id: string, ancestor: string, byId: ReadonlyMap<string, Block>): boolean {
  const seen = new Set<string>();
  for (let b = byId.get(id); b && !seen.has(b.id); b = b.parent ? byId.get(b.parent) : undefined) {
    if (b.id === ancestor) return true;
    seen.add(b.id);
  }
  return false;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Whether two rectangles share any area (touching edges do not count). */
export function overlaps(a: Rect, b: Rect, gap = 0): boolean {
  return (
    a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap
  );
}

/**
 * How far to move pasted rectangles so none covers an existing one: the first
 * multiple of `step` down and to the right that is clear, else below everything.
 */
export function clearPasteOffset(
  pasted: readonly Rect[],
  existing: readonly Rect[],
  step: number,
  gap = 8,
): { dx: number; dy: number } {
  const MAX_TRIES = 40;
  for (let k = 1; k <= MAX_TRIES; k++) {
    const d = step * k;
    const clear = pasted.every((p) => existing.every((e) => !overlaps({ ...p, x: p.x + d, y: p.y + d }, e, gap)));
    if (clear) return { dx: d, dy: d };
  }
  const bottom = Math.max(...existing.map((e) => e.y + e.height));
  const top = Math.min(...pasted.map((p) => p.y));
  return { dx: 0, dy: Math.max(step, Math.ceil((bottom + gap - top) / step) * step) };
}
