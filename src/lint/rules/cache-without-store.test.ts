import rule from './cache-without-store';
import { sketch, testRule } from '../testing';

testRule(rule, {
  valid: [
    {
      name: 'cache-aside',
      board: sketch('client:client app:service cache:cache db:sql-db', 'client>app app>cache app>db'),
    },
    {
      name: 'read-through',
      board: sketch('client:client app:service cache:cache db:sql-db', 'client>app app>cache cache>db'),
    },
    {
      name: 'the store is further behind the service',
      board: sketch(
        'client:client app:service data:service cache:cache db:sql-db',
        'client>app app>cache app>data data>db',
      ),
    },
    {
      name: "an unlinked cache is orphan-block's",
      board: sketch('client:client app:service cache:cache db:sql-db', 'client>app app>db'),
    },
  ],
  invalid: [
    {
      name: 'the cache is all there is',
      board: sketch('client:client app:service=Sessions cache:cache', 'client>app app>cache'),
      findings: [{ blocks: ['cache'], message: 'Sessions keeps its data only in the cache' }],
    },
  ],
});
