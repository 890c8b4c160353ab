import { describe, expect, it } from 'vitest';
import { parseHistory } from './history-client';

const update = Buffer.from([1, 2, 3, 250]).toString('base64');

describe('parseHistory', () => {
  it('decodes the entries, oldest first as sent', () => {
    const entries = parseHistory({
      entries: [
        { t: 5, by: { name: 'Ana', role: 'candidate' }, update },
        { t: 6, by: null, update: '' },
      ],
    });
    expect(entries).toEqual([
      { t: 5, by: { name: 'Ana', role: 'candidate' }, update: new Uint8Array([1, 2, 3, 250]) },
      { t: 6, by: null, update: new Uint8Array() },
    ]);
  });

  it.each([
    [null, 'entries'],
    [{ entries: {} }, 'entries'],
    [{ entries: [null] }, 'entries.0'],
    [{ entries: [{ t: -1, by: null, update }] }, 'entries.0.t'],
    [{ entries: [{ t: 1.5, by: null, update }] }, 'entries.0.t'],
    [{ entries: [{ t: '1', by: null, update }] }, 'entries.0.t'],
    [
      {
        entries: [
          { t: 1, by: null, update },
          { t: 2, by: null, update: 'not base64!' },
        ],
      },
      'entries.1.update',
    ],
    [{ entries: [{ t: 1, by: null, update: 'abc' }] }, 'entries.0.update'],
    [{ entries: [{ t: 1, by: { name: 'x', role: 'admin' }, update }] }, 'entries.0.by.role'],
    [{ entries: [{ t: 1, by: { role: 'candidate' }, update }] }, 'entries.0.by.name'],
    [{ entries: [{ t: 1, by: 'x', update }] }, 'entries.0.by'],
  ])('refuses %j, naming %s', (json, path) => {
    expect(() => parseHistory(json)).toThrow(`malformed at ${path}:`);
  });
});
