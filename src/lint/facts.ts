/**
 * What every rule needs to know about a board, computed once per lint: block
 * roles from the catalog, the flow graph (who calls whom), tiers of parallel
 * blocks, and, on first use, the load reaching each block and the single
 * points of failure. Everything is indexed by the block's position in
 * `board.blocks` and kept in typed arrays, so a 10,000-block board costs a few
 * flat allocations rather than one object per block.
 *
 * The flow graph is the board's links minus those that carry no requests:
 * links touching notes, groups or monitoring (monitoring watches, it is not
 * called), replication links (copies between replicas), links into a client
 * (clients start requests; a push back to them is not load) and self-links.
 * A flow link is synchronous unless it is async (marked, or an async protocol
 * such as `event`) or leaves a queue (consumers pull in their own time).
 */
import { CATALOG, replicasOf, type BlockRole } from '../board/catalog';
import { FLOW_READS, FLOW_SYNC, FLOW_WRITES, ROLE_BITS, roleBits } from './bits';
import { isAsyncLink, protocolInfo } from '../board/protocols';
import type { Block, Board, Link, Requirements } from '../board/types';
import { estimate as estimateRequirements, type Estimate } from '../estimate/estimate';
import { computeLoad, type LoadFacts } from './load';
import { findSinglePointsOfFailure, type SinglePoint } from './single-points';

export { FLOW_READS, FLOW_SYNC, FLOW_WRITES, ROLE_BITS, roleBits } from './bits';

/** What the facts read of a kind's catalog entry, found with one lookup per block. */
interface KindTraits {
  /** Position in the catalog: blocks of one kind share it. */
  index: number;
  label: string;
  roles: number;
  redundantByNature: boolean;
  capacityQps: number | null;
  hitRatio: number;
  staticReadShare: number;
}
const traitsByKind = new Map<string, KindTraits>(
  CATALOG.map((e, index) => [
    e.kind,
    {
      index,
      label: e.label,
      roles: roleBits(...e.roles),
      redundantByNature: e.redundantByNature,
      capacityQps: e.capacityQps,
      hitRatio: e.hitRatio ?? 0,
      staticReadShare: e.staticReadShare ?? 0,
    },
  ]),
);
// A kind the catalog does not know (a newer board in an older app) plays no role.
const NO_TRAITS: KindTraits = {
  index: CATALOG.length,
  label: '',
  roles: 0,
  redundantByNature: false,
  capacityQps: null,
  hitRatio: 0,
  staticReadShare: 0,
};

/** A copy whose label says it only takes over: it serves no reads. */
const STANDBY_WORD = /\b(standby|stand-by|failover|passive)\b/i;

/**
 * A data holder whose label says it is one shard or partition ("Shard 1",
 * "Users partition 2"): its siblings of the same name hold other keys, so they
 * share its load but are no copy of it. Its own replicas and replication links
 * still are.
 */
const SHARD_WORD = /\b(shard|partition)/i;

const HOLDS_DATA = ROLE_BITS.datastore | ROLE_BITS.queue;

/** Blocks whose links are not request flow. */
const OUTSIDE_FLOW = roleBits('frame', 'annotation', 'monitoring');

const NOT_RECORDS = roleBits('object-storage', 'search', 'analytics', 'cache');

// A label or protocol that names reads only (or writes only) says which side a link carries.
const READ_WORD = /\bread/i;
const WRITE_WORD = /\bwrit/i;

function carriedTraffic(link: Link): number {
  // Most links have no label and a known protocol: nothing to read.
  if (!link.label && (link.protocol === undefined || protocolInfo(link.protocol) !== undefined))
    return FLOW_READS | FLOW_WRITES;
  const text = `${link.label ?? ''} ${link.protocol ?? ''}`;
  const reads = READ_WORD.test(text);
  const writes = WRITE_WORD.test(text);
  if (reads && !writes) return FLOW_READS;
  if (writes && !reads) return FLOW_WRITES;
  return FLOW_READS | FLOW_WRITES;
}

/** Availability target at or above which a design must survive losing any one instance. */
export const HIGH_AVAILABILITY = 99.9;
/** At or above this, a single point of failure is an error. */
export const VERY_HIGH_AVAILABILITY = 99.99;

/** The facts of one board, shared by every rule of one lint (see the module comment). */
export class LintFacts {
  readonly board: Board;
  readonly requirements: Requirements;
  readonly estimate: Estimate;
  readonly blocks: readonly Block[];
  /** Number of blocks. */
  readonly size: number;
  readonly indexById: ReadonlyMap<string, number>;
  /** Role bits of each block (ROLE_BITS). */
  readonly roles: Uint32Array;
  /** Instances of each block (replicas, at least 1). */
  readonly instances: Int32Array;
  /** 1 when the block is managed or redundant by nature: never a single point of failure. */
  readonly redundant: Uint8Array;
  /** Links touching each block, of any kind (orphan-block reads it). */
  readonly degree: Int32Array;
  /** Flow graph, outgoing: the edges of block i are outStart[i]..outStart[i+1]. */
  readonly outStart: Int32Array;
  readonly outTarget: Int32Array;
  readonly outLink: Int32Array;
  readonly outFlags: Uint8Array;
  /** Flow graph, incoming. */
  readonly inStart: Int32Array;
  readonly inSource: Int32Array;
  readonly inLink: Int32Array;
  readonly inFlags: Uint8Array;
  /** Indices of the client blocks. */
  readonly clients: Int32Array;
  /**
   * Tiers: blocks of the same kind and name (up to a trailing number) between
   * the same flow neighbours are one tier of interchangeable instances ("two
   * app servers behind the LB").
   * A block with no flow links is a tier of its own.
   */
  readonly tierOf: Int32Array;
  readonly tierCount: number;
  readonly tierStart: Int32Array;
  readonly tierMembers: Int32Array;
  /** Instances of each tier: the sum of its blocks' replicas. */
  readonly tierInstances: Int32Array;
  /**
   * Replica sets: blocks of one kind joined by `replication` links, as the
   * index of the set's first block (a block alone is its own set).
   */
  readonly replicaSetOf: Int32Array;
  /** 1 for a copy that receives a replication link (not a primary). */
  readonly isCopy: Uint8Array;
  /** 1 for a copy kept only to take over (`standby`, or a label saying so). */
  readonly isStandby: Uint8Array;
  /**
   * Copies of the same data or service, for failures: the block's tier, its
   * replica set, and blocks of its kind with the same name elsewhere (the same
   * stack in a second region). Index of the class's first block.
   */
  readonly copyClassOf: Int32Array;
  /** Instances in each block's copy class (indexed by block). */
  readonly copyInstances: Int32Array;
  /**
   * 1 for a shard: a data holder labelled as one shard or partition. Shards of
   * one name between the same neighbours are a tier for load (each key lives on
   * one), but not copies of each other: only its own replicas and replication
   * links make a shard redundant.
   */
  readonly isShard: Uint8Array;
  /**
   * Instances that can take over a block's work when one fails: its tier's, or
   * for a shard only its own (the other shards hold other data).
   */
  readonly spareInstances: Int32Array;

  private readonly roleCounts = new Map<number, number>();
  private readonly reachingCache = new Map<number, Uint8Array>();
  private loadCache: LoadFacts | undefined;
  private singlePointsCache: SinglePoint[] | undefined;

  constructor(board: Board, estimate?: Estimate) {
    this.board = board;
    this.requirements = board.requirements ?? {};
    this.estimate = estimate ?? estimateRequirements(this.requirements);
    const blocks = board.blocks;
    const n = blocks.length;
    this.blocks = blocks;
    this.size = n;

    const indexById = new Map<string, number>();
    const roles = new Uint32Array(n);
    const instances = new Int32Array(n);
    const redundant = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const block = blocks[i]!;
      indexById.set(block.id, i);
      const traits = traitsByKind.get(block.kind) ?? NO_TRAITS;
      roles[i] = traits.roles;
      instances[i] = replicasOf(block);
      redundant[i] = block.managed === true || traits.redundantByNature ? 1 : 0;
    }
    this.indexById = indexById;
    this.roles = roles;
    this.instances = instances;
    this.redundant = redundant;

    // Flow edges, counted then placed (compressed sparse rows).
    const links = board.links;
    const m = links.length;
    const degree = new Int32Array(n);
    const edgeFrom = new Int32Array(m);
    const edgeTo = new Int32Array(m);
    const edgeFlags = new Uint8Array(m);
    const edgeLink = new Int32Array(m);
    const outCount = new Int32Array(n + 1);
    const inCount = new Int32Array(n + 1);
    let edges = 0;
    for (let l = 0; l < m; l++) {
      const link = links[l]!;
      const from = indexById.get(link.from);
      const to = indexById.get(link.to);
      if (from === undefined || to === undefined) continue;
      degree[from]!++;
      if (to !== from) degree[to]!++;
      if (from === to || link.protocol === 'replication') continue;
      if ((roles[from]! | roles[to]!) & OUTSIDE_FLOW || roles[to]! & ROLE_BITS.client) continue;
      const sync = !isAsyncLink(link) && !(roles[from]! & ROLE_BITS.queue);
      edgeFrom[edges] = from;
      edgeTo[edges] = to;
      // An async link carries the events that writes produce, never reads.
      edgeFlags[edges] = sync ? FLOW_SYNC | carriedTraffic(link) : FLOW_WRITES;
      edgeLink[edges] = l;
      outCount[from]!++;
      inCount[to]!++;
      edges++;
    }
    this.degree = degree;
    const outStart = prefixSums(outCount, n);
    const inStart = prefixSums(inCount, n);
    const outTarget = new Int32Array(edges);
    const outLink = new Int32Array(edges);
    const outFlags = new Uint8Array(edges);
    const inSource = new Int32Array(edges);
    const inLink = new Int32Array(edges);
    const inFlags = new Uint8Array(edges);
    const outFill = outStart.slice(0, n);
    const inFill = inStart.slice(0, n);
    for (let e = 0; e < edges; e++) {
      const from = edgeFrom[e]!;
      const to = edgeTo[e]!;
      const o = outFill[from]!++;
      outTarget[o] = to;
      outLink[o] = edgeLink[e]!;
      outFlags[o] = edgeFlags[e]!;
      const i = inFill[to]!++;
      inSource[i] = from;
      inLink[i] = edgeLink[e]!;
      inFlags[i] = edgeFlags[e]!;
    }
    this.outStart = outStart;
    this.outTarget = outTarget;
    this.outLink = outLink;
    this.outFlags = outFlags;
    this.inStart = inStart;
    this.inSource = inSource;
    this.inLink = inLink;
    this.inFlags = inFlags;

    let clientCount = 0;
    for (let i = 0; i < n; i++) if (roles[i]! & ROLE_BITS.client) clientCount++;
    const clients = new Int32Array(clientCount);
    for (let i = 0, c = 0; i < n; i++) if (roles[i]! & ROLE_BITS.client) clients[c++] = i;
    this.clients = clients;

    // Tiers group blocks of one kind and one name: a relational and a document store behind one
    // service hold different data, "Users" and "Links" too; "API 1" and "API 2" are one service.
    const tierKey = new Int32Array(n);
    const keyIds = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const block = blocks[i]!;
      const kindIndex = (traitsByKind.get(block.kind) ?? NO_TRAITS).index;
      const key = block.label ? `${kindIndex}:${serviceName(block.label)}` : String(kindIndex);
      let id = keyIds.get(key);
      if (id === undefined) keyIds.set(key, (id = keyIds.size));
      tierKey[i] = id;
    }
    const tiers = groupTiers(n, tierKey, instances, outStart, outTarget, inStart, inSource);
    this.tierOf = tiers.tierOf;
    this.tierCount = tiers.tierCount;
    this.tierStart = tiers.tierStart;
    this.tierMembers = tiers.tierMembers;
    this.tierInstances = tiers.tierInstances;

    // Replica sets and copy classes, by union-find over the block indices.
    const replicaSetOf = unionFind(n);
    const copyClassOf = unionFind(n);
    const isCopy = new Uint8Array(n);
    const isStandby = new Uint8Array(n);
    const isShard = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const block = blocks[i]!;
      if (block.standby === true || (block.label !== undefined && STANDBY_WORD.test(block.label))) isStandby[i] = 1;
      if (roles[i]! & HOLDS_DATA && block.label !== undefined && SHARD_WORD.test(block.label)) isShard[i] = 1;
    }
    for (const link of links) {
      if (link.protocol !== 'replication') continue;
      const from = indexById.get(link.from);
      const to = indexById.get(link.to);
      if (from === undefined || to === undefined || from === to || blocks[from]!.kind !== blocks[to]!.kind) continue;
      union(replicaSetOf, from, to);
      union(copyClassOf, from, to);
      isCopy[to] = 1;
    }
    // Same name elsewhere (a second region) and same tier are copies, except for shards.
    const byName = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      if (blocks[i]!.label && !isShard[i]) {
        const first = byName.get(tierKey[i]!);
        if (first === undefined) byName.set(tierKey[i]!, i);
        else union(copyClassOf, first, i);
      }
    }
    const firstOfTier = new Int32Array(tiers.tierCount).fill(-1);
    for (let i = 0; i < n; i++) {
      if (isShard[i]) continue;
      const t = tiers.tierOf[i]!;
      if (firstOfTier[t] === -1) firstOfTier[t] = i;
      else union(copyClassOf, firstOfTier[t]!, i);
    }
    const classSum = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      replicaSetOf[i] = find(replicaSetOf, i);
      copyClassOf[i] = find(copyClassOf, i);
      classSum[copyClassOf[i]!]! += instances[i]!;
    }
    const copyInstances = new Int32Array(n);
    const spareInstances = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      copyInstances[i] = classSum[copyClassOf[i]!]!;
      spareInstances[i] = isShard[i] ? instances[i]! : tiers.tierInstances[tiers.tierOf[i]!]!;
    }
    this.replicaSetOf = replicaSetOf;
    this.isCopy = isCopy;
    this.isStandby = isStandby;
    this.copyClassOf = copyClassOf;
    this.copyInstances = copyInstances;
    this.isShard = isShard;
    this.spareInstances = spareInstances;
  }

  /** Share of the reads reaching block i that it answers (caches, CDNs): its `hitRatio`, else its kind's; 0 for others. */
  hitRatioOf(i: number): number {
    const block = this.blocks[i]!;
    const own = block.hitRatio;
    if (typeof own === 'number' && own >= 0 && own <= 1) return own;
    return (traitsByKind.get(block.kind) ?? NO_TRAITS).hitRatio;
  }

  /** Share of a client's reads a CDN serves when the client also calls an API entry point: its `readShare`, else its kind's. */
  readShareOf(i: number): number {
    const block = this.blocks[i]!;
    const own = block.readShare;
    if (typeof own === 'number' && own >= 0 && own <= 1) return own;
    return (traitsByKind.get(block.kind) ?? NO_TRAITS).staticReadShare;
  }

  /** Writes a link carries per write reaching its source: its `fanOut`, else 1. */
  fanOutOf(linkIndex: number): number {
    const f = this.board.links[linkIndex]!.fanOut;
    return typeof f === 'number' && Number.isFinite(f) && f > 0 ? f : 1;
  }

  /** Whether block i plays a role. */
  has(i: number, role: BlockRole): boolean {
    return (this.roles[i]! & ROLE_BITS[role]) !== 0;
  }

  /** Whether block i plays any of the roles in a mask from `roleBits`. */
  hasAny(i: number, mask: number): boolean {
    return (this.roles[i]! & mask) !== 0;
  }

  /**
   * Whether block i keeps the system's records: a datastore that is not object
   * storage (files), a search index (a derived copy) or analytics (a warehouse
   * of events). Caching, sharing and client access rules are about these.
   */
  isDatabase(i: number): boolean {
    const r = this.roles[i]!;
    return (r & ROLE_BITS.datastore) !== 0 && (r & NOT_RECORDS) === 0;
  }

  /** How many blocks play a role. */
  countWithRole(role: BlockRole): number {
    const bit = ROLE_BITS[role];
    let count = this.roleCounts.get(bit);
    if (count === undefined) {
      count = 0;
      for (let i = 0; i < this.size; i++) if (this.roles[i]! & bit) count++;
      this.roleCounts.set(bit, count);
    }
    return count;
  }

  /** Indices of the blocks that play a role, in board order. */
  withRole(role: BlockRole): number[] {
    const bit = ROLE_BITS[role];
    const out: number[] = [];
    for (let i = 0; i < this.size; i++) if (this.roles[i]! & bit) out.push(i);
    return out;
  }

  /** The block at index i. */
  block(i: number): Block {
    return this.blocks[i]!;
  }

  /** The block's id. */
  id(i: number): string {
    return this.blocks[i]!.id;
  }

  /** The name people see: the label, else the technology, else the kind's label. */
  nameOf(i: number): string {
    const block = this.blocks[i]!;
    return block.label || block.tech || traitsByKind.get(block.kind)?.label || block.kind;
  }

  /**
   * Whether two blocks are instances of one service: of one kind, with labels
   * that differ at most by a trailing number ("App 1", "App 2"), or unlabelled
   * and of one tier. Blocks of one tier named differently ("Users", "Links")
   * are parallel, hence redundancy on the request path, but still different
   * services.
   */
  sameService(a: number, b: number): boolean {
    const blockA = this.blocks[a]!;
    const blockB = this.blocks[b]!;
    if (blockA.kind !== blockB.kind) return false;
    if (!blockA.label || !blockB.label) return this.tierOf[a] === this.tierOf[b];
    return serviceName(blockA.label) === serviceName(blockB.label);
  }

  /** Per-instance capacity in requests a second: the block's override, else the catalog's; null where load does not apply. */
  capacityOf(i: number): number | null {
    const block = this.blocks[i]!;
    if (typeof block.capacityQps === 'number' && block.capacityQps > 0) return block.capacityQps;
    return (traitsByKind.get(block.kind) ?? NO_TRAITS).capacityQps;
  }

  /** Indices of the blocks in tier t. */
  membersOfTier(t: number): Int32Array {
    return this.tierMembers.subarray(this.tierStart[t], this.tierStart[t + 1]);
  }

  /** The availability target, if the requirements give one. */
  get availability(): number | undefined {
    const a = this.requirements.availability;
    return typeof a === 'number' && Number.isFinite(a) ? a : undefined;
  }

  /** Whether the availability target asks the design to survive losing any one instance (99.9% or more). */
  get needsRedundancy(): boolean {
    return (this.availability ?? 0) >= HIGH_AVAILABILITY;
  }

  /** The load model: peak load reaching each block, and which blocks uncached reads reach. */
  get load(): LoadFacts {
    return (this.loadCache ??= computeLoad(this));
  }

  /**
   * 1 for blocks from which a synchronous flow path leads to a block playing
   * any role of `mask` (the block itself included).
   */
  reaching(mask: number): Uint8Array {
    let reaches = this.reachingCache.get(mask);
    if (!reaches) {
      reaches = blocksReaching(this, mask);
      this.reachingCache.set(mask, reaches);
    }
    return reaches;
  }

  /** Single points of failure found by graph analysis, in board order. */
  get singlePoints(): readonly SinglePoint[] {
    return (this.singlePointsCache ??= findSinglePointsOfFailure(this));
  }
}

/** Names already read, as labels repeat across a board and across lints; bounded, as boards come and go. */
const serviceNames = new Map<string, string>();
const MAX_CACHED_NAMES = 10_000;

/** A label without its instance number: "App server 2" and "app-server-1" are both "app server". */
function serviceName(label: string): string {
  let name = serviceNames.get(label);
  if (name === undefined) {
    if (serviceNames.size >= MAX_CACHED_NAMES) serviceNames.clear();
    serviceNames.set(label, (name = readServiceName(label)));
  }
  return name;
}

function readServiceName(label: string): string {
  return label
    .toLowerCase()
    .replace(/[\s#_-]*\d+$/, '')
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

function blocksReaching(facts: LintFacts, mask: number): Uint8Array {
  const n = facts.size;
  const { roles, inStart, inSource, inFlags } = facts;
  const reaches = new Uint8Array(n);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) {
    if (roles[i]! & mask) {
      reaches[i] = 1;
      queue[tail++] = i;
    }
  }
  while (head < tail) {
    const v = queue[head++]!;
    for (let j = inStart[v]!; j < inStart[v + 1]!; j++) {
      const u = inSource[j]!;
      if (inFlags[j]! & FLOW_SYNC && !reaches[u]) {
        reaches[u] = 1;
        queue[tail++] = u;
      }
    }
  }
  return reaches;
}

/** Parents for union-find: each index its own root. */
function unionFind(n: number): Int32Array {
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  return parent;
}

/** The root of i, halving paths on the way. */
function find(parent: Int32Array, i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]!]!;
    i = parent[i]!;
  }
  return i;
}

/** Joins the sets of a and b; the smaller index stays the root, so roots are the set's first block. */
function union(parent: Int32Array, a: number, b: number): void {
  const ra = find(parent, a);
  const rb = find(parent, b);
  if (ra < rb) parent[rb] = ra;
  else if (rb < ra) parent[ra] = rb;
}

function prefixSums(counts: Int32Array, n: number): Int32Array {
  const starts = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) starts[i + 1] = starts[i]! + counts[i]!;
  return starts;
}

/** A sorted copy of each adjacency segment, so sets of neighbours compare in one pass. */
function sortedSegments(start: Int32Array, values: Int32Array, n: number): Int32Array {
  const sorted = values.slice();
  for (let i = 0; i < n; i++) {
    const s = start[i]!;
    const e = start[i + 1]!;
    if (e - s > 32) sorted.subarray(s, e).sort();
    else {
      // Degrees are small: insertion sort in place, no view allocated.
      for (let k = s + 1; k < e; k++) {
        const v = sorted[k]!;
        let j = k - 1;
        while (j >= s && sorted[j]! > v) {
          sorted[j + 1] = sorted[j]!;
          j--;
        }
        sorted[j + 1] = v;
      }
    }
  }
  return sorted;
}

function mixHash(h: number, value: number): number {
  return Math.imul(h ^ value, 0x01000193) >>> 0;
}

function hashSegment(h: number, values: Int32Array, s: number, e: number): number {
  let previous = -1;
  for (let k = s; k < e; k++) {
    const v = values[k]!;
    if (v !== previous) h = mixHash(h, v + 1);
    previous = v;
  }
  return mixHash(h, 0x7fffffff);
}

/** Equal sets of neighbours: two sorted segments, duplicates ignored. */
function sameSegment(values: Int32Array, aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  let a = aStart;
  let b = bStart;
  while (a < aEnd && b < bEnd) {
    if (values[a] !== values[b]) return false;
    const v = values[a]!;
    while (a < aEnd && values[a] === v) a++;
    while (b < bEnd && values[b] === v) b++;
  }
  return a === aEnd && b === bEnd;
}

function groupTiers(
  n: number,
  roles: Int32Array,
  instances: Int32Array,
  outStart: Int32Array,
  outTarget: Int32Array,
  inStart: Int32Array,
  inSource: Int32Array,
) {
  const sortedOut = sortedSegments(outStart, outTarget, n);
  const sortedIn = sortedSegments(inStart, inSource, n);
  const tierOf = new Int32Array(n);
  const representative = new Int32Array(n); // first block of each tier
  // Open addressing: slots hold tier + 1 (0 is empty), keyed by the hash of roles and neighbour sets.
  let capacity = 16;
  while (capacity < n * 2) capacity *= 2;
  const slotTier = new Int32Array(capacity);
  const slotHash = new Int32Array(capacity);
  const mask = capacity - 1;
  let tierCount = 0;
  for (let i = 0; i < n; i++) {
    const os = outStart[i]!,
      oe = outStart[i + 1]!,
      is = inStart[i]!,
      ie = inStart[i + 1]!;
    if (os === oe && is === ie) {
      representative[tierCount] = i;
      tierOf[i] = tierCount++;
      continue;
    }
    const hash = hashSegment(hashSegment(mixHash(0x811c9dc5, roles[i]!), sortedIn, is, ie), sortedOut, os, oe) | 0;
    let slot = hash & mask;
    let tier = -1;
    for (; slotTier[slot] !== 0; slot = (slot + 1) & mask) {
      if (slotHash[slot] !== hash) continue;
      const r = representative[slotTier[slot]! - 1]!;
      if (
        roles[r] === roles[i] &&
        sameSegment(sortedIn, inStart[r]!, inStart[r + 1]!, is, ie) &&
        sameSegment(sortedOut, outStart[r]!, outStart[r + 1]!, os, oe)
      ) {
        tier = slotTier[slot]! - 1;
        break;
      }
    }
    if (tier === -1) {
      tier = tierCount++;
      representative[tier] = i;
      slotTier[slot] = tier + 1;
      slotHash[slot] = hash;
    }
    tierOf[i] = tier;
  }
  const tierStart = new Int32Array(tierCount + 1);
  const tierInstances = new Int32Array(tierCount);
  for (let i = 0; i < n; i++) {
    tierStart[tierOf[i]! + 1]!++;
    tierInstances[tierOf[i]!]! += instances[i]!;
  }
  for (let t = 0; t < tierCount; t++) tierStart[t + 1]! += tierStart[t]!;
  const fill = tierStart.slice(0, tierCount);
  const tierMembers = new Int32Array(n);
  for (let i = 0; i < n; i++) tierMembers[fill[tierOf[i]!]!++] = i;
  return { tierOf, tierCount, tierStart, tierMembers, tierInstances };
}
