/**
 * The traffic example boards (`examples/traffic/`), figure by figure: the
 * `traffic` object `archboard lint --json` prints for each, with the hand
 * arithmetic that proves it, and the findings each raises.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBoardJson } from '../board/format';
import { LintFacts } from './facts';
import { lint } from './lint';
import { trafficOf } from './testing';
import { trafficByBlock, type Traffic } from './traffic';

const dir = join(import.meta.dirname, '../../examples/traffic');
const load = (file: string) => parseBoardJson(readFileSync(join(dir, file), 'utf8'), file);
const q = trafficOf;

// The two reproductions: 1M users × 10 reads and 1 write a day, peak factor 3.
const R = (1_000_000 * 10 * 3) / 86_400; // 347.22 reads/s
const W = (1_000_000 * 1 * 3) / 86_400; // 34.72 writes/s

// Twitter: 200M users × 100 reads and 2 writes a day, peak factor 3.
const TR = (200_000_000 * 100 * 3) / 86_400; // 694,444.44 reads/s
const TW = (200_000_000 * 2 * 3) / 86_400; // 13,888.89 writes/s
// Two clients make half each; the CDN takes half their reads, the balancer the rest and every write,
// and shares both between its four services.
const perService = q(TR / 2 / 4, TW / 4); // 86,805.56 reads/s, 3,472.22 writes/s
const serviceReads = TR / 2 / 4;
const serviceWrites = TW / 4;
const queueRate = serviceWrites / 3; // the queue passes the day's average: 1,157.41 events/s

const cases: { file: string; expected: Record<string, Traffic>; rules: string[] }[] = [
  {
    // Client → LB → API → MySQL: every block gets R and W.
    file: 'repro-1a-no-cdn.json',
    expected: { client: q(R, W), lb: q(R, W), api: q(R, W), db: q(R, W) },
    rules: ['missing-cache', 'missing-monitoring'],
  },
  {
    // A CDN beside the balancer: it takes R × 0.5 = 173.61 reads and no writes; the balancer the other
    // half plus the CDN's 10% misses, 173.61 + 17.36 = 190.97, and all W = 34.72 writes.
    file: 'repro-1b-cdn.json',
    expected: {
      client: q(R, W),
      cdn: q(R * 0.5, 0),
      lb: q(R * 0.5 + R * 0.5 * 0.1, W),
      api: q(R * 0.5 + R * 0.5 * 0.1, W),
      db: q(R * 0.5 + R * 0.5 * 0.1, W),
    },
    rules: ['missing-cache', 'missing-monitoring'],
  },
  {
    // The cache in front of MySQL shields it: R × 0.2 = 69.44 reads. The search index is queried by the
    // API directly, not through the cache: all R = 347.22 reads, and the API's W = 34.72 writes.
    file: 'search-beside-cache.json',
    expected: {
      client: q(R, W),
      lb: q(R, W),
      api: q(R, W),
      cache: q(R, W),
      db: q(R * 0.2, W),
      search: q(R, W),
    },
    rules: ['missing-monitoring'],
  },
  {
    file: 'twitter-20.json',
    expected: {
      web: q(TR / 2, TW / 2), // 347,222.22 and 6,944.44
      mobile: q(TR / 2, TW / 2),
      dns: q(0, 0), // routes nowhere: a lookup
      cdn: q(TR / 2, 0), // half of each client's reads: 173,611.11 × 2
      lb: q(TR / 2, TW), // 347,222.22 reads, 13,888.89 writes
      tweet: perService,
      timeline: perService,
      user: perService,
      media: perService,
      // Misses of the caches beside: 86,805.56 × 0.2 from the tweet service + the same from the timeline
      // service (its link reads only) = 34,722.22; writes from the tweet service only.
      'tweets-db': q(serviceReads * 0.2 * 2, serviceWrites),
      // Queried by the tweet service directly ("search reads"): all its 86,805.56 reads, not the user
      // cache's misses; writes from the indexer at the queue's average, 1,157.41.
      search: q(serviceReads, queueRate),
      // 86,805.56 reads and 3,472.22 writes from the timeline service + 1,157.41 × 200 fan-out
      // = 231,481.48 timeline writes: 234,953.70.
      'timeline-cache': q(serviceReads, serviceWrites + queueRate * 200),
      // Called by the user and the tweet service: 2 × 86,805.56 reads, 2 × 3,472.22 writes.
      'user-cache': q(serviceReads * 2, serviceWrites * 2),
      // The replica set gets the user service's misses once, 17,361.11 reads, shared by instances:
      // primary 3 of 11 = 4,734.85, replica 8 of 11 = 12,626.26; the primary takes the 3,472.22 writes.
      'users-db': q((serviceReads * 0.2 * 3) / 11, serviceWrites),
      'users-replica': q((serviceReads * 0.2 * 8) / 11, 0),
      // The CDN's 10% misses, 34,722.22, + the media service's 86,805.56 = 121,527.78 reads.
      s3: q(TR / 2 / 10 + serviceReads, serviceWrites),
      queue: q(0, serviceWrites), // events, never reads: the tweet service's writes
      fanout: q(0, queueRate),
      indexer: q(0, queueRate),
    },
    // Sized for its load (search: 50 × 2,000 = 100,000 ≥ 86,805.56 + 1,157.41), replicated, watched.
    rules: [],
  },
];

describe('the traffic example boards', () => {
  it.each(cases.map((c) => [c.file, c] as const))('%s', (file, c) => {
    const board = load(file);
    expect(trafficByBlock(new LintFacts(board))).toEqual(c.expected);
    expect(lint(board).map((f) => f.rule)).toEqual(c.rules);
  });
});
