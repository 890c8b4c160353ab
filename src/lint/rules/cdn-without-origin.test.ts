import rule from './cdn-without-origin';
import { sketch, testRule } from '../testing';

testRule(rule, {
  valid: [
    { name: 'object storage origin', board: sketch('client:client cdn:cdn s3:object-storage', 'client>cdn cdn>s3') },
    {
      name: 'a web tier behind a load balancer',
      board: sketch('client:client cdn:cdn lb:load-balancer web:web-server*2', 'client>cdn cdn>lb lb>web'),
    },
    { name: "an unlinked CDN is orphan-block's", board: sketch('client:client app:service cdn:cdn', 'client>app') },
  ],
  invalid: [
    {
      name: 'nothing behind the CDN',
      board: sketch('client:client cdn:cdn', 'client>cdn'),
      findings: [{ blocks: ['cdn'] }],
    },
    {
      name: 'object storage drawn but not linked to the CDN',
      board: sketch('client:client cdn:cdn app:service s3:object-storage', 'client>cdn client>app app>s3'),
      findings: [{ blocks: ['cdn'] }],
    },
  ],
});
