/**
 * The traffic model: how the estimate's peak traffic spreads over the drawing,
 * so that a reader can check every figure by hand.
 *
 * 1. Each request is counted once, from the client that makes it: the clients
 *    start the estimate's peak reads and writes, shared equally between the
 *    client blocks.
 * 2. Traffic flows along flow links in flow order (reverse postorder from the
 *    clients; a link that closes a cycle carries nothing).
 * 3. A client sends each request to one entry point, by what it serves: a
 *    CDN takes its read share (`staticReadShare`, 0.5: static assets and
 *    media) and no writes, the other entry points (balancer, gateway, service)
 *    share the rest of the reads and all the writes equally. A client that
 *    links only to a CDN sends it everything. A DNS that routes nowhere is a
 *    lookup, not a request path: it gets nothing.
 * 4. A router (balancer, gateway, DNS, CDN) sends each request to one of the
 *    tiers behind it: its reads are shared between the tiers whose links carry
 *    reads, its writes between those whose links carry writes. Any other block
 *    calls each of its dependencies: its whole load goes to each tier it links
 *    to. Within a tier, blocks share by instances.
 * 5. A link whose label or protocol names reads only ("read replica") carries
 *    only reads; one naming writes only, only writes.
 * 6. Caches and CDNs absorb their hit ratio of reads (cache 0.8, CDN 0.9, or a
 *    block's `hitRatio`) and nothing of writes. A cache shields only the
 *    stores it is in front of: those it links to (service → cache → db), or,
 *    when it links to no store (cache-aside: service → cache and service →
 *    db), the caller's databases of record and the stores whose link says it
 *    takes the misses ("results on a miss"). A store the cache links to gets
 *    the misses over that link, so the caller's own link to it carries only
 *    writes, and the cache none of the caller's writes (write-around: each
 *    write is counted once, on the direct link); a database beside a
 *    cache-aside cache gets only the misses from its caller. Other stores the caller queries (a search index, object
 *    storage) are not behind the cache and get all its reads.
 * 7. Async links (marked, or of an async protocol such as `event`) and links
 *    out of a queue carry events, never reads: the writes reaching their source
 *    times the link's `fanOut` (1 unless stated). An event arrives as a write.
 *    A queue passes on the average rate (peak ÷ peak factor) to each consumer
 *    tier: it buffers bursts, so its consumers keep up with the day.
 * 8. Replica sets (blocks of one kind joined by `replication` links) pool what
 *    reaches any of them: reads are shared by the members that serve reads
 *    (primary and read replicas, by instances; a standby serves none), writes
 *    go to the primaries (the members no replication link points to).
 *
 * Every figure is kept per link as well, with how it got there, so each
 * capacity message can state its path (`explainLoad`).
 */
import { FLOW_READS, FLOW_SYNC, FLOW_WRITES, ROLE_BITS } from './bits';
import type { LintFacts } from './facts';

/** How the traffic on a link came to be: what a message says of it. */
export const VIA_DIRECT = 0;
/** Reads that missed a cache or CDN on the way (in the path, or beside it). */
export const VIA_MISSES = 1;
/** Events that writes produced, along an async link. */
export const VIA_EVENTS = 2;
/** Events a queue passes on at the average rate. */
export const VIA_QUEUE = 3;

/** The traffic model's results, indexed by block (and by link for what each link carries). */
export interface LoadFacts {
  /** Peak reads a second reaching each block. */
  reads: Float64Array;
  /** Peak writes (and events) a second reaching each block. */
  writes: Float64Array;
  /** Reads a second each link carries, by index in `board.links` (0 for links outside the flow). */
  linkReads: Float64Array;
  /** Writes (and events) a second each link carries. */
  linkWrites: Float64Array;
  /** How each link's traffic came to be: VIA_DIRECT, VIA_MISSES, VIA_EVENTS or VIA_QUEUE. */
  linkVia: Uint8Array;
  /** 1 where a replica set pooled the block's traffic (its figures are its share of the set's). */
  pooled: Uint8Array;
  /** 1 where reads that passed no cache arrive over synchronous links. */
  uncachedReads: Uint8Array;
  /** 1 where all the load comes through a queue (an average rate, not a peak). */
  behindQueue: Uint8Array;
  /** 1 for blocks that requests from the clients reach over flow links. */
  reached: Uint8Array;
  /** The reached blocks in flow order: every block before the blocks it calls (cycles aside). */
  order: Int32Array;
  /** Position of each block in `order`, -1 when not reached. */
  rank: Int32Array;
}

// Role bits as plain constants: the hot loops below read them for every link.
const CACHE_LIKE = ROLE_BITS.cache | ROLE_BITS.cdn;
const ROUTER = ROLE_BITS.balancer | ROLE_BITS.dns | ROLE_BITS.cdn;
const CACHE = ROLE_BITS.cache;
const CDN = ROLE_BITS.cdn;
const CLIENT = ROLE_BITS.client;
const QUEUE = ROLE_BITS.queue;
const DNS = ROLE_BITS.dns;
const DATASTORE = ROLE_BITS.datastore;
const STORE = DATASTORE | CACHE;
/** Caches one block calls that the model tells apart; more beside one block is not a drawing people make. */
const MAX_CALLED_CACHES = 8;

/** Reverse postorder of the flow graph from every client. */
function flowOrder(facts: LintFacts): { order: Int32Array; rank: Int32Array; reached: Uint8Array } {
  const n = facts.size;
  const { outStart, outTarget } = facts;
  const reached = new Uint8Array(n);
  const post = new Int32Array(n);
  const stackNode = new Int32Array(n);
  const stackEdge = new Int32Array(n);
  let postCount = 0;
  for (const client of facts.clients) {
    if (reached[client]) continue;
    reached[client] = 1;
    let sp = 0;
    stackNode[sp] = client;
    stackEdge[sp++] = outStart[client]!;
    while (sp > 0) {
      const u = stackNode[sp - 1]!;
      const e = stackEdge[sp - 1]!;
      if (e < outStart[u + 1]!) {
        stackEdge[sp - 1] = e + 1;
        const v = outTarget[e]!;
        if (!reached[v]) {
          reached[v] = 1;
          stackNode[sp] = v;
          stackEdge[sp++] = outStart[v]!;
        }
      } else {
        sp--;
        post[postCount++] = u;
      }
    }
  }
  const order = new Int32Array(postCount);
  const rank = new Int32Array(n).fill(-1);
  for (let k = 0; k < postCount; k++) {
    const v = post[postCount - 1 - k]!;
    order[k] = v;
    rank[v] = k;
  }
  return { order, rank, reached };
}

/** Spreads the estimate's peak traffic over the board (see the module comment). */
export function computeLoad(facts: LintFacts): LoadFacts {
  const n = facts.size;
  const { roles, instances, tierOf, tierInstances, outStart, outTarget, outFlags, outLink } = facts;
  const { order, rank, reached } = flowOrder(facts);
  const reads = new Float64Array(n);
  const writes = new Float64Array(n);
  const linkCount = facts.board.links.length;
  const linkReads = new Float64Array(linkCount);
  const linkWrites = new Float64Array(linkCount);
  const linkVia = new Uint8Array(linkCount);
  const uncachedReads = new Uint8Array(n);
  const queueFed = new Uint8Array(n);
  const directFed = new Uint8Array(n);
  const clientCount = facts.clients.length;
  const peakFactor = facts.estimate.peakFactor > 0 ? facts.estimate.peakFactor : 1;
  for (const client of facts.clients) {
    reads[client] = facts.estimate.peakReadQps / clientCount;
    writes[client] = facts.estimate.peakWriteQps / clientCount;
    uncachedReads[client] = 1;
  }
  // Stamps: the tiers counted for block u, so each is counted once however many links reach it.
  const readTierSeen = new Int32Array(facts.tierCount).fill(-1);
  const writeTierSeen = new Int32Array(facts.tierCount).fill(-1);
  // Per replica set (by its first block): how many of u's tiers lie in it. Each read goes to one
  // copy, each write to the primary: u's load reaches the set once, however many members it links to.
  const { replicaSetOf } = facts;
  const setStamp = new Int32Array(n).fill(-1);
  const setReadTiers = new Int32Array(n);
  const setWriteTiers = new Int32Array(n);
  const calledCaches = new Int32Array(MAX_CALLED_CACHES);

  for (let k = 0; k < order.length; k++) {
    const u = order[k]!;
    const s = outStart[u]!;
    const e = outStart[u + 1]!;
    if (s === e) continue;
    const role = roles[u]!;
    const isCacheLike = (role & CACHE_LIKE) !== 0;
    const isQueue = (role & QUEUE) !== 0;
    const isClient = (role & CLIENT) !== 0;
    const isRouter = !isClient && (role & ROUTER) !== 0;
    const readOut = reads[u]! * (1 - facts.hitRatioOf(u));
    // Inputs come earlier in flow order, so u's own flags are final here.
    const passesAverage = isQueue || (queueFed[u] === 1 && directFed[u] === 0);

    // Count the tiers u's synchronous links lead to: entry points (clients), routes (routers); note the caches it calls.
    let cachesCalled = 0;
    let readTiers = 0;
    let writeTiers = 0;
    let staticReadTiers = 0;
    let staticWriteTiers = 0;
    let staticShare = 0;
    for (let j = s; j < e; j++) {
      const flags = outFlags[j]!;
      if (!(flags & FLOW_SYNC)) continue;
      const v = outTarget[j]!;
      if (!isCacheLike && roles[v]! & CACHE && cachesCalled < calledCaches.length) calledCaches[cachesCalled++] = v;
      if (isClient && isLookupOnly(facts, v)) continue;
      const t = tierOf[v]!;
      const toStatic = isClient && (roles[v]! & CDN) !== 0;
      const set = replicaSetOf[v]!;
      if (setStamp[set] !== u) {
        setStamp[set] = u;
        setReadTiers[set] = 0;
        setWriteTiers[set] = 0;
      }
      if (flags & FLOW_READS && readTierSeen[t] !== u) setReadTiers[set]!++;
      if (flags & FLOW_WRITES && writeTierSeen[t] !== u) setWriteTiers[set]!++;
      if (flags & FLOW_READS && readTierSeen[t] !== u) {
        readTierSeen[t] = u;
        if (toStatic) {
          if (staticReadTiers === 0) staticShare = facts.readShareOf(v);
          staticReadTiers++;
        } else readTiers++;
      }
      if (flags & FLOW_WRITES && writeTierSeen[t] !== u) {
        writeTierSeen[t] = u;
        if (toStatic) staticWriteTiers++;
        else writeTiers++;
      }
    }

    for (let j = s; j < e; j++) {
      const v = outTarget[j]!;
      if (rank[v]! <= k) continue; // closes a cycle
      const flags = outFlags[j]!;
      const link = outLink[j]!;
      const share = instances[v]! / tierInstances[tierOf[v]!]!;
      let r = 0;
      let w = 0;
      let via = VIA_DIRECT;
      if (!(flags & FLOW_SYNC)) {
        // Events: the writes that produce them, times the link's fan-out; a queue passes the average.
        w = writes[u]! * facts.fanOutOf(link) * (isQueue ? 1 / peakFactor : 1);
        via = isQueue ? VIA_QUEUE : VIA_EVENTS;
      } else {
        let readShare = 1;
        let writeShare = 1;
        if (isClient) {
          if (isLookupOnly(facts, v)) {
            readShare = 0;
            writeShare = 0;
          } else if (roles[v]! & CDN) {
            readShare = readTiers > 0 ? staticShare / staticReadTiers : 1 / staticReadTiers;
            writeShare = writeTiers > 0 ? 0 : 1 / staticWriteTiers;
          } else {
            readShare = (staticReadTiers > 0 ? 1 - staticShare : 1) / readTiers;
            writeShare = 1 / writeTiers;
          }
        } else if (isRouter) {
          readShare = readTiers > 0 ? 1 / readTiers : 0;
          writeShare = writeTiers > 0 ? 1 / writeTiers : 0;
        } else {
          const set = replicaSetOf[v]!;
          if (setReadTiers[set]! > 1) readShare = 1 / setReadTiers[set]!;
          if (setWriteTiers[set]! > 1) writeShare = 1 / setWriteTiers[set]!;
        }
        // Point 6: the cache u calls that shields v, in front of it (it links to v) or beside it.
        let shield = -1;
        let inFront = false;
        if (cachesCalled > 0 && (roles[v]! & STORE) === DATASTORE) {
          for (let c = 0; c < cachesCalled && !inFront; c++) {
            const cache = calledCaches[c]!;
            if (hasFlowLink(facts, cache, v)) {
              shield = cache;
              inFront = true;
            } else if (shield < 0 && !frontsAStore(facts, cache) && (facts.isDatabase(v) || saysMisses(facts, link)))
              shield = cache;
          }
        }
        const missesOnly = shield >= 0 && !inFront;
        if (flags & FLOW_READS && !inFront)
          r = (missesOnly ? reads[u]! * (1 - facts.hitRatioOf(shield)) : readOut) * readShare;
        // Write-around: u writes the store behind the cache itself, so the cache passes none of u's writes on.
        const writesAround = !isCacheLike && (roles[v]! & CACHE) !== 0 && writesAroundCache(facts, u, v);
        if (flags & FLOW_WRITES && !writesAround) w = writes[u]! * writeShare * facts.fanOutOf(link);
        if (isCacheLike || missesOnly) via = VIA_MISSES;
        // Reads someone waits for: synchronous, past no cache, not through a queue.
        if (uncachedReads[u] && flags & FLOW_READS && !isCacheLike && !isQueue && !missesOnly && r > 0)
          uncachedReads[v] = 1;
      }
      if (!Number.isFinite(r)) r = 0;
      if (!Number.isFinite(w)) w = 0;
      linkReads[link] = r * share;
      linkWrites[link] = w * share;
      linkVia[link] = via;
      reads[v]! += r * share;
      writes[v]! += w * share;
      if (passesAverage) queueFed[v] = 1;
      else directFed[v] = 1;
    }
  }
  const pooled = poolReplicaSets(facts, reads, writes, reached);
  const behindQueue = new Uint8Array(n);
  for (let i = 0; i < n; i++) behindQueue[i] = queueFed[i]! & (directFed[i]! ^ 1);
  return {
    reads,
    writes,
    linkReads,
    linkWrites,
    linkVia,
    pooled,
    uncachedReads,
    behindQueue,
    reached,
    order,
    rank,
  };
}

/** A link labelled as taking a cache's misses ("reads: results on a miss"). */
const MISS_WORD = /\bmiss/i;

function saysMisses(facts: LintFacts, link: number): boolean {
  const label = facts.board.links[link]!.label;
  return label !== undefined && MISS_WORD.test(label);
}

/** Whether a flow link runs from block `from` to block `to`. */
function hasFlowLink(facts: LintFacts, from: number, to: number): boolean {
  for (let j = facts.outStart[from]!; j < facts.outStart[from + 1]!; j++) if (facts.outTarget[j] === to) return true;
  return false;
}

/** Whether a cache links to a store of its own (read-through): then it shields that store only. */
function frontsAStore(facts: LintFacts, cache: number): boolean {
  for (let j = facts.outStart[cache]!; j < facts.outStart[cache + 1]!; j++)
    if ((facts.roles[facts.outTarget[j]!]! & STORE) === DATASTORE) return true;
  return false;
}

/** Whether block u links to a store that the cache it calls is in front of: u writes that store itself. */
function writesAroundCache(facts: LintFacts, u: number, cache: number): boolean {
  for (let j = facts.outStart[cache]!; j < facts.outStart[cache + 1]!; j++) {
    const store = facts.outTarget[j]!;
    if ((facts.roles[store]! & STORE) === DATASTORE && hasFlowLink(facts, u, store)) return true;
  }
  return false;
}

/** A DNS that routes nowhere answers lookups, which clients cache: not a path for requests. */
function isLookupOnly(facts: LintFacts, v: number): boolean {
  return (facts.roles[v]! & DNS) !== 0 && facts.outStart[v] === facts.outStart[v + 1];
}

/** Point 8: what reaches a replica set is shared by its members (reads) and its primaries (writes). */
function poolReplicaSets(facts: LintFacts, reads: Float64Array, writes: Float64Array, reached: Uint8Array): Uint8Array {
  const n = facts.size;
  const { replicaSetOf, isCopy, isStandby, instances } = facts;
  const pooled = new Uint8Array(n);
  const setReads = new Float64Array(n);
  const setWrites = new Float64Array(n);
  const readInstances = new Float64Array(n);
  const writeInstances = new Float64Array(n);
  const members = new Int32Array(n);
  const reachedSet = new Uint8Array(n);
  let any = false;
  for (let i = 0; i < n; i++) {
    const root = replicaSetOf[i]!;
    members[root]!++;
    if (root !== i) any = true;
  }
  if (!any) return pooled;
  for (let i = 0; i < n; i++) {
    const root = replicaSetOf[i]!;
    if (members[root]! < 2) continue;
    setReads[root]! += reads[i]!;
    setWrites[root]! += writes[i]!;
    if (reached[i]) reachedSet[root] = 1;
    if (!isStandby[i]) readInstances[root]! += instances[i]!;
    if (!isCopy[i]) writeInstances[root]! += instances[i]!;
  }
  for (let i = 0; i < n; i++) {
    const root = replicaSetOf[i]!;
    if (members[root]! < 2 || !reachedSet[root]) continue;
    // A set with no primary (copies in a ring) or only standbys spreads over all members.
    const readsHere = readInstances[root]! > 0 ? (isStandby[i] ? 0 : instances[i]! / readInstances[root]!) : 0;
    const writesHere = writeInstances[root]! > 0 ? (isCopy[i] ? 0 : instances[i]! / writeInstances[root]!) : 0;
    reads[i] = setReads[root]! * readsHere;
    writes[i] = setWrites[root]! * writesHere;
    reached[i] = 1;
    pooled[i] = 1;
  }
  return pooled;
}
