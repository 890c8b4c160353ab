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
        {
          blocks: ['app'],
          severity: 'error',
          message:
            'Peak 34.7K reads/s and 347 writes/s reach API: 2 × 1K/s. Reads 34.7K = 34.7K from Load balancer; writes 347 = 347 from Load balancer.',
        },
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
        { blocks: ['db'], message: 'Peak 34.7K reads/s and 347 writes/s reach Links (PostgreSQL): 1 × 5K/s.' },
      ],
    },
    {
      name: 'the tech names an unlabelled block',
      board: sketch(
        'client:client lb:load-balancer*2 app:service@100000 db:sql-db+MySQL',
        'client>lb lb>app app>db(reads)',
        busy,
      ),
      findings: [
        {
          blocks: ['db'],
          message: /^Peak 34\.7K reads\/s reach MySQL: 1 × 5K\/s\. Reads 34\.7K = 34\.7K from Service\.$/,
        },
      ],
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
        'client:client lb:load-balancer*2 app:service*80 q:queue*3 w:worker',
        'client>lb lb>app app~>q q~>w',
        // 10M × 100 writes / 86,400 s × 3 = 34.7K writes/s at peak; the queue passes 34.7K ÷ 3 = 11.6K a second.
        { scale: { dau: 10_000_000, readsPerUserPerDay: 100, writesPerUserPerDay: 100 } },
      ),
      findings: [
        {
          blocks: ['w'],
          message:
            /^11\.6K writes\/s reach Worker \(an average rate: the queue absorbs the peaks\): 1 × 500\/s\. Writes 11\.6K = 11\.6K events from Queue \(the day's average\)\.$/,
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
      findings: [
        {
          blocks: ['db'],
          message:
            /^Peak 34\.7K reads\/s and 463 writes\/s reach NoSQL DB: 1 × 10K\/s\. Reads 34\.7K = 34\.7K from Service; writes 463 = 347 from Service \+ 116 from Worker\.$/,
        },
      ],
    },
    {
      name: 'a gateway sends reads and writes only down the links that carry them',
      board: sketch(
        'client:client gw:api-gateway*8 reader:service*10=Reader writer:service*2=Writer rdb:nosql-db*9 wdb:nosql-db*9',
        'client>gw gw>reader(reads) gw>writer(writes) reader>rdb writer>wdb',
        { scale: { dau: 10_000_000, readsPerUserPerDay: 100, writesPerUserPerDay: 100 } },
      ),
      findings: [
        { blocks: ['reader'], message: /^Peak 34\.7K reads\/s reach Reader: 10 × 1K\/s\./ },
        { blocks: ['writer'], message: /^Peak 34\.7K writes\/s reach Writer: 2 × 1K\/s\./ },
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
        { blocks: ['users'], message: '17.4K reads/s' },
        { blocks: ['links'], message: '17.4K reads/s' },
      ],
    },
  ],
});
