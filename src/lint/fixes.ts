/**
 * Building blocks of quick fixes: which kind to add for a role, where to put
 * it (near the blocks it relates to, in the same group), and the ops that add
 * it and link it. Kinds come from the catalog by role, never by name.
 */
import { CARD_SIZE, CATALOG, kindInfo, preferredKindFor, type BlockRole } from '../board/catalog';
import { overlaps, type Rect } from '../board/geometry';
import { newId, type BoardOp } from '../board/ops';
import { defaultProtocol } from '../board/protocols';
import type { Block, Link } from '../board/types';
import { ROLE_BITS, type LintFacts } from './facts';

/**
 * The room a card without a size of its own takes when a fix looks for free ground: the
 * catalog's card, a line taller, since a card grows with its text and a second line of
 * label is common.
 */
export const PLACED_CARD_SIZE = { width: CARD_SIZE.width, height: CARD_SIZE.height + 8 } as const;

/** The kind a fix adds for a role: the catalog's preferred kind for it (a service for compute), else the first that plays it. */
export function kindFor(role: BlockRole): string {
  const entry = preferredKindFor(role);
  if (!entry) throw new Error(`No catalog kind plays the role "${role}"`);
  return entry.kind;
}

/** The kind of a queue's consumer: the compute kind of SLIC FAST's Task queue letter (a worker). */
export function consumerKind(): string {
  const entry = CATALOG.find((e) => e.roles.includes('compute') && e.slicFast === 'Task queue');
  return entry?.kind ?? kindFor('compute');
}

/** Horizontal spacing between a block and one a fix adds next to it, in flow units. */
export const GAP_X = 240;
/** Vertical spacing, likewise: tiers are drawn top to bottom. */
export const GAP_Y = 140;

/** A position next to block i, in the same group. */
export function near(facts: LintFacts, i: number, dx: number, dy: number): Pick<Block, 'x' | 'y' | 'parent'> {
  const block = facts.block(i);
  const at: Pick<Block, 'x' | 'y' | 'parent'> = { x: block.x + dx, y: block.y + dy };
  if (block.parent !== undefined) at.parent = block.parent;
  return at;
}

/** Halfway between two blocks when they share a group, else just above the second. */
export function between(facts: LintFacts, a: number, b: number): Pick<Block, 'x' | 'y' | 'parent'> {
  const from = facts.block(a);
  const to = facts.block(b);
  if (from.parent !== to.parent) return near(facts, b, 0, -GAP_Y / 2);
  const at: Pick<Block, 'x' | 'y' | 'parent'> = {
    x: Math.round((from.x + to.x) / 2),
    y: Math.round((from.y + to.y) / 2),
  };
  if (to.parent !== undefined) at.parent = to.parent;
  return at;
}

/** To the right of everything on the board, at the top (for blocks that relate to the whole design). */
export function besideBoard(facts: LintFacts): Pick<Block, 'x' | 'y'> {
  let right = 0;
  let top = Infinity;
  for (const block of facts.blocks) {
    if (block.parent !== undefined) continue;
    right = Math.max(right, block.x + (block.width ?? 160));
    top = Math.min(top, block.y);
  }
  return { x: right + GAP_X / 2, y: Number.isFinite(top) ? top : 0 };
}

/** Clear space kept around a card a fix adds. */
const PLACEMENT_MARGIN = 24;

/** Side of the cells of the placement grid, in flow units: about a card and its margin. */
const GRID_CELL = 256;

/** The cards on the board (groups aside: blocks sit inside them), bucketed by grid cell, once per lint. */
interface Occupied {
  byId: Map<string, Block>;
  cells: Map<number, Rect[]>;
}
const occupiedByFacts = new WeakMap<LintFacts, Occupied>();

function cellKey(cx: number, cy: number): number {
  return (cx + 32_768) * 65_536 + (cy + 32_768);
}

function forCells(r: Rect, margin: number, visit: (key: number) => boolean | void): boolean {
  const x0 = Math.floor((r.x - margin) / GRID_CELL);
  const x1 = Math.floor((r.x + r.width + margin) / GRID_CELL);
  const y0 = Math.floor((r.y - margin) / GRID_CELL);
  const y1 = Math.floor((r.y + r.height + margin) / GRID_CELL);
  for (let cx = x0; cx <= x1; cx++) for (let cy = y0; cy <= y1; cy++) if (visit(cellKey(cx, cy)) === true) return true;
  return false;
}

function occupy(o: Occupied, r: Rect): void {
  forCells(r, 0, (key) => {
    const list = o.cells.get(key);
    if (list) list.push(r);
    else o.cells.set(key, [r]);
  });
}

function occupied(facts: LintFacts): Occupied {
  let o = occupiedByFacts.get(facts);
  if (!o) {
    o = { byId: new Map(facts.blocks.map((b) => [b.id, b])), cells: new Map() };
    for (const b of facts.blocks) {
      if (facts.has(facts.indexById.get(b.id)!, 'frame')) continue;
      const size = kindInfo(b.kind).defaultSize ?? PLACED_CARD_SIZE;
      const at = absoluteOf(b, o.byId);
      occupy(o, { x: at.x, y: at.y, width: b.width ?? size.width, height: b.height ?? size.height });
    }
    occupiedByFacts.set(facts, o);
  }
  return o;
}

/** Groups nest a few deep at most; a cycle of parents (a damaged board) stops here. */
const MAX_GROUP_DEPTH = 32;

/** absolutePosition without its visited set: bounded by depth instead, for the thousand cards of a lint. */
function absoluteOf(block: Block, byId: ReadonlyMap<string, Block>): { x: number; y: number } {
  let x = block.x;
  let y = block.y;
  let parent = block.parent === undefined ? undefined : byId.get(block.parent);
  for (let depth = 0; parent && depth < MAX_GROUP_DEPTH; depth++) {
    x += parent.x;
    y += parent.y;
    parent = parent.parent === undefined ? undefined : byId.get(parent.parent);
  }
  return { x, y };
}

/** Rings of card-sized steps searched around the wanted spot before giving up on it. */
const PLACEMENT_RINGS = 12;

/** Cells of each ring, nearest first: below and to the right before above and to the left. */
const RING_CELLS: { x: number; y: number }[][] = Array.from({ length: PLACEMENT_RINGS + 1 }, (_, ring) => {
  const cells: { x: number; y: number; d: number }[] = [];
  for (let i = -ring; i <= ring; i++)
    for (let j = -ring; j <= ring; j++)
      if (Math.max(Math.abs(i), Math.abs(j)) === ring) cells.push({ x: i, y: j, d: Math.hypot(i, j * 1.5) });
  return cells.sort((a, b) => a.d - b.d || b.y - a.y || b.x - a.x);
});

/**
 * The position nearest `at` where a new card of `kind` overlaps no card on the
 * board (nor one another fix of this lint placed): `at` itself when it is
 * free, else the first free cell on rings of card-sized steps around it.
 */
export function freeSpot(
  facts: LintFacts,
  kind: string,
  at: Pick<Block, 'x' | 'y' | 'parent'>,
): Pick<Block, 'x' | 'y' | 'parent'> {
  const size = kindInfo(kind).defaultSize ?? PLACED_CARD_SIZE;
  const o = occupied(facts);
  const group = at.parent === undefined ? undefined : o.byId.get(at.parent);
  const origin = group ? absoluteOf(group, o.byId) : { x: 0, y: 0 };
  const stepX = size.width + PLACEMENT_MARGIN;
  const stepY = size.height + PLACEMENT_MARGIN;
  const free = (x: number, y: number) => {
    const r: Rect = { x: origin.x + x, y: origin.y + y, ...size };
    return !forCells(r, PLACEMENT_MARGIN, (key) => o.cells.get(key)?.some((c) => overlaps(c, r, PLACEMENT_MARGIN)));
  };
  let spot: { x: number; y: number } | undefined;
  for (let ring = 0; !spot && ring <= PLACEMENT_RINGS; ring++) {
    for (const c of RING_CELLS[ring]!) {
      const x = at.x + c.x * stepX;
      const y = at.y + c.y * stepY;
      if (free(x, y)) {
        spot = { x, y };
        break;
      }
    }
  }
  spot ??= { x: at.x, y: at.y };
  occupy(o, { x: origin.x + spot.x, y: origin.y + spot.y, ...size });
  const placed: Pick<Block, 'x' | 'y' | 'parent'> = { x: Math.round(spot.x), y: Math.round(spot.y) };
  if (at.parent !== undefined) placed.parent = at.parent;
  return placed;
}

/**
 * A new block of a kind. On the request path of a design with a 99.9% target
 * or more it starts with two instances, so that the fix does not create a
 * single point of failure of its own.
 */
export function newBlock(
  facts: LintFacts,
  kind: string,
  at: Pick<Block, 'x' | 'y' | 'parent'>,
  options: { onRequestPath?: boolean; label?: string } = {},
): Block {
  const entry = kindInfo(kind);
  const block: Block = { id: newId(kind), kind, label: options.label ?? entry.label, ...freeSpot(facts, kind, at) };
  if ((options.onRequestPath ?? true) && facts.needsRedundancy && !entry.redundantByNature) block.replicas = 2;
  return block;
}

/** A new link between two block ids, speaking the protocol the UI would give it. */
export function newLink(
  from: { id: string; kind: string },
  to: { id: string; kind: string },
  options: { protocol?: string; async?: boolean } = {},
): Link {
  const link: Link = {
    id: newId('link'),
    from: from.id,
    to: to.id,
    protocol: options.protocol ?? defaultProtocol(from.kind, to.kind),
  };
  if (options.async) link.async = true;
  return link;
}

/** The op that adds a block. */
export function addBlock(block: Block): BoardOp {
  return { op: 'add-block', block };
}

/** The op that adds a link. */
export function addLink(link: Link): BoardOp {
  return { op: 'add-link', link };
}

/** The service the clients reach first: new search, storage or analytics blocks hang off it. */
export function primaryService(facts: LintFacts): number | undefined {
  const { order } = facts.load;
  const serving = ROLE_BITS.compute;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (facts.roles[i]! & serving && !(facts.roles[i]! & ROLE_BITS.push)) return i;
  }
  for (let i = 0; i < facts.size; i++) if (facts.roles[i]! & serving) return i;
  return undefined;
}

/**
 * Adds a block for a role beside the primary service and links the service to
 * it; with no service on the board, beside the board, unlinked.
 */
export function addBesidePrimaryService(
  facts: LintFacts,
  role: BlockRole,
  options: { async?: boolean; onRequestPath?: boolean } = {},
): BoardOp[] {
  const kind = kindFor(role);
  const service = primaryService(facts);
  if (service === undefined) return [addBlock(newBlock(facts, kind, besideBoard(facts), options))];
  const block = newBlock(facts, kind, near(facts, service, GAP_X, GAP_Y), options);
  const from = facts.block(service);
  return [addBlock(block), addLink(newLink(from, block, options.async ? { async: true, protocol: 'event' } : {}))];
}

/** Sets a block's replicas. */
export function setReplicas(id: string, replicas: number): BoardOp {
  return { op: 'update-block', id, set: { replicas } };
}
