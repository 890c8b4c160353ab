import rule from './orphan-block';
import { sketch, testRule } from '../testing';

testRule(rule, {
  valid: [
    { name: 'everything linked', board: sketch('client:client app:service db:sql-db', 'client>app app>db') },
    {
      name: 'notes, groups and monitoring stand alone',
      board: sketch('client:client app:service note:note zone:group mon:monitoring', 'client>app'),
    },
    {
      name: 'a replication link is a link',
      board: sketch('client:client app:service db:sql-db dr:sql-db', 'client>app app>db db>dr:replication'),
    },
  ],
  invalid: [
    {
      name: 'an idle cache (the draft)',
      board: sketch('client:client app:service db:sql-db cache:cache', 'client>app app>db'),
      findings: [{ blocks: ['cache'], message: 'nothing reads from it' }],
    },
    { name: 'a lone client', board: sketch('client:client'), findings: [{ blocks: ['client'] }] },
    {
      name: 'an idle cache with no service to put it beside',
      board: sketch('client:client cache:cache'),
      findings: [{ blocks: ['client'] }, { blocks: ['cache'] }],
    },
  ],
});
