import rule from './missing-monitoring';
import { sketch, testRule } from '../testing';

const blocks = 'client:client lb:load-balancer! app:service*2';
const links = 'client>lb lb>app';

testRule(rule, {
  valid: [
    { name: '99.9% with monitoring', board: sketch(`${blocks} mon:monitoring`, links, { availability: 99.9 }) },
    { name: '99.5% without', board: sketch(blocks, links, { availability: 99.5 }) },
    { name: 'no target', board: sketch(blocks, links) },
  ],
  invalid: [
    {
      name: '99.9% without monitoring',
      board: sketch(blocks, links, { availability: 99.9 }),
      findings: [{ blocks: [], message: '99.9%' }],
    },
    {
      name: '99.999% without monitoring',
      board: sketch(blocks, links, { availability: 99.999 }),
      findings: [{ blocks: [] }],
    },
  ],
});
