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

/** The size the UI draws a card at when it has none of its own (cards size to their content, about this). */
export const CARD_SIZE = { width: 184, height: 64 } as const;

/** A rectangle in flow coordinates. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Whether two rectangles overlap, with `margin` of clear space required between them. */
export function overlaps(a: Rect, b: Rect, margin = 0): boolean {
  return (
    a.x < b.x + b.width + margin &&
    b.x < a.x + a.width + margin &&
    a.y < b.y + b.height + margin &&
    b.y < a.y + a.height + margin
  );
}
