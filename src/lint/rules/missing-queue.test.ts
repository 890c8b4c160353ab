import rule from './missing-queue';
import { sketch, testRule } from '../testing';

testRule(rule, {
  valid: [
    {
      name: 'no background work',
      board: sketch('client:client app:service', 'client>app', { features: { asyncJobs: false } }),
    },
    {
      name: 'background work through a queue',
      board: sketch('client:client app:service q:queue w:worker', 'client>app app~>q q~>w', {
        features: { asyncJobs: true },
      }),
    },
  ],
  invalid: [
    {
      name: 'background work, no queue',
      board: sketch('client:client app:service db:sql-db', 'client>app app>db', { features: { asyncJobs: true } }),
      findings: [{ blocks: [] }],
    },
    {
      name: 'background work, nothing drawn yet',
      board: sketch('client:client', '', { features: { asyncJobs: true }, availability: 99.99 }),
      findings: [{ blocks: [] }],
    },
  ],
});
