import { describe, expect, it } from 'vitest';
import { CATALOG, CATEGORIES, KINDS, PALETTE_KINDS, blockName, inferKind, kindInfo, searchCatalog } from './catalog';

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

describe('kind inference for imports', () => {
  it.each([
    ['Redis', 'cache', 'Redis'],
    ['Kafka', 'queue', 'Kafka'],
    ['S3 bucket', 'object-storage', 'S3'],
    ['PostgreSQL', 'sql-db', 'PostgreSQL'],
    ['Users', 'client', undefined],
    ['Mobile app', 'client', undefined],
    ['Kafka Streams', 'stream-processor', 'Kafka Streams'],
    ['Orders DB (PostgreSQL)', 'sql-db', 'PostgreSQL'],
    ['User DB', 'sql-db', undefined],
    ['Web server (NGINX)', 'web-server', 'NGINX'],
    ['Pub/Sub topic', 'queue', 'Pub/Sub'],
    ['Notification workers', 'worker', undefined],
  ])('"%s" is a %s (tech %s)', (text, kind, tech) => {
    const inferred = inferKind({ text });
    expect(inferred?.kind).toBe(kind);
    expect(inferred?.tech).toBe(tech);
    expect(inferred?.by).toBe('name');
  });

  it('knows nothing of words no kind has, and never infers a frame or drawing', () => {
    expect(inferKind({ text: 'Thing' })).toBeUndefined();
    expect(inferKind({ text: 'Region' })).toBeUndefined();
    expect(inferKind({ text: 'rectangle' })).toBeUndefined();
  });

  it('reads cloud stencils before text, and shapes last', () => {
    expect(inferKind({ stencil: 'mxgraph.aws4.elasticache', text: 'Session store' })).toEqual({
      kind: 'cache',
      tech: 'ElastiCache',
      by: 'stencil',
    });
    expect(inferKind({ stencil: 'mxgraph.aws4.s3', text: 'Uploads' })).toEqual({
      kind: 'object-storage',
      tech: 'S3',
      by: 'stencil',
    });
    expect(inferKind({ stencil: 'mxgraph.gcp2.bigquery' })?.kind).toBe('analytics');
    expect(inferKind({ stencil: 'mxgraph.azure.sql_database' })?.kind).toBe('sql-db');
    expect(inferKind({ shape: 'cylinder' })).toEqual({ kind: 'sql-db', by: 'shape' });
    expect(inferKind({ shape: 'cylinder', text: 'Sessions (Redis)' })?.kind).toBe('cache');
  });

  it('has every stencil name in one kind only', () => {
    const seen = new Map<string, string>();
    for (const e of CATALOG)
      for (const s of e.stencils ?? []) {
        expect(seen.get(s), `${s} in ${e.kind} and ${seen.get(s)}`).toBeUndefined();
        seen.set(s, e.kind);
      }
  });
});

describe('blockName', () => {
  it("is a block's label, trimmed, or its kind's name when it has none", () => {
    expect(blockName({ kind: 'sql-db', label: '  Orders DB ' })).toBe('Orders DB');
    expect(blockName({ kind: 'sql-db' })).toBe(kindInfo('sql-db').label);
    expect(blockName({ kind: 'sql-db', label: '   ' })).toBe(kindInfo('sql-db').label);
  });
});
