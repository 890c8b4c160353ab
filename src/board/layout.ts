/**
 * Auto-layout with dagre: top-level blocks in layers following the links,
 * clients at the top. Blocks inside a group move with it; links that reach
 * into a group count as links to the group. Notes and drawings stay where they
 * are; plain shapes, which links join, are laid out like blocks.
 */
import dagre from '@dagrejs/dagre';
import { CARD_SIZE, hasRole, kindInfo, isKnownKind } from './catalog';
import type { Block, Link } from './types';

export interface Size {
  width: number;
  height: number;
}

/** Which way the layers run: top to bottom (boards' default), or as a Mermaid flowchart's direction says. */
export type LayoutDirection = 'TB' | 'BT' | 'LR' | 'RL';

/** Whether auto-layout moves a block of this kind: building blocks and groups, and annotations that links join. */
export function laidOut(kind: string): boolean {
  if (!hasRole(kind, 'annotation')) return true;
  return isKnownKind(kind) && kindInfo(kind).linkable === true;
}

function sizeOf(b: Block, sizes: ReadonlyMap<string, Size>): Size {
  return sizes.get(b.id) ?? { width: b.width ?? CARD_SIZE.width, height: b.height ?? CARD_SIZE.height };
}

/** Centres of `members` from dagre, with links between them (or their ancestors among them). */
/** A diagram the auto-layout cannot place: dagre recurses along paths, so a chain of a few thousand blocks overflows the stack. */
export class LayoutTooDeepError extends Error {
  constructor(readonly blocks: number) {
    super(`too deep to lay out automatically (${blocks} blocks in one chain of levels)`);
    this.name = 'LayoutTooDeepError';
  }
}

function layoutLevel(
  members: readonly Block[],
  links: readonly Link[],
  sizeFor: (b: Block) => Size,
  memberOf: (id: string) => string | undefined,
  direction: LayoutDirection,
): Map<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: direction, nodesep: 56, ranksep: 80, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const b of members) g.setNode(b.id, { ...sizeFor(b) }); // dagre writes its results into the label
  for (const l of links) {
    const from = memberOf(l.from);
    const to = memberOf(l.to);
    if (from !== undefined && to !== undefined && from !== to) g.setEdge(from, to);
  }
  try {
    dagre.layout(g);
  } catch (err) {
    if (err instanceof RangeError) throw new LayoutTooDeepError(members.length);
    throw err;
  }
  const out = new Map<string, { x: number; y: number }>();
  for (const b of members) {
    const n = g.node(b.id) as { x: number; y: number };
    const size = sizeFor(b);
    out.set(b.id, { x: n.x - size.width / 2, y: n.y - size.height / 2 });
  }
  return out;
}

/** The block itself or, walking up its parents, the first one for which `isMember` holds. */
function ancestorIn(byId: ReadonlyMap<string, Block>, id: string, isMember: (b: Block) => boolean): string | undefined {
  const seen = new Set<string>();
  for (let b = byId.get(id); b && !seen.has(b.id); b = b.parent ? byId.get(b.parent) : undefined) {
    if (isMember(b)) return b.id;
    seen.add(b.id);
  }
  return undefined;
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
  direction: LayoutDirection = 'TB',
): Map<string, { x: number; y: number }> {
  const byId = new Map(blocks.map((b) => [b.id, b]));
  const movable = blocks.filter((b) => !b.parent && laidOut(b.kind) && (!onlyIds || onlyIds.has(b.id)));
  const result = new Map<string, { x: number; y: number }>();
  if (movable.length === 0) return result;
  const ids = new Set(movable.map((b) => b.id));
  const laid = layoutLevel(
    movable,
    links,
    (b) => sizeOf(b, sizes),
    (id) => ancestorIn(byId, id, (b) => ids.has(b.id)),
    direction,
  );
  const minX = Math.min(...movable.map((b) => b.x));
  const minY = Math.min(...movable.map((b) => b.y));
  const laidMinX = Math.min(...[...laid.values()].map((p) => p.x));
  const laidMinY = Math.min(...[...laid.values()].map((p) => p.y));
  for (const [id, p] of laid)
    result.set(id, { x: Math.round(p.x - laidMinX + minX), y: Math.round(p.y - laidMinY + minY) });
  return result;
}

/** Room inside a group around what it holds, and above it for the group's label. */
export const GROUP_PADDING = { side: 32, top: 48 } as const;

/**
 * A whole board laid out from scratch, groups included (for imports that have
 * no positions, such as Mermaid): each group's content is laid out first, the
 * group sized to hold it, then each level around its groups. Returns every
 * laid-out block's position (relative to its group, as the format keeps it)
 * and each group's size.
 */
export function layoutNested(
  blocks: readonly Block[],
  links: readonly Link[],
  direction: LayoutDirection = 'TB',
): Map<string, { x: number; y: number; width?: number; height?: number }> {
  const byId = new Map(blocks.map((b) => [b.id, b]));
  const childrenOf = new Map<string | undefined, Block[]>();
  for (const b of blocks) {
    if (!laidOut(b.kind)) continue;
    const parent = b.parent !== undefined && byId.has(b.parent) ? b.parent : undefined;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), b]);
  }
  const sizes = new Map<string, Size>();
  const result = new Map<string, { x: number; y: number; width?: number; height?: number }>();
  const visiting = new Set<string>();
  const place = (parent: string | undefined): Size => {
    const members = childrenOf.get(parent) ?? [];
    for (const m of members)
      if (hasRole(m.kind, 'frame') && !visiting.has(m.id)) {
        visiting.add(m.id);
        const inner = place(m.id);
        const size = {
          width: Math.max(inner.width + 2 * GROUP_PADDING.side, 200),
          height: Math.max(inner.height + GROUP_PADDING.top + GROUP_PADDING.side, 120),
        };
        sizes.set(m.id, size);
      }
    if (members.length === 0) return { width: 0, height: 0 };
    const ids = new Set(members.map((b) => b.id));
    const laid = layoutLevel(
      members,
      links,
      (b) => sizeOf(b, sizes),
      (id) => ancestorIn(byId, id, (b) => ids.has(b.id)),
      direction,
    );
    const minX = Math.min(...[...laid.values()].map((p) => p.x));
    const minY = Math.min(...[...laid.values()].map((p) => p.y));
    const inset = parent === undefined ? { x: 0, y: 0 } : { x: GROUP_PADDING.side, y: GROUP_PADDING.top };
    let width = 0;
    let height = 0;
    for (const m of members) {
      const p = laid.get(m.id)!;
      const size = sizeOf(m, sizes);
      const x = Math.round(p.x - minX + inset.x);
      const y = Math.round(p.y - minY + inset.y);
      width = Math.max(width, x - inset.x + size.width);
      height = Math.max(height, y - inset.y + size.height);
      const groupSize = sizes.get(m.id);
      result.set(m.id, groupSize ? { x, y, width: groupSize.width, height: groupSize.height } : { x, y });
    }
    return { width, height };
  };
  place(undefined);
  return result;
}
