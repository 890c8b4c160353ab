import rule from './shared-database';
import { sketch, testRule } from '../testing';

testRule(rule, {
  valid: [
    {
      name: 'one service per database',
      board: sketch(
        'client:client users:service links:service du:sql-db dl:sql-db',
        'client>users client>links users>du links>dl',
      ),
    },
    {
      name: 'a queue consumer writes for its producer',
      board: sketch('client:client app:service q:queue w:worker db:sql-db', 'client>app app>db app~>q q~>w w>db'),
    },
    {
      name: 'instances of one service',
      board: sketch(
        'client:client lb:load-balancer a1:service a2:service db:sql-db',
        'client>lb lb>a1 lb>a2 a1>db a2>db',
      ),
    },
    {
      name: 'numbered instances of one service',
      board: sketch(
        'client:client lb:load-balancer a1:service=App_1 a2:service=App_2 db:sql-db',
        'client>lb lb>a1 lb>a2 a1>db a2>db',
      ),
    },
    {
      name: 'a second service only reads',
      board: sketch('client:client a:service b:service db:sql-db', 'client>a client>b a>db b>db(reads)'),
    },
  ],
  invalid: [
    {
      name: 'two services write to one database',
      board: sketch(
        'client:client users:service=Users links:service=Links db:sql-db',
        'client>users client>links users>db links>db',
      ),
      findings: [{ blocks: ['db', 'users', 'links'], message: 'Users and Links both write to Relational DB' }],
    },
    {
      name: 'three writers, one of them a producer whose consumer also writes',
      board: sketch(
        'client:client a:service=A b:service=B c:service=C q:queue w:worker db:nosql-db',
        'client>a client>b client>c a>db b>db c>db:grpc c~>q q~>w w>db',
      ),
      findings: [{ blocks: ['db', 'a', 'b', 'c'], message: 'A, B and C all write to' }],
    },
  ],
});
