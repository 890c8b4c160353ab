/**
 * The traffic model, figure by figure. Every case states its arithmetic; the
 * scale is 1M users × 10 reads and 1 write a day with a peak factor of 3:
 *   R = 1,000,000 × 10 ÷ 86,400 × 3 = 347.22 reads/s,
 *   W = 1,000,000 × 1 ÷ 86,400 × 3 = 34.72 writes/s.
 */
import { describe, expect, it } from 'vitest';
import { applyOps } from '../board/ops';
import { LintFacts } from './facts';
import { sketch, trafficOf } from './testing';
import { loadPath, trafficByBlock, trafficReport, type Traffic } from './traffic';
import { lint } from './lint';

const scale = { dau: 1_000_000, readsPerUserPerDay: 10, writesPerUserPerDay: 1, peakFactor: 3 };
const R = (1_000_000 * 10 * 3) / 86_400;
const W = (1_000_000 * 1 * 3) / 86_400;
const q = trafficOf;

interface Case {
  name: string;
  blocks: string;
  links: string;
  expected: Record<string, Traffic>;
}

const cases: Case[] = [
  {
    name: 'client → LB → service → DB: the database gets R = 347.22 reads and W = 34.72 writes',
    blocks: 'client:client lb:load-balancer app:service db:sql-db',
    links: 'client>lb lb>app app>db',
    expected: { client: q(R, W), lb: q(R, W), app: q(R, W), db: q(R, W) },
  },
  {
    name: 'a CDN beside the LB takes half the reads and no writes; LB gets R/2 + R/2 × 0.1 = 173.61 + 17.36 = 190.97',
    blocks: 'client:client cdn:cdn lb:load-balancer app:service db:sql-db',
    links: 'client>cdn cdn>lb client>lb lb>app app>db',
    expected: {
      client: q(R, W),
      cdn: q(R * 0.5, 0),
      lb: q(R * 0.5 + R * 0.5 * 0.1, W),
      app: q(R * 0.5 + R * 0.5 * 0.1, W),
      db: q(R * 0.5 + R * 0.5 * 0.1, W),
    },
  },
  {
    name: 'a CDN in front of everything gets all of it and passes 10% of the reads (34.72) and every write (34.72)',
    blocks: 'client:client cdn:cdn lb:load-balancer app:service',
    links: 'client>cdn cdn>lb lb>app',
    expected: { client: q(R, W), cdn: q(R, W), lb: q(R * 0.1, W), app: q(R * 0.1, W) },
  },
  {
    name: 'a DNS that routes nowhere is a lookup: the LB still gets R and W',
    blocks: 'client:client dns:dns lb:load-balancer app:service',
    links: 'client>dns client>lb lb>app',
    expected: { client: q(R, W), dns: q(0, 0), lb: q(R, W), app: q(R, W) },
  },
  {
    name: 'two entry points of the API share it: R/2 = 173.61 and W/2 = 17.36 each',
    blocks: 'client:client gw:api-gateway ws:realtime-gateway',
    links: 'client>gw client>ws',
    expected: { client: q(R, W), gw: q(R / 2, W / 2), ws: q(R / 2, W / 2) },
  },
  {
    name: 'two clients each make half: 173.61 + 173.61 reads reach the LB once',
    blocks: 'web:client mobile:client lb:load-balancer',
    links: 'web>lb mobile>lb',
    expected: { web: q(R / 2, W / 2), mobile: q(R / 2, W / 2), lb: q(R, W) },
  },
  {
    name: 'a cache in the path answers 80%: the database gets R × 0.2 = 69.44 reads and all W = 34.72 writes',
    blocks: 'client:client app:service cache:cache db:sql-db',
    links: 'client>app app>cache cache>db',
    expected: { client: q(R, W), app: q(R, W), cache: q(R, W), db: q(R * 0.2, W) },
  },
  {
    name: 'cache-aside: the database gets the misses, R × 0.2 = 69.44, and every write',
    blocks: 'client:client app:service cache:cache db:sql-db',
    links: 'client>app app>cache app>db',
    expected: { client: q(R, W), app: q(R, W), cache: q(R, W), db: q(R * 0.2, W) },
  },
  {
    // The service calls the search index itself (search queries), not through the cache: the cache
    // shields only the database it links to. db: R × (1 − 0.8) = 69.44 reads; search: all R = 347.22.
    name: 'a cache in front of the database shields it, not the search index beside: db 69.44, search 347.22 reads',
    blocks: 'client:client lb:load-balancer app:service cache:cache db:sql-db idx:search',
    links: 'client>lb lb>app app>cache cache>db app>idx',
    expected: {
      client: q(R, W),
      lb: q(R, W),
      app: q(R, W),
      cache: q(R, W),
      db: q(R * 0.2, W),
      idx: q(R, W),
    },
  },
  {
    // Cache-aside shields the service's databases of record; a search index holds no records of its own.
    name: 'cache-aside beside a database and a search index: db gets the misses, 69.44, the index all 347.22',
    blocks: 'client:client app:service cache:cache db:sql-db idx:search',
    links: 'client>app app>cache app>db app>idx',
    expected: { client: q(R, W), app: q(R, W), cache: q(R, W), db: q(R * 0.2, W), idx: q(R, W) },
  },
  {
    // The drawing says the index is behind the cache: its link takes the misses, R × 0.2 = 69.44.
    name: 'cache-aside with a link to the index labelled "on a miss": the index gets the misses, 69.44',
    blocks: 'client:client app:service cache:cache idx:search',
    links: 'client>app app>cache app>idx(on-a-miss)',
    expected: { client: q(R, W), app: q(R, W), cache: q(R, W), idx: q(R * 0.2, W) },
  },
  {
    // A cache in front of the database from which the service also writes the database directly:
    // reads reach db once, as misses past the cache (R × 0.2 = 69.44), writes once, direct (W = 34.72).
    name: 'read through the cache, write around it: db 69.44 reads and 34.72 writes, each counted once',
    blocks: 'client:client app:service cache:cache db:sql-db',
    links: 'client>app app>cache cache>db app>db',
    expected: { client: q(R, W), app: q(R, W), cache: q(R, 0), db: q(R * 0.2, W) },
  },
  {
    // Only the store a cache links to is behind it: the other database gets every read.
    name: 'a cache in front of one database does not shield another: users 69.44, orders 347.22 reads',
    blocks: 'client:client app:service cache:cache users:sql-db=Users orders:sql-db=Orders',
    links: 'client>app app>cache cache>users app>orders',
    expected: {
      client: q(R, W),
      app: q(R, W),
      cache: q(R, W),
      users: q(R * 0.2, W),
      orders: q(R, W),
    },
  },
  {
    name: 'a balancer shares between two services: R/2 = 173.61 and W/2 = 17.36 each',
    blocks: 'client:client lb:load-balancer users:service=Users links:service=Links',
    links: 'client>lb lb>users lb>links',
    expected: { client: q(R, W), lb: q(R, W), users: q(R / 2, W / 2), links: q(R / 2, W / 2) },
  },
  {
    name: 'events carry writes, never reads: the queue gets W = 34.72, its worker the average W ÷ 3 = 11.57',
    blocks: 'client:client app:service q:queue w:worker',
    links: 'client>app app~>q q~>w',
    expected: { client: q(R, W), app: q(R, W), q: q(0, W), w: q(0, W / 3) },
  },
  {
    name: 'a fan-out of 200 along a link: 11.57 events × 200 = 2,314.81 timeline writes',
    blocks: 'client:client app:service q:queue w:worker cache:cache',
    links: 'client>app app~>q:event q~>w w>cache*200(timeline_writes)',
    expected: { client: q(R, W), app: q(R, W), q: q(0, W), w: q(0, W / 3), cache: q(0, (W / 3) * 200) },
  },
  {
    name: 'an async link without a queue carries the peak events: W = 34.72, no reads',
    blocks: 'client:client app:service an:analytics',
    links: 'client>app app~>an',
    expected: { client: q(R, W), app: q(R, W), an: q(0, W) },
  },
  {
    name: 'read replicas share reads by instances (primary 1 + replica 2: 115.74 and 231.48), the primary takes W',
    blocks: 'client:client app:service db:sql-db=Users replica:sql-db*2=Users_replica',
    links: 'client>app app>db app>replica(reads) db>replica:replication',
    expected: { client: q(R, W), app: q(R, W), db: q(R / 3, W), replica: q((R * 2) / 3, 0) },
  },
  {
    name: 'a standby serves nothing: the primary keeps R and W',
    blocks: 'client:client app:service db:sql-db=Orders standby:sql-db=Orders_standby',
    links: 'client>app app>db db>standby:replication',
    expected: { client: q(R, W), app: q(R, W), db: q(R, W), standby: q(0, 0) },
  },
  {
    name: 'two different datastores behind one service each get the whole load (it calls both)',
    blocks: 'client:client app:service sql:sql-db=Orders doc:nosql-db=Profiles',
    links: 'client>app app>sql app>doc',
    expected: { client: q(R, W), app: q(R, W), sql: q(R, W), doc: q(R, W) },
  },
];

describe('the traffic model', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const board = sketch(c.blocks, c.links, { scale });
    expect(trafficByBlock(new LintFacts(board))).toEqual(c.expected);
  });

  it('counts every write once: the writes reaching the entry points add up to W', () => {
    const board = sketch('client:client cdn:cdn lb:load-balancer', 'client>cdn client>lb cdn>lb', { scale });
    const t = trafficByBlock(new LintFacts(board));
    expect(t.cdn!.writeQps + t.lb!.writeQps).toBeCloseTo(W, 2);
  });

  it('states the path: 190.97 reads reach the LB = 173.61 from the client + 17.36 misses past the CDN', () => {
    const board = sketch(
      'client:client cdn:cdn=CDN lb:load-balancer=LB app:service=API',
      'client>cdn cdn>lb client>lb lb>app',
      { scale },
    );
    const facts = new LintFacts(board);
    expect(loadPath(facts, [facts.indexById.get('lb')!], 'reads')).toBe('174 from Client + 17.4 misses past CDN');
  });

  it('the what-if multiplier scales every figure without touching the requirements', () => {
    const board = sketch('client:client lb:load-balancer app:service*2 db:sql-db', 'client>lb lb>app app>db', {
      scale,
    });
    const report = trafficReport(board, { multiplier: 10 });
    expect(report.blocks.db).toEqual({ ...q(R * 10, W * 10), utilisation: ((R + W) * 10) / 5_000 });
    // The service's two instances share (R + W) × 10 = 3,819.44 over 2 × 1,000.
    expect(report.blocks.app!.utilisation).toBeCloseTo(((R + W) * 10) / 2_000, 9);
    expect(report.links.l3).toEqual(q(R * 10, W * 10));
    expect(board.requirements?.scale).toEqual(scale);
  });

  it('adding the CDN quick fix lowers the load behind it, never raises it', () => {
    const board = sketch(
      'client:client lb:load-balancer*2 app:service*2 cache:cache*2 db:sql-db*2',
      'client>lb lb>app app>cache app>db',
      { scale, features: { staticContent: true } },
    );
    const before = trafficByBlock(new LintFacts(board));
    const fix = lint(board).find((f) => f.rule === 'missing-cdn')!.fixes![0]!;
    const fixed = trafficByBlock(new LintFacts(applyOps(board, fix.ops)));
    expect(fixed.cache!.readQps).toBeLessThan(before.cache!.readQps);
    expect(fixed.db!.writeQps).toBeCloseTo(before.db!.writeQps, 2);
  });
});
