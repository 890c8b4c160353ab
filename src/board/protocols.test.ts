import { describe, expect, it } from 'vitest';
import { defaultProtocol, isAsyncLink } from './protocols';

describe('protocols', () => {
  it.each([
    ['client', 'load-balancer', 'http'],
    ['service', 'sql-db', 'query'],
    ['service', 'cache', 'query'],
    ['service', 'queue', 'event'],
    ['queue', 'worker', 'event'],
    ['client', 'realtime-gateway', 'websocket'],
  ])('%s -> %s defaults to %s', (from, to, protocol) => expect(defaultProtocol(from, to)).toBe(protocol));

  it('treats events as async unless a link says otherwise', () => {
    expect(isAsyncLink({ protocol: 'event' })).toBe(true);
    expect(isAsyncLink({ protocol: 'event', async: false })).toBe(false);
    expect(isAsyncLink({ protocol: 'http' })).toBe(false);
    expect(isAsyncLink({ protocol: 'http', async: true })).toBe(true);
    expect(isAsyncLink({})).toBe(false);
  });
});
