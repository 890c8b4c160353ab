import { describe, expect, it } from 'vitest';
import { CATALOG, CATEGORIES, KINDS, kindInfo, PALETTE_KINDS, searchCatalog } from './catalog';

// The minimum catalog of board-format.md.
const REQUIRED_KINDS = [
  'client',
  'dns',
  'cdn',
  'load-balancer',
  'api-gateway',
  'web-server',
  'service',
  'worker',
  'realtime-gateway',
  'cache',
  'sql-db',
  'nosql-db',
  'object-storage',
  'queue',
  'search',
  'analytics',
  'monitoring',
  'model-server',
  'feature-store',
  'group',
  'note',
];

describe('catalog', () => {
  it.each(REQUIRED_KINDS)('has %s with icon, category, description and synonyms', (kind) => {
    const entry = kindInfo(kind);
    expect(entry.icon).toMatch(/^[a-z0-9-]+$/);
    expect(CATEGORIES.map((c) => c.id)).toContain(entry.category);
    expect(entry.description.length).toBeGreaterThan(10);
    expect(entry.synonyms.length).toBeGreaterThan(0);
    expect(entry.capacitySource.length).toBeGreaterThan(0);
  });

  it('marks dns, cdn and object-storage redundant by nature', () => {
    for (const kind of ['dns', 'cdn', 'object-storage']) expect(kindInfo(kind).redundantByNature).toBe(true);
    for (const kind of ['load-balancer', 'service', 'sql-db', 'cache'])
      expect(kindInfo(kind).redundantByNature).toBe(false);
  });

  it('has unique kinds and every category used', () => {
    expect(new Set(KINDS).size).toBe(KINDS.length);
    for (const c of CATEGORIES) expect(CATALOG.some((e) => e.category === c.id)).toBe(true);
  });

  it.each([
    ['Redis', 'cache'],
    ['Kafka', 'queue'],
    ['S3', 'object-storage'],
    ['ELB', 'load-balancer'],
    ['Postgres', 'sql-db'],
    ['cassandra', 'nosql-db'],
    ['Elasticsearch', 'search'],
    ['load bal', 'load-balancer'],
  ])('search "%s" finds %s first', (query, kind) => {
    expect(searchCatalog(query)[0]?.kind).toBe(kind);
  });

  it('returns everything for an empty query and nothing for nonsense', () => {
    expect(searchCatalog('  ')).toHaveLength(PALETTE_KINDS.length);
    expect(PALETTE_KINDS.length).toBe(CATALOG.length - 4); // the drawing kinds come from the drawing tools
    expect(searchCatalog('zzzzqqq')).toHaveLength(0);
  });

  it('throws on an unknown kind', () => {
    expect(() => kindInfo('mainframe')).toThrow(/Unknown block kind/);
  });
});
