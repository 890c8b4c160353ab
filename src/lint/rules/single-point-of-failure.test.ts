import { describe, expect, it } from 'vitest';
import rule, { severityForAvailability } from './single-point-of-failure';
import { runDrill } from '../drill';
import { LintFacts } from '../facts';
import { lint } from '../lint';
import { sketch, testRule } from '../testing';

const ha = { availability: 99.99 };

testRule(rule, {
  valid: [
    {
      name: 'a primary with a standby joined by replication, the primary with one more link than its copy',
      board: sketch(
        'client:client lb:load-balancer*2 app:service*2 w:worker*2 q:queue*2 db:sql-db=Orders standby:sql-db=Orders_standby',
        'client>lb lb>app app>db app~>q q~>w w>db db>standby:replication',
        ha,
      ),
    },
    {
      name: 'a primary with read replicas, readers linked to the replicas as well',
      board: sketch(
        'client:client lb:load-balancer*2 app:service*2 db:sql-db=Users r1:sql-db=Users_replica',
        'client>lb lb>app app>db app>r1(reads) db>r1:replication',
        ha,
      ),
    },
    {
      name: 'a regional stack duplicated behind DNS',
      board: sketch(
        'client:client dns:dns ' +
          'ea:group=East lbA:load-balancer^ea=LB appA:service^ea=API dbA:nosql-db^ea=Links ' +
          'we:group=West lbB:load-balancer^we=LB appB:service^we=API dbB:nosql-db^we=Links',
        'client>dns dns>lbA dns>lbB lbA>appA appA>dbA lbB>appB appB>dbB dbA>dbB:replication',
        ha,
      ),
    },
    {
      name: 'a regional stack duplicated behind a global balancer, named alike but not linked by replication',
      board: sketch(
        'client:client glb:load-balancer! ' +
          'lbA:load-balancer=LB_1 appA:service=API_1 dbA:nosql-db=Links_1 ' +
          'lbB:load-balancer=LB_2 appB:service=API_2 dbB:nosql-db=Links_2',
        'client>glb glb>lbA glb>lbB lbA>appA appA>dbA lbB>appB appB>dbB',
        ha,
      ),
    },
    {
      name: 'replicated end to end',
      board: sketch('client:client lb:load-balancer*2 app:service*2 db:sql-db*3', 'client>lb lb>app app>db', ha),
    },
    {
      name: 'two parallel blocks of one tier are redundancy',
      board: sketch(
        'client:client lb:load-balancer*2 a1:service a2:service db:sql-db*2',
        'client>lb lb>a1 lb>a2 a1>db a2>db',
        ha,
      ),
    },
    {
      name: 'a cache beside the path (cache-aside) is not one',
      board: sketch(
        'client:client lb:load-balancer*2 app:service*2 cache:cache db:sql-db*2',
        'client>lb lb>app app>cache app>db',
        ha,
      ),
    },
    {
      name: 'a managed load balancer',
      board: sketch('client:client lb:load-balancer! app:service*2 db:sql-db*2', 'client>lb lb>app app>db', ha),
    },
    {
      name: 'redundant by nature: DNS, CDN, object storage',
      board: sketch('client:client dns:dns cdn:cdn s3:object-storage', 'client>dns client>cdn cdn>s3', ha),
    },
    {
      name: 'a single queue and worker off the request path (async)',
      board: sketch(
        'client:client lb:load-balancer! app:service*2 q:queue w:worker db:sql-db*2',
        'client>lb lb>app app~>q q>w w>db',
        ha,
      ),
    },
    {
      name: 'monitoring is not on the request path',
      board: sketch(
        'client:client lb:load-balancer! app:service*2 db:sql-db*2 mon:monitoring',
        'client>lb lb>app app>db app>mon',
        ha,
      ),
    },
    {
      name: 'two databases of one tier',
      board: sketch(
        'client:client lb:load-balancer! app:service*2 d1:sql-db d2:sql-db',
        'client>lb lb>app app>d1 app>d2 d1>d2:replication',
        ha,
      ),
    },
    { name: 'a lone client reaches nothing', board: sketch('client:client', '', ha) },
  ],
  invalid: [
    {
      name: 'two different datastores behind one service are not a tier of 2',
      board: sketch(
        'client:client lb:load-balancer*2 app:service*2 sql:sql-db=Orders doc:nosql-db=Profiles',
        'client>lb lb>app app>sql app>doc',
        ha,
      ),
      findings: [
        { blocks: ['sql'], message: 'Orders has one instance and no replica' },
        { blocks: ['doc'], message: 'Profiles has one instance and no replica' },
      ],
    },
    {
      name: 'two stores of one kind holding different data are not a tier of 2 either',
      board: sketch(
        'client:client lb:load-balancer*2 app:service*2 users:sql-db=Users links:sql-db=Links',
        'client>lb lb>app app>users app>links',
        ha,
      ),
      findings: [{ blocks: ['users'] }, { blocks: ['links'] }],
    },
    {
      name: 'the draft: one API and one database under 99.99%',
      board: sketch('client:client=Browser app:service=API db:sql-db=Links', 'client>app app>db', ha),
      findings: [
        {
          blocks: ['app'],
          severity: 'error',
          message:
            'API has one instance and is on every path from Browser to Links: if it fails, Browser cannot reach Links (target 99.99%).',
        },
        { blocks: ['db'], severity: 'error', message: 'Links has one instance and no replica' },
      ],
    },
    {
      name: 'a cache in the path is one',
      board: sketch(
        'client:client lb:load-balancer*2 app:service*2 cache:cache db:sql-db*2',
        'client>lb lb>app app>cache cache>db',
        ha,
      ),
      findings: [{ blocks: ['cache'] }],
    },
    {
      name: 'one load balancer in front of a replicated tier',
      board: sketch('client:client lb:load-balancer app:service*4 db:nosql-db*3', 'client>lb lb>app app>db', {
        availability: 99.9,
      }),
      findings: [{ blocks: ['lb'], severity: 'warning' }],
    },
    {
      name: 'no availability target: info',
      board: sketch('client:client lb:load-balancer app:service*4 db:nosql-db*3=Links', 'client>lb lb>app app>db'),
      findings: [{ blocks: ['lb'], severity: 'info', message: /cannot reach Links\.$/ }],
    },
    {
      name: 'a gateway that cuts off one client of two',
      board: sketch(
        'web:client mobile:client=Mobile gw:api-gateway lb:load-balancer! app:service*2 db:sql-db*2',
        'web>lb mobile>gw gw>app lb>app app>db',
        ha,
      ),
      findings: [{ blocks: ['gw'], message: 'from Mobile' }],
    },
    {
      name: 'a service with no datastore serves every request',
      board: sketch('client:client lb:load-balancer! app:service', 'client>lb lb>app', ha),
      findings: [{ blocks: ['app'], message: 'serves every request' }],
    },
    {
      name: 'a queue the request waits on holds the data',
      board: sketch('client:client lb:load-balancer! app:service*2 q:queue', 'client>lb lb>app app>q:grpc', ha),
      findings: [{ blocks: ['q'], message: 'no replica' }],
    },
    {
      name: 'through a cycle',
      board: sketch(
        'client:client lb:load-balancer! a:service*2 b:service db:sql-db*2',
        'client>lb lb>a a>b b>a b>db',
        ha,
      ),
      findings: [{ blocks: ['b'] }],
    },
    {
      name: 'parallel blocks with different downstreams are not one tier',
      board: sketch(
        'client:client lb:load-balancer! a1:service a2:service d1:sql-db*2 d2:sql-db*2',
        'client>lb lb>a1 lb>a2 a1>d1 a2>d2',
        ha,
      ),
      findings: [{ blocks: ['a1'] }, { blocks: ['a2'] }],
    },
  ],
});

/**
 * Shards hold different keys: "Shard 1" and "Shard 2" share the load like a
 * tier, but neither is a copy of the other, so each is a single point of
 * failure unless it has replicas or a replica of its own. Datastores named
 * alike with a trailing number and no shard word stay copies (a second region).
 */
const shardCases: { name: string; blocks: string; links: string; flagged: string[] }[] = [
  {
    name: 'two SQL shards behind one service: each is the only copy of its keys',
    blocks: 'db1:sql-db=Shard_1 db2:sql-db=Shard_2',
    links: 'app>db1 app>db2',
    flagged: ['db1', 'db2'],
  },
  {
    name: 'the word names the shard wherever it stands ("Users shard 1", "Users shard 2")',
    blocks: 'db1:nosql-db=Users_shard_1 db2:nosql-db=Users_shard_2',
    links: 'app>db1 app>db2',
    flagged: ['db1', 'db2'],
  },
  {
    name: 'partitions are shards ("Partition 1", "Partition 2")',
    blocks: 'db1:nosql-db=Partition_1 db2:nosql-db=Partition_2',
    links: 'app>db1 app>db2',
    flagged: ['db1', 'db2'],
  },
  {
    name: 'shards with replicas of their own (2 each) are redundant',
    blocks: 'db1:sql-db*2=Shard_1 db2:sql-db*2=Shard_2',
    links: 'app>db1 app>db2',
    flagged: [],
  },
  {
    name: 'each shard with a standby joined by replication is redundant',
    blocks: 'db1:sql-db=Shard_1 s1:sql-db=Shard_1_standby db2:sql-db=Shard_2 s2:sql-db=Shard_2_standby',
    links: 'app>db1 app>db2 db1>s1:replication db2>s2:replication',
    flagged: [],
  },
  {
    name: 'one shard with a standby and one without: only the bare one',
    blocks: 'db1:sql-db=Shard_1 s1:sql-db=Shard_1_standby db2:sql-db=Shard_2',
    links: 'app>db1 app>db2 db1>s1:replication',
    flagged: ['db2'],
  },
  {
    name: 'datastores named alike without the word are copies of one tier ("DB 1", "DB 2")',
    blocks: 'db1:sql-db=DB_1 db2:sql-db=DB_2',
    links: 'app>db1 app>db2',
    flagged: [],
  },
];

describe('shards are not copies of each other', () => {
  it.each(shardCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const board = sketch(
      `client:client lb:load-balancer! app:service*2 ${c.blocks}`,
      `client>lb lb>app ${c.links}`,
      ha,
    );
    const findings = lint(board, { disabledRules: [] }, [rule]);
    expect(findings.flatMap((f) => f.blocks).sort()).toEqual(c.flagged);
    for (const f of findings) expect(f.message).toContain('has one instance and no replica');
  });

  it('two shards still share the load: R = 347.22 reads/s and W = 34.72 writes/s split in half, 173.61 and 17.36 each', () => {
    const board = sketch(
      'client:client app:service db1:sql-db=Shard_1 db2:sql-db=Shard_2',
      'client>app app>db1 app>db2',
      {
        scale: { dau: 1_000_000, readsPerUserPerDay: 10, writesPerUserPerDay: 1, peakFactor: 3 },
      },
    );
    const { reads, writes } = new LintFacts(board).load;
    expect([reads[2], reads[3]].map((r) => Math.round(r! * 100) / 100)).toEqual([173.61, 173.61]);
    expect([writes[2], writes[3]].map((w) => Math.round(w! * 100) / 100)).toEqual([17.36, 17.36]);
  });

  it('a failed shard is taken over by no other shard: the client loses part of its data', () => {
    const board = sketch(
      'client:client app:service*2 db1:sql-db=Shard_1 db2:sql-db=Shard_2',
      'client>app app>db1 app>db2',
    );
    const result = runDrill(new LintFacts(board), ['db1']);
    expect(result.survivors).toEqual([]);
    expect(result.clientsDegraded).toEqual(['client']);
  });
});

describe('severityForAvailability', () => {
  it.each([
    [undefined, 'info'],
    [99, 'info'],
    [99.5, 'info'],
    [99.9, 'warning'],
    [99.95, 'warning'],
    [99.99, 'error'],
    [99.999, 'error'],
  ] as const)('%s%% gives %s', (availability, severity) =>
    expect(severityForAvailability(availability)).toBe(severity),
  );
});
