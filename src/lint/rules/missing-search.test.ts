import rule from './missing-search';
import { sketch, testRule } from '../testing';

const blocks = 'client:client app:service*2 db:sql-db*2';
const links = 'client>app app>db';

testRule(rule, {
  valid: [
    { name: 'search not required', board: sketch(blocks, links, { features: { search: false } }) },
    { name: 'no requirements at all', board: sketch(blocks, links) },
    {
      name: 'search required and drawn',
      board: sketch(`${blocks} es:search*2`, `${links} app>es`, { features: { search: true } }),
    },
  ],
  invalid: [
    {
      name: 'search required, no index',
      board: sketch(blocks, links, { features: { search: true } }),
      findings: [{ blocks: [], severity: 'warning' }],
    },
    {
      name: 'search required on an empty board',
      board: sketch('client:client', '', { features: { search: true } }),
      findings: [{ blocks: [] }],
    },
  ],
});
