import rule from './missing-cdn';
import { sketch, testRule } from '../testing';

testRule(rule, {
  valid: [
    {
      name: 'no media nor static content',
      board: sketch('client:client app:service', 'client>app', { features: { media: false, staticContent: false } }),
    },
    {
      name: 'media with a CDN',
      board: sketch('client:client cdn:cdn s3:object-storage', 'client>cdn cdn>s3', { features: { media: true } }),
    },
  ],
  invalid: [
    {
      name: 'static content, no CDN',
      board: sketch('client:client web:web-server*2', 'client>web', { features: { staticContent: true } }),
      findings: [{ blocks: [], message: 'Static content' }],
    },
    {
      name: 'media with object storage, no CDN (the fix uses the storage as origin)',
      board: sketch('client:client app:service s3:object-storage', 'client>app app>s3', { features: { media: true } }),
      findings: [{ blocks: [], message: 'Media' }],
    },
  ],
});
