/**
 * Failure drills: "what if this component goes down?" The interviewer marks
 * blocks (or a region group: everything inside it) as failed; this says what
 * can no longer reach its data, which clients and functional requirements
 * lose service, and what survives because a copy takes over (a replica, a
 * standby, the same stack in a second region). Pure: the design is not
 * changed, the drill is an overlay.
 */
import { ROLE_BITS } from './bits';
import type { LintFacts } from './facts';

/** What a drill found. Ids in board order. */
export interface DrillResult {
  /** The failed blocks: those marked, and every block inside a marked group. */
  failed: string[];
  /** Blocks that could reach their data before and cannot now (failed blocks included): greyed out. */
  cut: string[];
  /** Clients that lose all service, and those that lose part of it. */
  clientsDown: string[];
  clientsDegraded: string[];
  /** Functional requirements that lose service (text as written). */
  requirementsLost: string[];
  /** Failed blocks whose copy takes over, and the copies that do. */
  survivors: { failed: string; takenOverBy: string[] }[];
}

const HOLDS_DATA = ROLE_BITS.datastore | ROLE_BITS.queue;

/** Blocks reached from block `from` over synchronous flow links, avoiding `down`. */
function reachFrom(facts: LintFacts, from: number, down: Uint8Array, seen: Uint8Array): void {
  const stack = [from];
  seen[from] = 1;
  while (stack.length > 0) {
    const u = stack.pop()!;
    for (let j = facts.outStart[u]!; j < facts.outStart[u + 1]!; j++) {
      const v = facts.outTarget[j]!;
      if (seen[v] || down[v]) continue;
      seen[v] = 1;
      stack.push(v);
    }
  }
}

/** Blocks from which a live data holder can be reached (itself included), avoiding `down`. */
function reachingData(facts: LintFacts, down: Uint8Array): Uint8Array {
  const n = facts.size;
  const reaches = new Uint8Array(n);
  const queue: number[] = [];
  for (let i = 0; i < n; i++)
    if (!down[i] && facts.roles[i]! & HOLDS_DATA) {
      reaches[i] = 1;
      queue.push(i);
    }
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (let j = facts.inStart[v]!; j < facts.inStart[v + 1]!; j++) {
      const u = facts.inSource[j]!;
      if (!reaches[u] && !down[u]) {
        reaches[u] = 1;
        queue.push(u);
      }
    }
  }
  return reaches;
}

/** Words of four letters or more, cut to five: "shorten", "shortener" and "shortened" meet as "short". */
function stems(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.toLowerCase().match(/[a-z]{4,}/g) ?? []) out.add(word.slice(0, 5));
  return out;
}

/** Runs a drill: `failedIds` are block ids (a group fails with everything inside it). */
export function runDrill(facts: LintFacts, failedIds: readonly string[]): DrillResult {
  const n = facts.size;
  const down = new Uint8Array(n);
  const marked = new Set(failedIds);
  for (let i = 0; i < n; i++) {
    // A block fails when it or any group around it is marked.
    let b: string | undefined = facts.id(i);
    for (let depth = 0; b !== undefined && depth < 32; depth++) {
      if (marked.has(b)) {
        down[i] = 1;
        break;
      }
      const k = facts.indexById.get(b);
      b = k === undefined ? undefined : facts.block(k).parent;
    }
  }
  const none = new Uint8Array(n);
  const dataBefore = reachingData(facts, none);
  const dataNow = reachingData(facts, down);
  const reachedBefore = new Uint8Array(n);
  const reachedNow = new Uint8Array(n);
  const clientsDown: string[] = [];
  const clientsDegraded: string[] = [];
  for (const c of facts.clients) {
    const before = new Uint8Array(n);
    const now = new Uint8Array(n);
    reachFrom(facts, c, none, before);
    if (!down[c]) reachFrom(facts, c, down, now);
    // The copy classes of data this client reached before, and whether it still reaches one member of each.
    const classesBefore = new Set<number>();
    const classesNow = new Set<number>();
    for (let i = 0; i < n; i++) {
      if (before[i]) reachedBefore[i] = 1;
      if (now[i]) reachedNow[i] = 1;
      if (!(facts.roles[i]! & HOLDS_DATA)) continue;
      if (before[i]) classesBefore.add(facts.copyClassOf[i]!);
      if (now[i]) classesNow.add(facts.copyClassOf[i]!);
    }
    let lost = 0;
    for (const k of classesBefore) if (!classesNow.has(k)) lost++;
    if (classesBefore.size > 0 && lost === classesBefore.size) clientsDown.push(facts.id(c));
    else if (lost > 0) clientsDegraded.push(facts.id(c));
  }
  const cutFlags = new Uint8Array(n);
  const cut: string[] = [];
  const failed: string[] = [];
  for (let i = 0; i < n; i++) {
    if (facts.has(i, 'frame')) continue;
    if (down[i]) failed.push(facts.id(i));
    const lostReach = reachedBefore[i] === 1 && reachedNow[i] === 0;
    const lostData = dataBefore[i] === 1 && dataNow[i] === 0 && !facts.has(i, 'client');
    if (down[i] || ((lostReach || lostData) && reachedBefore[i])) {
      cutFlags[i] = 1;
      cut.push(facts.id(i));
    }
  }
  // A failed block survives through the live, still reached members of its copy class.
  const survivors: DrillResult['survivors'] = [];
  for (let i = 0; i < n; i++) {
    if (!down[i] || facts.has(i, 'frame')) continue;
    const takenOverBy: string[] = [];
    for (let k = 0; k < n; k++)
      if (k !== i && !down[k] && facts.copyClassOf[k] === facts.copyClassOf[i] && (reachedNow[k] || dataNow[k]))
        takenOverBy.push(facts.id(k));
    if (takenOverBy.length > 0) survivors.push({ failed: facts.id(i), takenOverBy });
  }
  // A requirement is tied to the blocks named by its most specific word (the one the fewest
  // blocks share: "search" over "tweets" in "Search tweets"); one tied to none rests on every client.
  const requirementsLost: string[] = [];
  const allDown = facts.clients.length > 0 && clientsDown.length === facts.clients.length;
  const blocksByStem = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    if (facts.has(i, 'frame') || facts.has(i, 'annotation') || facts.has(i, 'client')) continue;
    const block = facts.block(i);
    for (const w of stems(`${block.label ?? ''} ${block.tech ?? ''}`)) {
      const list = blocksByStem.get(w);
      if (list) list.push(i);
      else blocksByStem.set(w, [i]);
    }
  }
  for (const text of facts.requirements.functional ?? []) {
    let tied: number[] | undefined;
    for (const w of stems(text)) {
      const list = blocksByStem.get(w);
      if (list && (!tied || list.length < tied.length)) tied = list;
    }
    const lost = tied ? tied.every((i) => cutFlags[i]) : allDown;
    if (lost) requirementsLost.push(text);
  }
  return { failed, cut, clientsDown, clientsDegraded, requirementsLost, survivors };
}
