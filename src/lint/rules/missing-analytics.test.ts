import rule from './missing-analytics';
import { sketch, testRule } from '../testing';

testRule(rule, {
  valid: [
    {
      name: 'analytics not required',
      board: sketch('client:client app:service', 'client>app', { features: { analytics: false } }),
    },
    {
      name: 'analytics fed through a queue',
      board: sketch('client:client app:service q:queue an:analytics', 'client>app app~>q q~>an', {
        features: { analytics: true },
      }),
    },
  ],
  invalid: [
    {
      name: 'analytics required, none drawn',
      board: sketch('client:client app:service db:sql-db', 'client>app app>db', { features: { analytics: true } }),
      findings: [{ blocks: [] }],
    },
  ],
});
