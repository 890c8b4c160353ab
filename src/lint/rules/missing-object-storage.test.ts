import rule from './missing-object-storage';
import { sketch, testRule } from '../testing';

testRule(rule, {
  valid: [
    {
      name: 'no media',
      board: sketch('client:client app:service', 'client>app', { features: { media: false, staticContent: true } }),
    },
    {
      name: 'media with object storage',
      board: sketch('client:client app:service s3:object-storage', 'client>app app>s3', { features: { media: true } }),
    },
  ],
  invalid: [
    {
      name: 'media, no object storage',
      board: sketch('client:client app:service db:sql-db', 'client>app app>db', { features: { media: true } }),
      findings: [{ blocks: [] }],
    },
    {
      name: 'media with a CDN but nothing behind it',
      board: sketch('client:client cdn:cdn app:service', 'client>cdn client>app', { features: { media: true } }),
      findings: [{ blocks: [] }],
    },
  ],
});
