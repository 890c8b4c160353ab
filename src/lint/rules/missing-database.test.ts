import rule from './missing-database';
import { sketch, testRule } from '../testing';

const writes = { scale: { dau: 1_000, writesPerUserPerDay: 5 } };

testRule(rule, {
  valid: [
    {
      name: 'writes with a database',
      board: sketch('client:client app:service db:nosql-db', 'client>app app>db', writes),
    },
    {
      name: 'writes kept in object storage',
      board: sketch('client:client app:service s3:object-storage', 'client>app app>s3', writes),
    },
    {
      name: 'read-only system',
      board: sketch('client:client app:service', 'client>app', {
        scale: { dau: 1_000, readsPerUserPerDay: 5, writesPerUserPerDay: 0 },
      }),
    },
    { name: 'no scale given', board: sketch('client:client app:service', 'client>app') },
  ],
  invalid: [
    {
      name: 'writes and no datastore',
      board: sketch('client:client app:service', 'client>app', writes),
      findings: [{ blocks: [], severity: 'error' }],
    },
    {
      name: 'a search index and analytics do not keep the records',
      board: sketch('client:client app:service es:search an:analytics', 'client>app app>es app~>an', {
        scale: { writesPerUserPerDay: 1 },
      }),
      findings: [{ blocks: [] }],
    },
  ],
});
