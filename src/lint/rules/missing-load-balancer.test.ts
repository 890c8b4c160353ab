import rule from './missing-load-balancer';
import { sketch, testRule } from '../testing';

const busy = { scale: { dau: 10_000_000, readsPerUserPerDay: 100 } }; // peak ~34.7K reads/s
const ha = { availability: 99.99 };

testRule(rule, {
  valid: [
    {
      name: 'a load balancer in front of the tier',
      board: sketch('client:client lb:load-balancer*2 app:service*3 db:sql-db*2', 'client>lb lb>app app>db', ha),
    },
    {
      name: 'an API gateway in front',
      board: sketch('client:client gw:api-gateway*2 app:service*3', 'client>gw gw>app', ha),
    },
    {
      name: 'one instance, light load, no availability target',
      board: sketch('client:client app:service db:sql-db', 'client>app app>db'),
    },
    {
      name: 'one instance under a 99.5% target',
      board: sketch('client:client app:service db:sql-db', 'client>app app>db', { availability: 99.5 }),
    },
    {
      name: 'clients only resolve names directly',
      board: sketch('client:client dns:dns lb:load-balancer! app:service*2', 'client>dns client>lb lb>app', ha),
    },
    {
      name: 'a service calling several instances is not a client',
      board: sketch('client:client lb:load-balancer! a:service*2 b:service*3', 'client>lb lb>a a>b', ha),
    },
  ],
  invalid: [
    {
      name: 'the draft: one instance under a 99.99% target',
      board: sketch('client:client app:service db:sql-db', 'client>app app>db', ha),
      findings: [{ blocks: ['app'], message: '99.99% availability target needs a second instance' }],
    },
    {
      name: 'several instances called directly',
      board: sketch('client:client app:service*3', 'client>app'),
      findings: [{ blocks: ['app'], message: 'the 3 instances' }],
    },
    {
      name: 'two parallel blocks called directly are one tier',
      board: sketch('client:client a1:service a2:service db:sql-db', 'client>a1 client>a2 a1>db a2>db'),
      findings: [{ blocks: ['a1', 'a2'], message: 'the 2 instances' }],
    },
    {
      name: 'a load beyond one instance',
      board: sketch('client:client app:service', 'client>app', busy),
      findings: [{ blocks: ['app'], message: /Peak 34\.7K\/s reach .*more than one instance serves \(1K\/s\)/ }],
    },
    {
      // R = 10M × 100 ÷ 86,400 × 3 = 34,722 reads/s: half to the CDN, the other half (17,361) to the API
      // directly, plus the CDN's 10% misses (1,736): 19,097 in all, and no writes.
      name: 'a load beyond one instance, with the path it comes by',
      board: sketch('client:client=Browser cdn:cdn=CDN app:service=API', 'client>cdn cdn>app client>app', busy),
      findings: [
        {
          blocks: ['app'],
          message:
            'Peak 19.1K/s reach API, more than one instance serves (1K/s), and nothing in front would spread them over several. ' +
            'Reads 19.1K = 17.4K from Browser + 1.74K misses past CDN.',
        },
      ],
    },
    {
      name: 'two clients on one tier give one finding, with both re-pointed by the fix',
      board: sketch('web:client mobile:client app:service*2', 'web>app mobile>app:grpc'),
      findings: [{ blocks: ['app'] }],
    },
    {
      name: 'a realtime gateway tier needs one too',
      board: sketch('client:client ws:realtime-gateway*4', 'client>ws:websocket'),
      findings: [{ blocks: ['ws'] }],
    },
  ],
});
