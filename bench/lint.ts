/**
 * Lint speed on generated boards of 100, 1,000 and 10,000 blocks. The app
 * re-lints on every change, so the aim is 1,000 blocks under 5 ms and growth
 * close to linear. A structuredClone of the same board, timed in the same run,
 * is the reference that makes figures comparable across machines.
 */
import { performance } from 'node:perf_hooks';
import type { Block, Board, Link } from '../src/board/types';
import { LintFacts } from '../src/lint/facts';
import { lint } from '../src/lint/lint';
import { median, quantile } from './machine';
import type { BenchSuite } from './run';

const SIZES = [100, 1_000, 10_000];

/**
 * A board shaped like a large real design: regions, each with its web and
 * mobile clients, DNS, an API gateway, a realtime gateway and analytics, in
 * front of four cells; a cell is a group holding a load balancer, two parallel
 * API blocks, an internal service, a cache, SQL and NoSQL databases, a search
 * index, a queue with two workers, object storage behind a CDN, and a note.
 * Calls cross cells within a region. Some cells carry the usual flaws: a
 * single-instance service, an idle block, an under-sized database.
 */
export function generateBoard(blockCount: number): Board {
  const blocks: Block[] = [];
  const links: Link[] = [];
  let linkCount = 0;
  const add = (block: Block) => blocks.push(block);
  const link = (from: string, to: string, extra: Partial<Link> = {}) =>
    links.push({ id: `l${++linkCount}`, from, to, ...extra });

  let regions = 0;
  for (let region = 0; blocks.length < blockCount; region++, regions++) {
    const r = `r${region}`;
    const top = region * 900;
    add({ id: `${r}-web`, kind: 'client', label: 'Web', x: 0, y: top });
    add({ id: `${r}-mobile`, kind: 'client', label: 'Mobile', x: 200, y: top });
    add({ id: `${r}-dns`, kind: 'dns', x: 400, y: top });
    add({ id: `${r}-gw`, kind: 'api-gateway', replicas: 3, x: 100, y: top + 120 });
    add({ id: `${r}-ws`, kind: 'realtime-gateway', replicas: 4, x: 300, y: top + 120 });
    add({ id: `${r}-an`, kind: 'analytics', replicas: 2, x: 500, y: top + 120 });
    for (const client of [`${r}-web`, `${r}-mobile`]) {
      link(client, `${r}-dns`, { protocol: 'query' });
      link(client, `${r}-gw`, { protocol: 'http' });
      link(client, `${r}-ws`, { protocol: 'websocket' });
    }
    for (let k = 0; k < 4; k++) {
      const c = `${r}c${k}`;
      const cell = region * 4 + k;
      const left = k * 700;
      const at = (dx: number, dy: number) => ({ x: dx, y: dy, parent: c });
      add({ id: c, kind: 'group', label: `Cell ${cell}`, x: left, y: top + 260, width: 660, height: 600 });
      add({ id: `${c}-lb`, kind: 'load-balancer', managed: true, ...at(260, 20) });
      add({ id: `${c}-api1`, kind: 'service', label: 'API 1', replicas: 3, ...at(160, 140) });
      add({ id: `${c}-api2`, kind: 'service', label: 'API 2', replicas: 3, ...at(360, 140) });
      // Every seventh cell runs its internal service on one instance: a single point of failure.
      add({ id: `${c}-svc`, kind: 'service', label: 'Internal', replicas: cell % 7 === 3 ? 1 : 4, ...at(260, 260) });
      add({ id: `${c}-cache`, kind: 'cache', replicas: 3, ...at(40, 260) });
      // Every thirteenth cell has a database far too small for its load.
      add({ id: `${c}-sql`, kind: 'sql-db', replicas: 2, capacityQps: cell % 13 === 5 ? 50 : 20_000, ...at(120, 380) });
      add({ id: `${c}-nosql`, kind: 'nosql-db', replicas: 3, ...at(300, 380) });
      add({ id: `${c}-search`, kind: 'search', replicas: 2, ...at(480, 260) });
      add({ id: `${c}-q`, kind: 'queue', replicas: 3, ...at(480, 380) });
      add({ id: `${c}-w1`, kind: 'worker', replicas: 2, ...at(420, 500) });
      add({ id: `${c}-w2`, kind: 'worker', replicas: 2, ...at(560, 500) });
      add({ id: `${c}-cdn`, kind: 'cdn', ...at(40, 20) });
      add({ id: `${c}-s3`, kind: 'object-storage', ...at(40, 500) });
      add({ id: `${c}-note`, kind: 'note', label: 'Shard by user id', ...at(560, 20) });
      // Every eleventh cell has a block someone forgot to wire.
      if (cell % 11 === 7) add({ id: `${c}-idle`, kind: 'cache', ...at(600, 260) });

      link(`${r}-gw`, `${c}-lb`, { protocol: 'http' });
      link(`${r}-ws`, `${c}-lb`, { protocol: 'http' });
      link(`${r}-web`, `${c}-cdn`, { protocol: 'http' });
      link(`${c}-cdn`, `${c}-s3`, { protocol: 'http' });
      for (const api of [`${c}-api1`, `${c}-api2`]) {
        link(`${c}-lb`, api, { protocol: 'http' });
        link(api, `${c}-cache`, { protocol: 'query', label: 'read-through' });
        link(api, `${c}-sql`, { protocol: 'query' });
        link(api, `${c}-svc`, { protocol: 'grpc' });
        link(api, `${c}-search`, { protocol: 'query' });
        link(api, `${c}-q`, { protocol: 'event', async: true });
        link(api, `${c}-s3`, { protocol: 'http' });
      }
      link(`${c}-svc`, `${c}-nosql`, { protocol: 'query' });
      // Every fifth internal service reads its database with no cache.
      if (cell % 5 !== 2) link(`${c}-svc`, `${c}-cache`, { protocol: 'query' });
      link(`${c}-q`, `${c}-w1`, { protocol: 'event' });
      link(`${c}-q`, `${c}-w2`, { protocol: 'event' });
      link(`${c}-q`, `${r}-an`, { protocol: 'event' });
      link(`${c}-w1`, `${c}-nosql`, { protocol: 'query' });
      link(`${c}-w2`, `${c}-search`, { protocol: 'query', label: 'index writes' });
      link(`${c}-sql`, `${c}-nosql`, { protocol: 'replication' });
      // Pairs of cells in a region call each other's internal service.
      if (k % 2 === 1) link(`${c}-svc`, `${r}c${k - 1}-svc`, { protocol: 'grpc' });
    }
  }
  add({ id: 'mon', kind: 'monitoring', label: 'Metrics & alerts', x: 3_000, y: 0 });

  // Trim to the exact size; drop the links that lost an end and frames' dangling children.
  const kept = blocks.slice(0, blockCount - 1).concat(blocks[blocks.length - 1]!);
  const ids = new Set(kept.map((b) => b.id));
  const trimmedBlocks = kept.map((b) =>
    b.parent !== undefined && !ids.has(b.parent) ? { ...b, parent: undefined } : b,
  );
  return {
    format: 'archboard/v1',
    title: `Generated board of ${blockCount} blocks`,
    requirements: {
      features: { search: true, media: true, staticContent: true, asyncJobs: true, realtime: true, analytics: true },
      // More regions serve more users: about 300K a region.
      scale: {
        dau: 300_000 * regions,
        readsPerUserPerDay: 50,
        writesPerUserPerDay: 5,
        bytesPerRead: 2_000,
        bytesPerWrite: 1_000,
        bytesPerUser: 10_000,
        retentionYears: 3,
      },
      latencyP99Ms: 150,
      availability: 99.99,
      consistency: 'eventual',
    },
    blocks: trimmedBlocks,
    links: links.filter((l) => ids.has(l.from) && ids.has(l.to)),
  };
}

interface Timing {
  median: number;
  p95: number;
}

/** Milliseconds per call of fn, after warming up, over a budget of runs. */
function time(fn: () => unknown, runs: number): Timing {
  for (let i = 0; i < Math.max(5, runs / 10); i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return { median: median(samples), p95: quantile(samples, 0.95) };
}

const runsFor = (size: number) => (size <= 100 ? 2_000 : size <= 1_000 ? 300 : 40);
const ms = (value: number) => (value >= 10 ? value.toFixed(1) : value.toFixed(3));

const suite: BenchSuite = {
  title: 'Lint: generated boards of 100, 1,000 and 10,000 blocks',
  async run() {
    const rows: { size: number; links: number; findings: number; lint: Timing; facts: Timing; clone: Timing }[] = [];
    for (const size of SIZES) {
      const board = generateBoard(size);
      const runs = runsFor(size);
      const findings = lint(board).length;
      const lintTiming = time(() => lint(board), runs);
      const factsTiming = time(() => {
        const facts = new LintFacts(board);
        return [facts.load, facts.singlePoints];
      }, runs);
      const cloneTiming = time(() => structuredClone(board), runs);
      rows.push({
        size,
        links: board.links.length,
        findings,
        lint: lintTiming,
        facts: factsTiming,
        clone: cloneTiming,
      });
    }
    const lines = [
      `## ${this.title}`,
      '',
      'Regions of web and mobile clients, DNS, an API gateway, a realtime gateway and analytics over cells',
      '(a group with a load balancer, two parallel API blocks, an internal service, cache, SQL and NoSQL',
      'databases, search, a queue with two workers, CDN and object storage), calls across the cells of a',
      'region, and some flaws (single-instance services, idle blocks, under-sized databases, uncached',
      'reads, clients calling a gateway tier directly). Each board is linted many times after a warm-up;',
      '"facts" is the shared graph work alone (flow graph, tiers, load, single points of failure);',
      '`structuredClone` of the same board is the reference.',
      '',
      '| blocks | links | findings | lint median ms | lint p95 ms | µs per block | facts median ms | structuredClone median ms | lint ÷ clone |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map(
        (r) =>
          `| ${r.size.toLocaleString('en-US')} | ${r.links.toLocaleString('en-US')} | ${r.findings} | ${ms(r.lint.median)} | ${ms(r.lint.p95)} | ${((r.lint.median * 1000) / r.size).toFixed(2)} | ${ms(r.facts.median)} | ${ms(r.clone.median)} | ${(r.lint.median / r.clone.median).toFixed(2)} |`,
      ),
      '',
    ];
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1]!;
      const b = rows[i]!;
      lines.push(
        `- ${a.size.toLocaleString('en-US')} → ${b.size.toLocaleString('en-US')} blocks (×${b.size / a.size}): lint ×${(b.lint.median / a.lint.median).toFixed(1)}, structuredClone ×${(b.clone.median / a.clone.median).toFixed(1)}.`,
      );
    }
    const thousand = rows.find((r) => r.size === 1_000)!;
    lines.push(
      `- Aim: 1,000 blocks under 5 ms: ${thousand.lint.median < 5 ? 'met' : 'NOT met'} (median ${ms(thousand.lint.median)} ms).`,
    );
    return lines.join('\n');
  },
};

/** The `lint` suite of `bench/run.ts`. */
export default suite;
