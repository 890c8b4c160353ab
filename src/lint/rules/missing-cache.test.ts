import rule from './missing-cache';
import { READ_HEAVY_HA, sketch, testRule } from '../testing';

const writeHeavy = { scale: { dau: 1_000_000, readsPerUserPerDay: 1, writesPerUserPerDay: 10 } };

testRule(rule, {
  valid: [
    {
      name: 'cache-aside beside the database',
      board: sketch(
        'client:client app:service*2 cache:cache*2 db:sql-db*2',
        'client>app app>cache app>db',
        READ_HEAVY_HA,
      ),
    },
    {
      name: 'a read-through cache in the path',
      board: sketch(
        'client:client app:service*2 cache:cache*2 db:sql-db*2',
        'client>app app>cache cache>db',
        READ_HEAVY_HA,
      ),
    },
    {
      name: 'a write-heavy system with a loose p99',
      board: sketch('client:client app:service db:nosql-db', 'client>app app>db', { ...writeHeavy, latencyP99Ms: 200 }),
    },
    {
      name: 'no scale and no latency target',
      board: sketch('client:client app:service db:sql-db', 'client>app app>db'),
    },
    {
      name: 'the link to the database carries writes only',
      board: sketch('client:client app:service db:sql-db', 'client>app app>db(writes)', READ_HEAVY_HA),
    },
    {
      name: 'the database is only reached through a queue',
      board: sketch(
        'client:client app:service q:queue w:worker db:sql-db',
        'client>app app>q q~>w w>db',
        READ_HEAVY_HA,
      ),
    },
    {
      name: "an idle cache is orphan-block's to report",
      board: sketch('client:client app:service db:sql-db cache:cache', 'client>app app>db', READ_HEAVY_HA),
    },
    {
      name: 'object storage is not a database to cache',
      board: sketch('client:client app:service s3:object-storage', 'client>app app>s3', READ_HEAVY_HA),
    },
  ],
  invalid: [
    {
      // 0.333333 ÷ 0.0333333 is 10 up to floating-point error: compared with a relative tolerance.
      name: 'reads exactly 10× writes given as decimals (0.333333 and 0.0333333 a user)',
      board: sketch('client:client app:service db:sql-db', 'client>app app>db', {
        scale: { dau: 3_000_000, readsPerUserPerDay: 0.333333, writesPerUserPerDay: 0.0333333 },
      }),
      findings: [{ blocks: ['db'], message: 'reads are 10× writes' }],
    },
    {
      name: 'reads 10× writes straight to the database',
      board: sketch('client:client app:service db:sql-db', 'client>app app>db', READ_HEAVY_HA),
      findings: [
        {
          blocks: ['db'],
          message:
            /^Peak 347 reads\/s \(347 from Service\) reach Relational DB with no cache on the way, and reads are 10× writes\.$/,
        },
      ],
    },
    {
      name: 'a tight p99 on a write-heavy system',
      board: sketch('client:client app:service db:sql-db', 'client>app app>db', { ...writeHeavy, latencyP99Ms: 20 }),
      findings: [{ blocks: ['db'], message: 'p99 target is 20 ms' }],
    },
    {
      name: 'one of two readers passes no cache',
      board: sketch(
        'client:client lb:load-balancer a:service b:service*2 cache:cache db:sql-db',
        'client>lb lb>a lb>b a>cache a>db b>db',
        READ_HEAVY_HA,
      ),
      findings: [{ blocks: ['db'] }],
    },
    {
      name: 'an idle cache in another group does not count',
      board: sketch(
        'client:client app:service db:sql-db zone:group cache:cache^zone',
        'client>app app>db',
        READ_HEAVY_HA,
      ),
      findings: [{ blocks: ['db'] }],
    },
    {
      name: 'two databases, each reported',
      board: sketch(
        'client:client app:service users:sql-db=Users links:nosql-db=Links',
        'client>app app>users app>links',
        READ_HEAVY_HA,
      ),
      findings: [
        { blocks: ['users'], message: 'Users' },
        { blocks: ['links'], message: 'Links' },
      ],
    },
  ],
});
