/**
 * "Compare with reference": what a template's reference design has that the
 * candidate's board lacks, and the other way round, by kind, by role and by
 * SLIC FAST letter. Everything about a kind comes from the catalog; frames and
 * sticky notes are drawing aids, not components, so they are left out.
 */
import { CATALOG, SLIC_FAST, replicasOf, type CatalogEntry, type BlockRole, type SlicFast } from '../board/catalog';
import type { Block } from '../board/types';

/** How much of something one side has. */
export interface Presence {
  /** Blocks of it. */
  blocks: number;
  /** Instances across those blocks (replicas). */
  instances: number;
}

/** One kind on either side. */
export interface KindDifference {
  kind: string;
  label: string;
  board: Presence;
  reference: Presence;
}

/** One role on either side, with the kinds that play it on each. */
export interface RoleDifference {
  role: BlockRole;
  board: Presence & { kinds: string[] };
  reference: Presence & { kinds: string[] };
}

/** Differences of one sort, split three ways. */
export interface Split<T> {
  /** The reference has it; the board has none. */
  missing: T[];
  /** The board has it; the reference has none. */
  extra: T[];
  /** Both have it (the counts may differ). */
  shared: T[];
}

/** One SLIC FAST item and who covers it. */
export interface SlicFastCoverage {
  letter: string;
  name: SlicFast;
  board: boolean;
  reference: boolean;
}

/** The whole comparison. */
export interface ReferenceComparison {
  kinds: Split<KindDifference>;
  roles: Split<RoleDifference>;
  /** The 8 items of the checklist in order. */
  slicFast: SlicFastCoverage[];
}

/** The blocks a comparison needs: a board, or a template's `reference`. */
export interface BlocksOf {
  blocks: readonly Block[];
}

/** Roles that mark drawing aids rather than components. */
const DRAWING_ROLES: ReadonlySet<BlockRole> = new Set<BlockRole>(['frame', 'annotation']);

const catalogByKind = new Map<string, CatalogEntry>(CATALOG.map((e) => [e.kind, e]));

/** A block of an unknown kind still counts, as its own kind with no role. */
function entryOf(kind: string): Pick<CatalogEntry, 'kind' | 'label' | 'roles' | 'slicFast'> {
  return catalogByKind.get(kind) ?? { kind, label: kind, roles: [], slicFast: null };
}

function isComponent(block: Block): boolean {
  const { roles } = entryOf(block.kind);
  return roles.length === 0 || roles.some((r) => !DRAWING_ROLES.has(r));
}

interface Tally {
  kinds: Map<string, Presence>;
  roles: Map<BlockRole, Presence & { kinds: string[] }>;
  slicFast: Set<SlicFast>;
}

function tally(side: BlocksOf): Tally {
  const t: Tally = { kinds: new Map(), roles: new Map(), slicFast: new Set() };
  for (const block of side.blocks) {
    if (!isComponent(block)) continue;
    const entry = entryOf(block.kind);
    const instances = replicasOf(block);
    const kind = t.kinds.get(block.kind) ?? { blocks: 0, instances: 0 };
    t.kinds.set(block.kind, { blocks: kind.blocks + 1, instances: kind.instances + instances });
    for (const role of entry.roles) {
      if (DRAWING_ROLES.has(role)) continue;
      const r = t.roles.get(role) ?? { blocks: 0, instances: 0, kinds: [] };
      t.roles.set(role, {
        blocks: r.blocks + 1,
        instances: r.instances + instances,
        kinds: r.kinds.includes(block.kind) ? r.kinds : [...r.kinds, block.kind],
      });
    }
    if (entry.slicFast) t.slicFast.add(entry.slicFast);
  }
  return t;
}

const NONE: Presence = { blocks: 0, instances: 0 };

function split<K, T extends { board: Presence; reference: Presence }>(keys: K[], make: (key: K) => T): Split<T> {
  const result: Split<T> = { missing: [], extra: [], shared: [] };
  for (const key of keys) {
    const d = make(key);
    if (d.board.blocks === 0) result.missing.push(d);
    else if (d.reference.blocks === 0) result.extra.push(d);
    else result.shared.push(d);
  }
  return result;
}

/** Catalog order for kinds (unknown kinds last, by name), so every list reads like the palette. */
function catalogOrder(kinds: Iterable<string>): string[] {
  const index = (k: string) => {
    const i = CATALOG.findIndex((e) => e.kind === k);
    return i === -1 ? CATALOG.length : i;
  };
  return [...new Set(kinds)].sort((a, b) => index(a) - index(b) || a.localeCompare(b));
}

/** Role order: the order in which the catalog first uses each role. */
function roleOrder(roles: Iterable<BlockRole>): BlockRole[] {
  const order: BlockRole[] = [];
  for (const e of CATALOG) for (const r of e.roles) if (!order.includes(r)) order.push(r);
  return [...new Set(roles)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/**
 * What the reference has that the board lacks and the other way round, by
 * kind and by role (from the catalog), with block and instance counts on both
 * sides, and the SLIC FAST items each covers.
 */
export function compareWithReference(board: BlocksOf, reference: BlocksOf): ReferenceComparison {
  const b = tally(board);
  const r = tally(reference);

  const kinds = split(catalogOrder([...r.kinds.keys(), ...b.kinds.keys()]), (kind) => ({
    kind,
    label: entryOf(kind).label,
    board: b.kinds.get(kind) ?? NONE,
    reference: r.kinds.get(kind) ?? NONE,
  }));
  const noRole = { ...NONE, kinds: [] };
  const roles = split(roleOrder([...r.roles.keys(), ...b.roles.keys()]), (role) => ({
    role,
    board: b.roles.get(role) ?? noRole,
    reference: r.roles.get(role) ?? noRole,
  }));
  const slicFast = SLIC_FAST.map(({ letter, name }) => ({
    letter,
    name,
    board: b.slicFast.has(name),
    reference: r.slicFast.has(name),
  }));
  return { kinds, roles, slicFast };
}

/**
 * The comparison in a few sentences for a panel or the report, such as
 * "The reference has what the board lacks: Load balancer, Queue." Kinds both
 * have are mentioned only where the reference runs more instances.
 */
export function describeComparison(c: ReferenceComparison): string[] {
  const lines: string[] = [];
  const names = (ds: KindDifference[]) => ds.map((d) => d.label).join(', ');
  if (c.kinds.missing.length > 0) lines.push(`The reference has what the board lacks: ${names(c.kinds.missing)}.`);
  if (c.kinds.extra.length > 0) lines.push(`The board has what the reference does not: ${names(c.kinds.extra)}.`);
  const fewer = c.kinds.shared.filter((d) => d.board.instances < d.reference.instances);
  for (const d of fewer) {
    lines.push(
      `${d.label}: ${d.board.instances} instance${d.board.instances === 1 ? '' : 's'} on the board, ${d.reference.instances} in the reference.`,
    );
  }
  const slicMissing = c.slicFast.filter((s) => s.reference && !s.board).map((s) => `${s.name} (${s.letter})`);
  if (slicMissing.length > 0)
    lines.push(`SLIC FAST items the reference covers and the board does not: ${slicMissing.join(', ')}.`);
  if (lines.length === 0) lines.push('The board has the same kinds of blocks as the reference.');
  return lines;
}
