import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBoardJson } from '../board/format';
import type { Block } from '../board/types';
import { compareWithReference, describeComparison } from './compare';

const examples = join(import.meta.dirname, '../../examples');
const readExample = (name: string) => parseBoardJson(readFileSync(join(examples, name), 'utf8'), name);
const reference = readExample('url-shortener.json');
const draft = readExample('url-shortener-draft.json');

let nextId = 0;
const block = (kind: string, extra: Partial<Block> = {}): Block => ({ id: `b${nextId++}`, kind, x: 0, y: 0, ...extra });
const side = (...blocks: Block[]) => ({ blocks });

describe('compareWithReference on the URL shortener draft', () => {
  const c = compareWithReference(draft, reference);

  it('finds the kinds the draft lacks, in palette order', () => {
    expect(c.kinds.missing.map((d) => d.kind)).toEqual([
      'dns',
      'load-balancer',
      'nosql-db',
      'queue',
      'analytics',
      'monitoring',
    ]);
    expect(c.kinds.missing.find((d) => d.kind === 'queue')).toEqual({
      kind: 'queue',
      label: 'Queue',
      board: { blocks: 0, instances: 0 },
      reference: { blocks: 1, instances: 3 },
    });
  });

  it('finds what the draft has that the reference does not', () => {
    expect(c.kinds.extra.map((d) => d.kind)).toEqual(['sql-db']);
  });

  it('counts instances of the kinds both have', () => {
    expect(c.kinds.shared.map((d) => [d.kind, d.board.instances, d.reference.instances])).toEqual([
      ['client', 1, 1],
      ['service', 1, 4],
      ['cache', 1, 3],
    ]);
  });

  it('compares by role: a relational store and a NoSQL one are both datastores', () => {
    expect(c.roles.missing.map((d) => d.role)).toEqual(['dns', 'balancer', 'queue', 'analytics', 'monitoring']);
    expect(c.roles.extra).toEqual([]);
    const datastore = c.roles.shared.find((d) => d.role === 'datastore')!;
    expect(datastore.board.kinds).toEqual(['sql-db']);
    expect(datastore.reference.kinds).toEqual(['nosql-db', 'analytics']);
  });

  it('gives the SLIC FAST items each covers', () => {
    const covered = (who: 'board' | 'reference') => c.slicFast.filter((s) => s[who]).map((s) => s.name);
    expect(covered('reference')).toEqual(['Load balancer', 'Cache', 'Front-end', 'Analytics', 'Storage', 'Task queue']);
    expect(covered('board')).toEqual(['Cache', 'Front-end', 'Storage']);
    expect(c.slicFast.map((s) => s.letter).join('')).toBe('SLICFAST');
  });

  it('says it in sentences', () => {
    expect(describeComparison(c)).toEqual([
      'The reference has what the board lacks: DNS, Load balancer, NoSQL DB, Queue, Analytics, Monitoring.',
      'The board has what the reference does not: Relational DB.',
      'Service: 1 instance on the board, 4 in the reference.',
      'Cache: 1 instance on the board, 3 in the reference.',
      'SLIC FAST items the reference covers and the board does not: Load balancer (L), Analytics (A), Task queue (T).',
    ]);
  });
});

describe('compareWithReference', () => {
  it.each([
    {
      name: 'a board equal to the reference',
      board: side(block('client'), block('cache')),
      ref: side(block('client'), block('cache')),
      missing: [],
      extra: [],
    },
    {
      name: 'the reference has a cache and a queue; the board a search index',
      board: side(block('client'), block('search')),
      ref: side(block('client'), block('cache'), block('queue')),
      missing: ['cache', 'queue'],
      extra: ['search'],
    },
    {
      name: 'frames and sticky notes are not components',
      board: side(block('group'), block('note'), block('client')),
      ref: side(block('client')),
      missing: [],
      extra: [],
    },
    {
      name: 'an unknown kind still counts',
      board: side(block('quantum-db')),
      ref: side(),
      missing: [],
      extra: ['quantum-db'],
    },
    { name: 'two empty boards', board: side(), ref: side(), missing: [], extra: [] },
  ])('$name', ({ board, ref, missing, extra }) => {
    const c = compareWithReference(board, ref);
    expect(c.kinds.missing.map((d) => d.kind)).toEqual(missing);
    expect(c.kinds.extra.map((d) => d.kind)).toEqual(extra);
  });

  it('counts blocks and instances of one kind', () => {
    const c = compareWithReference(
      side(block('service')),
      side(block('service', { replicas: 3 }), block('service', { replicas: 2 })),
    );
    expect(c.kinds.shared[0]).toMatchObject({
      board: { blocks: 1, instances: 1 },
      reference: { blocks: 2, instances: 5 },
    });
  });

  it('tells a search index from a missing one by role, not kind name', () => {
    const c = compareWithReference(side(block('search')), side(block('search')));
    expect(c.roles.shared.map((d) => d.role)).toEqual(['datastore', 'search']);
    expect(c.slicFast.find((s) => s.name === 'Search')).toMatchObject({ board: true, reference: true });
  });

  it('says when the kinds match', () => {
    const c = compareWithReference(side(block('client')), side(block('client')));
    expect(describeComparison(c)).toEqual(['The board has the same kinds of blocks as the reference.']);
  });
});
