/**
 * The load model: how the estimate's peak traffic spreads over the drawing.
 *
 * 1. The clients start the peak reads and writes of the estimate, shared
 *    equally between the client blocks.
 * 2. Load flows along flow links in flow order (reverse postorder from the
 *    clients; a link that closes a cycle carries nothing, so every request is
 *    counted once).
 * 3. A block sends its whole load to each tier it links to (a service calls
 *    each of its dependencies), split between the blocks of that tier by
 *    instances. A balancer instead shares its load between the tiers behind
 *    it (each request goes to one of them): its reads between the tiers whose
 *    links carry reads, its writes between those whose links carry writes.
 * 4. A link whose label or protocol names reads only ("read replica",
 *    "read-through") carries only reads; one naming writes only, only writes.
 * 5. Caches absorb reads: a cache in the path passes on CACHE_HIT_RATIO less
 *    of its reads, a CDN CDN_HIT_RATIO less; a block that uses a cache beside
 *    its datastore (cache-aside) sends the datastore only its misses. Writes
 *    always go through.
 * 6. A queue passes on the average rate, not the peak: it buffers bursts, so
 *    its consumers need to keep up with the day, not the busiest minute.
 */
import { FLOW_READS, FLOW_SYNC, FLOW_WRITES, ROLE_BITS } from './bits';
import type { LintFacts } from './facts';

/** Share of reads a cache answers. The 80/20 rule: a small hot set takes most reads. */
export const CACHE_HIT_RATIO = 0.8;
/** Share of requests a CDN answers from its edges: static content is hotter still. */
export const CDN_HIT_RATIO = 0.9;

/** The load model's results, indexed by block. */
export interface LoadFacts {
  /** Peak reads a second reaching each block. */
  reads: Float64Array;
  /** Peak writes a second reaching each block. */
  writes: Float64Array;
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

const CACHE_LIKE = ROLE_BITS.cache | ROLE_BITS.cdn;
const DATASTORE = ROLE_BITS.datastore;

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

/** Spreads the estimate's peak load over the board (see the module comment). */
export function computeLoad(facts: LintFacts): LoadFacts {
  const n = facts.size;
  const { roles, instances, tierOf, tierInstances, outStart, outTarget, outFlags } = facts;
  const { order, rank, reached } = flowOrder(facts);
  const reads = new Float64Array(n);
  const writes = new Float64Array(n);
  const uncachedReads = new Uint8Array(n);
  const queueFed = new Uint8Array(n);
  const directFed = new Uint8Array(n);
  const clientCount = facts.clients.length;
  const peakFactor = facts.estimate.peakFactor;
  for (const client of facts.clients) {
    reads[client] = facts.estimate.peakReadQps / clientCount;
    writes[client] = facts.estimate.peakWriteQps / clientCount;
    uncachedReads[client] = 1;
  }
  const readTierSeen = new Int32Array(facts.tierCount).fill(-1);
  const writeTierSeen = new Int32Array(facts.tierCount).fill(-1);

  for (let k = 0; k < order.length; k++) {
    const u = order[k]!;
    const s = outStart[u]!;
    const e = outStart[u + 1]!;
    if (s === e) continue;
    const role = roles[u]!;
    const isCacheLike = (role & CACHE_LIKE) !== 0;
    const isQueue = (role & ROLE_BITS.queue) !== 0;
    const readPass = role & ROLE_BITS.cdn ? 1 - CDN_HIT_RATIO : role & ROLE_BITS.cache ? 1 - CACHE_HIT_RATIO : 1;
    const rateScale = isQueue ? 1 / peakFactor : 1;
    // Inputs come earlier in flow order, so u's own flags are final here.
    const passesAverage = isQueue || (queueFed[u] === 1 && directFed[u] === 0);
    let usesCacheAside = false;
    // A balancer sends each read to one of the tiers whose links carry reads,
    // and each write to one of those whose links carry writes.
    let readTiers = 0;
    let writeTiers = 0;
    for (let j = s; j < e; j++) {
      const v = outTarget[j]!;
      if (!isCacheLike && roles[v]! & ROLE_BITS.cache) usesCacheAside = true;
      const t = tierOf[v]!;
      if (outFlags[j]! & FLOW_READS && readTierSeen[t] !== u) {
        readTierSeen[t] = u;
        readTiers++;
      }
      if (outFlags[j]! & FLOW_WRITES && writeTierSeen[t] !== u) {
        writeTierSeen[t] = u;
        writeTiers++;
      }
    }
    const isBalancer = (role & ROLE_BITS.balancer) !== 0;
    const readShare = isBalancer && readTiers > 0 ? 1 / readTiers : 1;
    const writeShare = isBalancer && writeTiers > 0 ? 1 / writeTiers : 1;
    for (let j = s; j < e; j++) {
      const v = outTarget[j]!;
      if (rank[v]! <= k) continue; // closes a cycle
      const flags = outFlags[j]!;
      const missesOnly = usesCacheAside && (roles[v]! & DATASTORE) !== 0 && (roles[v]! & ROLE_BITS.cache) === 0;
      const share = instances[v]! / tierInstances[tierOf[v]!]!;
      let r = flags & FLOW_READS ? reads[u]! * readPass * readShare : 0;
      if (missesOnly) r *= 1 - CACHE_HIT_RATIO;
      const w = flags & FLOW_WRITES ? writes[u]! * writeShare : 0;
      reads[v]! += r * share * rateScale;
      writes[v]! += w * share * rateScale;
      if (passesAverage) queueFed[v] = 1;
      else directFed[v] = 1;
      // Reads someone waits for: synchronous, past no cache, not through a queue.
      if (uncachedReads[u] && flags & FLOW_SYNC && flags & FLOW_READS && !isCacheLike && !isQueue && !missesOnly)
        uncachedReads[v] = 1;
    }
  }
  const behindQueue = new Uint8Array(n);
  for (let i = 0; i < n; i++) behindQueue[i] = queueFed[i]! & (directFed[i]! ^ 1);
  return { reads, writes, uncachedReads, behindQueue, reached, order, rank };
}
