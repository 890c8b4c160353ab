import rule from './client-to-database';
import { sketch, testRule } from '../testing';

testRule(rule, {
  valid: [
    { name: 'through a service', board: sketch('client:client app:service db:sql-db', 'client>app app>db') },
    { name: 'direct uploads to object storage', board: sketch('client:client s3:object-storage', 'client>s3') },
    { name: 'events sent to analytics', board: sketch('client:client an:analytics', 'client~>an') },
  ],
  invalid: [
    {
      name: 'a client queries the database',
      board: sketch('client:client db:sql-db', 'client>db'),
      findings: [{ blocks: ['client', 'db'] }],
    },
    {
      name: 'each client and database pair',
      board: sketch('web:client mobile:client db:nosql-db app:service', 'web>db mobile>db mobile>app'),
      findings: [{ blocks: ['web', 'db'] }, { blocks: ['mobile', 'db'] }],
    },
  ],
});
