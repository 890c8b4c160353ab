import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { boardToMermaid } from '../../export/mermaid';
import { kindInfo } from '../catalog';
import { parseBoardJson } from '../format';
import type { Block, Board } from '../types';
import { importSummary } from './build';
import { importMermaid, mermaidLabelText } from './mermaid';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../tests/fixtures/import', name), 'utf8');
const byId = (board: Board, id: string): Block => {
  const b = board.blocks.find((x) => x.id === id);
  if (!b) throw new Error(`no block ${id}`);
  return b;
};

describe('Mermaid import, every construct (tests/fixtures/import/every-construct.mmd, written by hand)', () => {
  const { board, report } = importMermaid(fixture('every-construct.mmd'), 'every-construct.mmd');

  it('reports what it inferred', () => {
    expect(importSummary(report)).toBe('17 blocks, 13 recognised, 4 kept as shapes; 16 links; 3 groups');
    expect(report.warnings).toEqual([]);
  });

  it('reads node shapes and labels: quoted, Markdown strings, <br>, the @{ } syntax', () => {
    expect(byId(board, 'users')).toMatchObject({ kind: 'client', label: 'Users' });
    expect(byId(board, 'mobile')).toMatchObject({ kind: 'client', label: 'Mobile app' });
    expect(byId(board, 'cache')).toMatchObject({ kind: 'cache', tech: 'Redis' });
    expect(byId(board, 'db')).toMatchObject({ kind: 'sql-db', label: 'Orders DB', tech: 'PostgreSQL' });
    expect(byId(board, 'blob')).toMatchObject({ kind: 'object-storage', label: 'S3 bucket', tech: 'S3' });
    expect(byId(board, 'newshape')).toMatchObject({ kind: 'sql-db', label: 'Sessions' }); // a cylinder
    expect(byId(board, 'decide')).toMatchObject({ kind: 'shape', shape: 'diamond', label: 'Retry?' });
    expect(byId(board, 'thing')).toMatchObject({ kind: 'shape', shape: 'ellipse', label: 'Mystery box' });
    expect(byId(board, 'a1')).toMatchObject({ kind: 'shape', label: 'Input' });
  });

  it('reads every edge form, & fan-outs, labels in both syntaxes, dotted edges as asynchronous', () => {
    const edge = (from: string, to: string) => board.links.find((l) => l.from === from && l.to === to);
    expect(edge('users', 'lb')).toBeDefined();
    expect(edge('mobile', 'lb')).toBeDefined(); // users & mobile --> lb
    expect(edge('lb', 'api')).toMatchObject({ label: 'HTTPS' });
    expect(edge('lb', 'search')).toMatchObject({ label: 'gRPC calls' });
    expect(edge('api', 'queue')).toMatchObject({ label: 'order.created', async: true });
    expect(edge('queue', 'worker')).toMatchObject({ label: 'consume', async: true });
    expect(edge('worker', 'blob')).toMatchObject({ label: 'writes' });
    expect(edge('api', 'cache')?.async).toBeUndefined(); // ==> is thick, not dotted
    expect(edge('api', 'db')).toBeDefined(); // --- an open line
    expect(edge('api', 'newshape')).toBeDefined(); // an edge id
    expect(edge('a1', 'a2')).toBeDefined(); // --o
    expect(edge('a2', 'a1')).toBeDefined(); // --x after a ;
    expect(edge('api', 'thing')).toBeUndefined(); // ~~~ only spaces nodes
  });

  it('makes nested subgraphs groups with their titles, and lays everything out inside them', () => {
    expect(byId(board, 'region')).toMatchObject({ kind: 'group', label: 'EU region' });
    expect(byId(board, 'az1')).toMatchObject({ kind: 'group', label: 'Zone A', parent: 'region' });
    expect(byId(board, 'Observability')).toMatchObject({ kind: 'group', label: 'Observability' });
    expect(byId(board, 'api').parent).toBe('az1');
    expect(byId(board, 'db').parent).toBe('region');
    const az1 = byId(board, 'az1');
    const api = byId(board, 'api');
    expect(api.x).toBeGreaterThanOrEqual(0);
    expect(api.x + 184).toBeLessThanOrEqual(az1.width!);
    // LR: the users sit left of what they call.
    expect(byId(board, 'users').x).toBeLessThan(byId(board, 'lb').x);
  });

  it.each([
    // [direction, axis the arrow runs along, whether the caller's coordinate is smaller]
    ['TD', 'y', true],
    ['TB', 'y', true],
    ['BT', 'y', false],
    ['LR', 'x', true],
    ['RL', 'x', false],
  ] as const)('lays out %s charts the way the arrows point', (direction, axis, before) => {
    const { board: chart } = importMermaid(`flowchart ${direction}\n  A[Client] --> B[API] --> C[(DB)]`);
    const [a, b, c] = ['A', 'B', 'C'].map((id) => byId(chart, id)[axis]);
    if (before) expect(a! < b! && b! < c!).toBe(true);
    else expect(a! > b! && b! > c!).toBe(true);
  });

  it('fails with the line for text it cannot read, and for what is not a flowchart', () => {
    expect(() => importMermaid('sequenceDiagram\n  A->>B: hi')).toThrow(/not a Mermaid flowchart/);
    expect(() => importMermaid('flowchart TD\n  A[open --> B')).toThrow(/line 2: node "A" has no closing/);
    expect(() => importMermaid('flowchart TD\n  A --> B\n  end')).toThrow(/line 3: "end" without a subgraph/);
    expect(() => importMermaid('graph TD\n  A ?? B')).toThrow(/line 2: expected an arrow/);
    // A chain of thousands of nodes overflowed the auto-layout's stack and escaped as a RangeError.
    const chain = ['flowchart LR', ...Array.from({ length: 2500 }, (_, i) => `  n${i} --> n${i + 1}`)].join('\n');
    expect(() => importMermaid(chain, 'chain.mmd')).toThrow(/chain.mmd is too deep to lay out/);
  });

  it('decodes entities, line breaks and icons in labels', () => {
    expect(mermaidLabelText('"R#38;D #quot;x#quot;"')).toBe('R&D "x"');
    expect(mermaidLabelText('"two<br/>lines"')).toBe('two\nlines');
    expect(mermaidLabelText('"two\\nlines"')).toBe('two\nlines');
    expect(mermaidLabelText('fa:fa-user Users')).toBe('Users');
    expect(mermaidLabelText('"`**bold** and _it_`"')).toBe('bold and it');
  });

  it('keeps a real-world chart as written in a README (graph TD, semicolons, no quotes)', () => {
    const { board: b, report: r } = importMermaid(
      'graph TD;\n    A[Client] -->|GET /feed| B(Feed Service);\n    B --> C{Cache hit?};\n    C -->|yes| D[(Redis)];\n    C -->|no| E[(Cassandra)];',
    );
    expect(importSummary(r)).toBe('5 blocks, 5 recognised, 0 kept as shapes; 4 links');
    expect(b.blocks.map((x) => x.kind)).toEqual(['client', 'service', 'cache', 'cache', 'nosql-db']);
    expect(b.links.map((l) => l.label ?? '')).toEqual(['GET /feed', '', 'yes', 'no']);
  });
});

describe('Mermaid round trip: every template and reference design exports and imports back', () => {
  const dir = join(__dirname, '../../../templates');
  const boards: [string, Pick<Board, 'blocks' | 'links'>][] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const board = parseBoardJson(readFileSync(join(dir, f), 'utf8'), f);
    boards.push([f, board]);
    if (board.template) boards.push([`${f} reference`, board.template.reference]);
  }

  it.each(boards.filter(([, b]) => b.blocks.length > 0))('%s', (_name, original) => {
    const { board } = importMermaid(boardToMermaid(original));
    const mid = (id: string) => `n_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
    for (const b of original.blocks) {
      const back = byId(board, mid(b.id));
      expect(back.kind, b.id).toBe(b.kind);
      if (b.kind === 'note') continue;
      // A label that only repeats the kind's name is no label: the card shows the kind's name either way.
      const label = b.label?.trim() && b.label.trim() !== kindInfo(b.kind).label ? b.label.trim() : null;
      expect(back.label ?? null, b.id).toBe(label);
      expect(back.tech ?? null, b.id).toBe(b.tech?.trim() || null);
      expect(back.parent ?? null, b.id).toBe(b.parent ? mid(b.parent) : null);
    }
    const ends = (l: { from: string; to: string }) => `${l.from}>${l.to}`;
    expect(board.links.map(ends).sort()).toEqual(original.links.map((l) => `${mid(l.from)}>${mid(l.to)}`).sort());
  });
});

describe('protocols named in edge labels', () => {
  it('reads replication, events, gRPC and WebSocket from the label, and nothing from other words', () => {
    const { board } = importMermaid(
      [
        'flowchart LR',
        '  P[(Tweets DB)] -- replication --> R[(Tweets replica)]',
        '  S[Tweet service] -- EVENT tweet.created --> Q[[Kafka]]',
        '  S -- gRPC --> U[User service]',
        '  C[Mobile app] -- WebSocket --> S',
        '  C -- read timeline --> S',
      ].join('\n'),
    );
    expect(board.links.map((l) => [l.label, l.protocol])).toEqual([
      ['replication', 'replication'],
      ['EVENT tweet.created', 'event'],
      ['gRPC', 'grpc'],
      ['WebSocket', 'websocket'],
      ['read timeline', undefined],
    ]);
  });
});
