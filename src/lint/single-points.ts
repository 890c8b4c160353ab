/**
 * Single points of failure by graph analysis, not by kind.
 *
 * From each client, follow the synchronous flow links (the request path). The
 * client's targets are what its requests are for: blocks that hold data
 * (datastores, queues), and compute blocks that reach no such block (a service
 * that answers on its own). Block v cuts the client off from target t when
 * every path from the client to t passes through v: v dominates t. So the
 * candidates are the dominators of each target in the client's dominator tree,
 * the target included (losing the only copy of the data cuts the client off
 * from it just as well). A candidate is a single point of failure when its tier
 * has one instance in all and it is neither managed nor redundant by nature.
 * A shard (a data holder labelled "Shard 1", "Users partition 2") counts only
 * its own instances: the other shards of its tier hold other keys.
 *
 * Copies count: a target is lost only when every copy of it is (its copy
 * class: the same data in a replica set joined by `replication` links, or the
 * same stack, by kind and name, in a second region behind a global balancer
 * or DNS; never the other shards of a shard). The blocks that cut a client
 * off from a class are the dominators of all its reachable members: those of
 * their lowest common dominator.
 *
 * What this gets right without special cases: two parallel blocks of one tier
 * never dominate anything (each is a detour around the other) and count as two
 * instances; a cache beside the path (service → cache, service → db) dominates
 * nothing, since the service still reaches the db; a cache in the path
 * (service → cache → db) does.
 *
 * Cost: dominators by Cooper, Harvey and Kennedy's iterative algorithm ("A
 * Simple, Fast Dominance Algorithm"), near-linear on the mostly acyclic graphs
 * people draw, once per distinct set of client entry points (clients of one
 * tier share it), in typed arrays reused across clients.
 */
import { FLOW_SYNC, ROLE_BITS } from './bits';
import type { LintFacts } from './facts';

/** One single point of failure, with a client it cuts off and what from. */
export interface SinglePoint {
  /** The block whose loss cuts a client off. */
  block: number;
  /** A client it cuts off. */
  client: number;
  /** What that client can no longer reach (the block itself when it is the only copy of the data). */
  target: number;
}

const HOLDS_DATA = ROLE_BITS.datastore | ROLE_BITS.queue;

/** Finds the single points of failure of a board (see the module comment). */
export function findSinglePointsOfFailure(facts: LintFacts): SinglePoint[] {
  const n = facts.size;
  const { roles, outStart, outTarget, outFlags, inStart, inSource, inFlags, redundant } = facts;
  const { copyClassOf, copyInstances, spareInstances, tierOf } = facts;
  const reachesData = facts.reaching(HOLDS_DATA);

  const postNumber = new Int32Array(n);
  const idom = new Int32Array(n);
  const visited = new Int32Array(n); // run stamp
  const marked = new Int32Array(n); // run stamp: on a dominator chain already walked
  const rpo = new Int32Array(n);
  const stackNode = new Int32Array(n);
  const stackEdge = new Int32Array(n);
  const cutClient = new Int32Array(n).fill(-1);
  const cutTarget = new Int32Array(n).fill(-1);
  const clientTierDone = new Uint8Array(facts.tierCount);
  // Per copy class (indexed by its first block): run stamp, lowest common dominator, a target to name.
  const classStamp = new Int32Array(n);
  const classMeet = new Int32Array(n);
  const classTarget = new Int32Array(n);
  const classes = new Int32Array(n);
  let classCount = 0;
  let run = 0;

  const intersect = (a: number, b: number): number => {
    while (a !== b) {
      while (postNumber[a]! < postNumber[b]!) a = idom[a]!;
      while (postNumber[b]! < postNumber[a]!) b = idom[b]!;
    }
    return a;
  };

  for (const client of facts.clients) {
    // Clients of one tier have the same entry points, hence the same dominators.
    if (clientTierDone[tierOf[client]!]) continue;
    clientTierDone[tierOf[client]!] = 1;
    run++;

    // Depth-first over synchronous links: postorder numbers, then reverse postorder.
    let count = 0;
    let sp = 0;
    visited[client] = run;
    idom[client] = client;
    stackNode[sp] = client;
    stackEdge[sp++] = outStart[client]!;
    while (sp > 0) {
      const u = stackNode[sp - 1]!;
      const e = stackEdge[sp - 1]!;
      if (e < outStart[u + 1]!) {
        stackEdge[sp - 1] = e + 1;
        const v = outTarget[e]!;
        if (outFlags[e]! & FLOW_SYNC && visited[v] !== run) {
          visited[v] = run;
          idom[v] = -1;
          stackNode[sp] = v;
          stackEdge[sp++] = outStart[v]!;
        }
      } else {
        sp--;
        postNumber[u] = count;
        rpo[n - 1 - count] = u;
        count++;
      }
    }
    const first = n - count; // rpo[first] is the client

    // Iterate to the fixed point of immediate dominators.
    let changed = true;
    while (changed) {
      changed = false;
      for (let k = first + 1; k < n; k++) {
        const v = rpo[k]!;
        let next = -1;
        for (let j = inStart[v]!; j < inStart[v + 1]!; j++) {
          const p = inSource[j]!;
          if (!(inFlags[j]! & FLOW_SYNC) || visited[p] !== run || idom[p] === -1) continue;
          next = next === -1 ? p : intersect(p, next);
        }
        if (idom[v] !== next) {
          idom[v] = next;
          changed = true;
        }
      }
    }

    // A target is lost only when every copy of it is: the blocks that cut the client off from a
    // class of copies (the same data in a replica set, or the same stack in a second region) are
    // the dominators of all its reachable members, i.e. of their lowest common dominator.
    for (let k = first + 1; k < n; k++) {
      const target = rpo[k]!;
      const isTarget = roles[target]! & HOLDS_DATA || (roles[target]! & ROLE_BITS.compute && !reachesData[target]);
      if (!isTarget) continue;
      const c = copyClassOf[target]!;
      if (classStamp[c] !== run) {
        classStamp[c] = run;
        classMeet[c] = target;
        classTarget[c] = target;
        classes[classCount++] = c;
      } else classMeet[c] = intersect(classMeet[c]!, target);
    }
    // Walk up from each class's meeting point; a chain walked once in this run is not walked again.
    for (let q = 0; q < classCount; q++) {
      const c = classes[q]!;
      let u = classMeet[c]!;
      // The meeting point is a copy itself when it dominates the others (or is the only one
      // reached): it is lost alone only if the class has no other instance (a standby, a replica).
      if (copyClassOf[u] === c && copyInstances[u]! > 1) u = idom[u]!;
      for (; u !== client && u !== -1 && marked[u] !== run; u = idom[u]!) {
        marked[u] = run;
        if (
          cutClient[u] === -1 &&
          spareInstances[u] === 1 &&
          !redundant[u] &&
          !(roles[u]! & ROLE_BITS.client) &&
          !(copyClassOf[u] === c && copyInstances[u]! > 1)
        ) {
          cutClient[u] = client;
          cutTarget[u] = classTarget[c]!;
        }
      }
    }
    classCount = 0;
  }

  const points: SinglePoint[] = [];
  for (let i = 0; i < n; i++)
    if (cutClient[i] !== -1) points.push({ block: i, client: cutClient[i]!, target: cutTarget[i]! });
  return points;
}
