/**
 * The traffic model's figures for people and programs: the `traffic` object
 * of `archboard lint --json`, the overlay's per-link and per-block figures
 * with utilisation, and the path behind a block's load in words ("382 = 347
 * from API + 34.7 misses past CDN").
 */
import type { Board } from '../board/types';
import { estimate as estimateRequirements, type Estimate } from '../estimate/estimate';
import { formatCount } from '../estimate/units';
import { LintFacts } from './facts';
import { VIA_EVENTS, VIA_MISSES, VIA_QUEUE } from './load';
import { listNames } from './rule';

/** Peak reads and writes a second arriving at one block (or carried by one link). */
export interface Traffic {
  readQps: number;
  writeQps: number;
}

/** Figures in the JSON output and the overlay: two decimals, so that both print the same. */
export function roundQps(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The `traffic` object of `archboard lint --json`: every block traffic reaches, by id. */
export function trafficByBlock(facts: LintFacts): Record<string, Traffic> {
  const { reads, writes, reached } = facts.load;
  const out: Record<string, Traffic> = {};
  for (let i = 0; i < facts.size; i++)
    if (reached[i]) out[facts.id(i)] = { readQps: roundQps(reads[i]!), writeQps: roundQps(writes[i]!) };
  return out;
}

/** One block in the overlay: its traffic and how busy it is. */
export interface BlockTraffic extends Traffic {
  /** Load ÷ (instances × per-instance capacity); null where no capacity applies. */
  utilisation: number | null;
}

/** What the overlay draws: per block and per link, under a what-if multiplier of the scale. */
export interface TrafficReport {
  multiplier: number;
  blocks: Record<string, BlockTraffic>;
  links: Record<string, Traffic>;
}

/** An estimate whose peak traffic is `multiplier` times the requirements' (the what-if control). */
export function scaledEstimate(e: Estimate, multiplier: number): Estimate {
  if (multiplier === 1) return e;
  return { ...e, peakReadQps: e.peakReadQps * multiplier, peakWriteQps: e.peakWriteQps * multiplier };
}

/**
 * The overlay's figures: the traffic reaching each block and carried by each
 * link, and each block's utilisation, with the scale multiplied (what-if)
 * without touching the requirements.
 */
export function trafficReport(board: Board, options: { multiplier?: number; estimate?: Estimate } = {}): TrafficReport {
  const multiplier = options.multiplier ?? 1;
  const e = scaledEstimate(options.estimate ?? estimateRequirements(board.requirements), multiplier);
  const facts = new LintFacts(board, e);
  const { reads, writes, reached, linkReads, linkWrites } = facts.load;
  const blocks: Record<string, BlockTraffic> = {};
  for (let i = 0; i < facts.size; i++) {
    if (!reached[i]) continue;
    const capacity = facts.capacityOf(i);
    const load = reads[i]! + writes[i]!;
    blocks[facts.id(i)] = {
      readQps: roundQps(reads[i]!),
      writeQps: roundQps(writes[i]!),
      utilisation: capacity === null ? null : load / (facts.instances[i]! * capacity),
    };
  }
  const links: Record<string, Traffic> = {};
  board.links.forEach((link, l) => {
    if (linkReads[l]! > 0 || linkWrites[l]! > 0)
      links[link.id] = { readQps: roundQps(linkReads[l]!), writeQps: roundQps(linkWrites[l]!) };
  });
  return { multiplier, blocks, links };
}

/**
 * Where the reads (or writes) reaching some blocks come from, as "347 from
 * API + 34.7 misses past CDN". For a block of a replica set, what reached the
 * whole set, and the block's share of it.
 */
export function loadPath(facts: LintFacts, members: ArrayLike<number>, side: 'reads' | 'writes'): string {
  const { linkReads, linkWrites, linkVia, pooled } = facts.load;
  const amounts = side === 'reads' ? linkReads : linkWrites;
  const sources = new Set<number>();
  let poolOf: number[] | undefined;
  for (let k = 0; k < members.length; k++) {
    const m = members[k]!;
    if (pooled[m]) {
      const root = facts.replicaSetOf[m]!;
      poolOf ??= [];
      for (let i = 0; i < facts.size; i++) if (facts.replicaSetOf[i] === root && !sources.has(i)) poolOf.push(i);
      for (const i of poolOf) sources.add(i);
    } else sources.add(m);
  }
  const parts = new Map<string, number>();
  for (const d of sources) {
    for (let j = facts.inStart[d]!; j < facts.inStart[d + 1]!; j++) {
      const link = facts.inLink[j]!;
      const amount = amounts[link]!;
      if (!(amount > 0)) continue;
      const u = facts.inSource[j]!;
      const name = facts.nameOf(u);
      const fanOut = facts.fanOutOf(link);
      // Misses are of reads: the writes beside them went straight through.
      const via = side === 'writes' && linkVia[link] === VIA_MISSES ? 0 : linkVia[link]!;
      let text: string;
      if (via === VIA_MISSES)
        text = facts.has(u, 'cache') || facts.has(u, 'cdn') ? `misses past ${name}` : `cache misses from ${name}`;
      else if (via === VIA_QUEUE) text = `events from ${name} (the day's average)`;
      else if (via === VIA_EVENTS) text = `events from ${name}`;
      else text = `from ${name}`;
      if (fanOut !== 1) text += ` (× ${formatCount(fanOut)} fan-out)`;
      parts.set(text, (parts.get(text) ?? 0) + amount);
    }
  }
  const path = [...parts]
    .sort((a, b) => b[1] - a[1])
    .map(([text, amount]) => `${formatCount(amount)} ${text}`)
    .join(' + ');
  if (!poolOf) return path;
  const names = listNames(poolOf.map((i) => facts.nameOf(i)));
  const rule = side === 'reads' ? 'shared by the members that serve reads' : 'taken by the primary';
  return `its share of ${path || '0'} reaching the replica set ${names} (${rule})`;
}

/**
 * The path behind each side of the load reaching some blocks, as the sentence
 * every capacity message ends with: "Reads 191 = 174 from Client + 17.4 misses
 * past CDN; writes 34.7 = 34.7 from Client". Empty when no load reaches them.
 */
export function explainLoad(facts: LintFacts, members: ArrayLike<number>): string {
  const { reads, writes } = facts.load;
  let readLoad = 0;
  let writeLoad = 0;
  for (let k = 0; k < members.length; k++) {
    readLoad += reads[members[k]!]!;
    writeLoad += writes[members[k]!]!;
  }
  const paths: string[] = [];
  if (readLoad > 0) paths.push(`reads ${formatCount(readLoad)} = ${loadPath(facts, members, 'reads')}`);
  if (writeLoad > 0) paths.push(`writes ${formatCount(writeLoad)} = ${loadPath(facts, members, 'writes')}`);
  const text = paths.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
