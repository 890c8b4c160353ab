import rule from './under-provisioned';
import { sketch, testRule } from '../testing';

// 10M DAU × 100 reads and 1 write a day: peak ~34.7K reads/s and ~347 writes/s.
const busy = { scale: { dau: 10_000_000, readsPerUserPerDay: 100, writesPerUserPerDay: 1 } };

testRule(rule, {
  valid: [
    {
      name: 'light load',
      board: sketch('client:client app:service db:sql-db', 'client>app app>db', {
        scale: { dau: 1_000_000, readsPerUserPerDay: 10 },
      }),
    },
    {
      name: 'enough instances, with a cache-aside taking 80% of the reads',
      board: sketch(
        'client:client lb:load-balancer*2 app:service*40 cache:cache*2 db:sql-db*2',
        'client>lb lb>app app>cache app>db',
        busy,
      ),
    },
    {
      name: 'a capacity override',
      board: sketch(
        'client:client lb:load-balancer*2 app:service@50000 db:sql-db@50000',
        'client>lb lb>app app>db',
        busy,
      ),
    },
    { name: 'no scale: no load', board: sketch('client:client app:service db:sql-db', 'client>app app>db') },
  ],
  invalid: [
    {
      name: 'a small tier and one database under the whole load',
      board: sketch(
        'client:client lb:load-balancer*2 app:service*2=API db:sql-db=Links',
        'client>lb lb>app app>db',
        busy,
      ),
      findings: [
        { blocks: ['app'], severity: 'error', message: 'Peak 34.7K/s reads and 347/s writes reach API: 2 × 1K/s.' },
        { blocks: ['db'], severity: 'error', message: 'reach Links: 1 × 5K/s.' },
      ],
    },
    {
      name: 'the tech name shows with the label',
      board: sketch(
        'client:client lb:load-balancer*2 app:service@100000 db:sql-db=Links+PostgreSQL',
        'client>lb lb>app app>db',
        busy,
      ),
      findings: [
        { blocks: ['db'], message: 'Peak 34.7K/s reads and 347/s writes reach Links (PostgreSQL): 1 × 5K/s.' },
      ],
    },
    {
      name: 'the tech names an unlabelled block',
      board: sketch(
        'client:client lb:load-balancer*2 app:service@100000 db:sql-db+MySQL',
        'client>lb lb>app app>db(reads)',
        busy,
      ),
      findings: [{ blocks: ['db'], message: /^Peak 34\.7K\/s reads reach MySQL: 1 × 5K\/s\.$/ }],
    },
    {
      name: 'a little over capacity is a warning',
      board: sketch('client:client lb:load-balancer*2 app:service*25', 'client>lb lb>app', busy),
      findings: [{ blocks: ['app'], severity: 'warning' }],
    },
    {
      name: 'parallel blocks are one tier',
      board: sketch('client:client lb:load-balancer*2 a1:service*3 a2:service*3', 'client>lb lb>a1 lb>a2', busy),
      findings: [{ blocks: ['a1', 'a2'], message: '6 × 1K/s' }],
    },
    {
      name: 'behind a queue the average rate counts',
      board: sketch(
        'client:client lb:load-balancer*2 app:service*40 q:queue*3 w:worker',
        'client>lb lb>app app~>q q~>w',
        busy,
      ),
      findings: [
        {
          blocks: ['w'],
          message:
            /^11\.6K\/s reads and 116\/s writes reach Worker \(an average rate: the queue absorbs the peaks\): 1 × 500\/s\.$/,
        },
      ],
    },
    {
      name: 'fed both directly and through a queue: the peak counts',
      board: sketch(
        'client:client lb:load-balancer*2 app:service*40 q:queue*3 w:worker*30 db:nosql-db',
        'client>lb lb>app app>db app~>q q~>w w>db',
        busy,
      ),
      findings: [{ blocks: ['db'], message: /^Peak 46\.3K\/s reads and 463\/s writes reach NoSQL DB: 1 × 10K\/s\.$/ }],
    },
    {
      name: 'a gateway sends reads and writes only down the links that carry them',
      board: sketch(
        'client:client gw:api-gateway*8 reader:service*10=Reader writer:service*2=Writer rdb:nosql-db*9 wdb:nosql-db*9',
        'client>gw gw>reader(reads) gw>writer(writes) reader>rdb writer>wdb',
        { scale: { dau: 10_000_000, readsPerUserPerDay: 100, writesPerUserPerDay: 100 } },
      ),
      findings: [
        { blocks: ['reader'], message: /^Peak 34\.7K\/s reads reach Reader: 10 × 1K\/s\.$/ },
        { blocks: ['writer'], message: /^Peak 34\.7K\/s writes reach Writer: 2 × 1K\/s\.$/ },
      ],
    },
    {
      name: 'a gateway shares its load between the services behind it',
      board: sketch(
        'client:client gw:api-gateway*4 users:service*10 links:service*10 du:nosql-db*9 dl:nosql-db*9',
        'client>gw gw>users gw>links users>du links>dl',
        busy,
      ),
      findings: [
        { blocks: ['users'], message: '17.4K/s reads' },
        { blocks: ['links'], message: '17.4K/s reads' },
      ],
    },
  ],
});
