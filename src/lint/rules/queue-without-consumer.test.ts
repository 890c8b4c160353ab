import rule from './queue-without-consumer';
import { sketch, testRule } from '../testing';

testRule(rule, {
  valid: [
    { name: 'a consumer', board: sketch('client:client app:service q:queue w:worker', 'client>app app~>q q~>w') },
    { name: "an unlinked queue is orphan-block's", board: sketch('client:client app:service q:queue', 'client>app') },
  ],
  invalid: [
    {
      name: 'producers only',
      board: sketch('client:client app:service q:queue', 'client>app app~>q'),
      findings: [{ blocks: ['q'] }],
    },
    {
      name: 'each queue',
      board: sketch('client:client app:service q1:queue q2:queue w:worker', 'client>app app~>q1 app~>q2 q1~>w'),
      findings: [{ blocks: ['q2'] }],
    },
  ],
});
