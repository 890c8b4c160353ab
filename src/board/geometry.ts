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
