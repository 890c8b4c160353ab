/**
 * Auto-layout with dagre: top-level blocks in layers following the links,
 * clients at the top. Blocks inside a group move with it; links that reach
 * into a group count as links to the group. Notes stay where they are.
 */
import dagre from '@dagrejs/dagre';
import { hasRole } from './catalog';
import type { Block, Link } from './types';

export interface Size {
  width: number;
  height: number;
}

/**
 * New top-left positions for the top-level blocks of `onlyIds` (all when absent),
 * laid out so that the result's top-left corner stays where the set's was.
 */
export function layoutBlocks(
  blocks: readonly Block[],
  links: readonly Link[],
  sizes: ReadonlyMap<string, Size>,
  onlyIds?: ReadonlySet<string>,
): Map<string, { x: number; y: number }> {
  const byId = new Map(blocks.map((b) => [b.id, b]));
  const topOf = (id: string): string => {
    let b = byId.get(id);
    const seen = new Set<string>();
    while (b?.parent && byId.has(b.parent) && !seen.has(b.id)) {
      seen.add(b.id);
      b = byId.get(b.parent);
    }
    return b?.id ?? id;
  };
  const movable = blocks.filter((b) => !b.parent && !hasRole(b.kind, 'annotation') && (!onlyIds || onlyIds.has(b.id)));
  const result = new Map<string, { x: number; y: number }>();
  if (movable.length === 0) return result;

  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 56, ranksep: 80, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const sizeOf = (b: Block): Size => sizes.get(b.id) ?? { width: b.width ?? 184, height: b.height ?? 56 };
  for (const b of movable) g.setNode(b.id, sizeOf(b));
  for (const l of links) {
    const from = topOf(l.from);
    const to = topOf(l.to);
    if (from !== to && g.hasNode(from) && g.hasNode(to)) g.setEdge(from, to);
  }
  dagre.layout(g);

  const minX = Math.min(...movable.map((b) => b.x));
  const minY = Math.min(...movable.map((b) => b.y));
  let laidMinX = Infinity;
  let laidMinY = Infinity;
  const laid = movable.map((b) => {
    const n = g.node(b.id) as { x: number; y: number };
    const size = sizeOf(b);
    const x = n.x - size.width / 2;
    const y = n.y - size.height / 2;
    laidMinX = Math.min(laidMinX, x);
    laidMinY = Math.min(laidMinY, y);
    return { id: b.id, x, y };
  });
  for (const p of laid)
    result.set(p.id, { x: Math.round(p.x - laidMinX + minX), y: Math.round(p.y - laidMinY + minY) });
  return result;
}
