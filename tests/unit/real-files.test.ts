/**
 * The importers on real files made with each tool, not written by hand: they live in
 * tests/fixtures/import/real/, and tests/fixtures/import/real/README.md names each file's source
 * repository, path, commit and licence.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDiagram, importSummary } from '../../src/board/import';
import type { Block, Board } from '../../src/board/types';

const real = (name: string) => readFileSync(join(__dirname, '../fixtures/import/real', name), 'utf8');
const byId = (board: Board, id: string): Block => {
  const b = board.blocks.find((x) => x.id === id);
  if (!b) throw new Error(`no block ${id}`);
  return b;
};
const byLabel = (board: Board, label: string): Block[] => board.blocks.filter((b) => b.label === label);

// Saved by draw.io 16.5.1 (Electron); the page is draw.io's compressed <diagram> payload.
describe('draw.io: aws-simple-architecture.drawio (AWS groups and resource icons, no edges)', () => {
  const { board, report } = importDiagram(real('aws-simple-architecture.drawio'), 'aws-simple-architecture.drawio');
  const id = (n: number) => `5G6M97Ru5O6IGqaMy1Rf-${n}`;

  it('keeps every vertex: AWS groups as groups, icons as blocks, plain boxes as shapes', () => {
    expect(importSummary(report)).toBe('15 blocks, 11 recognised, 4 kept as shapes; 0 links; 8 groups');
    expect(report.warnings).toEqual([]);
    expect(board.links).toEqual([]);
  });

  it('makes the mxgraph.aws4 group shapes groups, positions kept', () => {
    expect(byId(board, id(22))).toMatchObject({ kind: 'group', label: 'AWS Cloud', x: -1020, y: -800 });
    expect(byId(board, id(23))).toMatchObject({ kind: 'group', label: 'VPC', x: -1000, y: -720 });
    expect(board.blocks.filter((b) => b.kind === 'group').map((b) => b.label)).toEqual([
      'AWS Cloud',
      'VPC',
      'Public DMZ1',
      'Public DMZ2',
      'Private Subnet 1',
      'Private Subnet 2',
      'Auto Scaling group',
      'Auto Scaling group',
    ]);
  });

  it('maps the AWS resource icons to catalog kinds', () => {
    // "Elastic<br>Load<br>Balancer" under a 48 px icon: one name wrapped, not a title and notes.
    expect(byId(board, id(30))).toMatchObject({ kind: 'load-balancer', label: 'Elastic Load Balancer' });
    expect(byId(board, id(30)).notes).toBeUndefined();
    expect(byId(board, id(34))).toMatchObject({ kind: 'service', label: 'Confluence Cluster 1' });
    expect(byId(board, id(52))).toMatchObject({ kind: 'sql-db', label: 'Primary' });
    expect(byId(board, id(55))).toMatchObject({ kind: 'sql-db', label: 'Secondary' });
    expect(byId(board, id(37))).toMatchObject({ kind: 'client', label: 'Users' });
    expect(byLabel(board, 'Reverse Proxy').map((b) => b.kind)).toEqual(['web-server', 'web-server']);
  });

  it('keeps what it cannot name as shapes with their text', () => {
    expect(byId(board, id(31))).toMatchObject({ kind: 'shape', label: 'Availability Zone 1' });
    expect(byId(board, id(32))).toMatchObject({ kind: 'shape', label: 'Availability Zone 2' });
    expect(byLabel(board, 'Elastic IP').map((b) => b.kind)).toEqual(['shape', 'shape']);
  });
});

// Saved by draw.io 16.5.1 (Electron), compressed page; labels with <br style="…"> beside the icons.
describe('draw.io: aws-saas-example.drawio (edges, replication link, labels beside icons)', () => {
  const { board, report } = importDiagram(real('aws-saas-example.drawio'), 'aws-saas-example.drawio');

  it('reports what it inferred', () => {
    expect(importSummary(report)).toBe('18 blocks, 8 recognised, 10 kept as shapes; 23 links; 4 groups; 5 drawings');
    expect(report.warnings).toEqual([]);
  });

  it('maps the AWS icons, reading a <br> with attributes as a line break', () => {
    expect(byId(board, '20')).toMatchObject({ kind: 'object-storage', label: 'Amazon S3', tech: 'S3' });
    expect(byId(board, '37')).toMatchObject({ kind: 'dns', label: 'Amazon Route 53', tech: 'Route 53' });
    expect(byId(board, '48')).toMatchObject({ kind: 'cdn', tech: 'CloudFront' });
    expect(byId(board, '19')).toMatchObject({ kind: 'load-balancer', label: 'Elastic Load Balancing' });
    expect(byId(board, '51')).toMatchObject({ kind: 'sql-db', tech: 'RDS' });
    expect(byId(board, '36')).toMatchObject({ kind: 'client' });
    expect(byId(board, '54')).toMatchObject({ kind: 'shape', label: 'Static Resources' });
    expect(byLabel(board, 'M4').map((b) => b.kind)).toEqual(['shape', 'shape', 'shape', 'shape']);
  });

  it('makes the edges links with their ends and labels', () => {
    expect(board.links).toHaveLength(23);
    expect(board.links).toContainEqual({ id: 'l18', from: '36', to: '37' });
    expect(board.links).toContainEqual({ id: 'l23', from: '54', to: '20' });
    expect(board.links).toContainEqual({
      id: 'l22',
      from: '51',
      to: '52',
      label: 'Cross-AZ Replication',
      async: true,
      // The label names the protocol: a replication link, so the two databases are copies of one store.
      protocol: 'replication',
    });
    expect(board.links.filter((l) => l.from === '19').map((l) => l.to)).toEqual(['14', '12', '10', '8']);
  });

  it('makes the availability-zone and auto-scaling frames groups', () => {
    expect(board.blocks.filter((b) => b.kind === 'group').map((b) => b.label ?? '')).toEqual([
      '',
      '',
      'Auto Scaling',
      'Auto Scaling',
    ]);
  });
});

// Saved by the Excalidraw VS Code extension (its "source" is a vscode-webview address), 2022.
describe('Excalidraw: text-dedup-architecture.excalidraw (bound text, bound and loose arrows)', () => {
  const { board, report } = importDiagram(
    real('text-dedup-architecture.excalidraw'),
    'text-dedup-architecture.excalidraw',
  );

  it('reports what it inferred', () => {
    expect(importSummary(report)).toBe('5 blocks, 0 recognised, 5 kept as shapes; 5 links; 6 drawings');
    expect(report.warnings).toEqual([]);
  });

  it('labels containers with their bound text and keeps the shapes they are', () => {
    expect(byId(board, 'AWKr9RBvDhElazRhNEjse')).toMatchObject({ kind: 'shape', shape: 'rectangle', label: 'Dataset' });
    expect(byId(board, 'Y8HP8wOvuUtwslwPGzOA1')).toMatchObject({ kind: 'shape', shape: 'diamond', label: 'Embed' });
    expect(byId(board, '1EqNfrKma5SPRBYoc9mqR')).toMatchObject({ kind: 'shape', shape: 'diamond', label: 'Cluster' });
    expect(byId(board, '6iUkYD_2cY08qAWTtJaPu')).toMatchObject({
      kind: 'shape',
      shape: 'diamond',
      label: 'Deduplicate',
      x: 1473,
      y: 367,
    });
    // Text laid over a rectangle without binding stays free text, the rectangle an empty shape.
    expect(byId(board, '2sSJORUVv3WMxDP-iOzEk')).toMatchObject({ kind: 'shape', shape: 'rectangle' });
    expect(byId(board, '2sSJORUVv3WMxDP-iOzEk').label).toBeUndefined();
    expect(byId(board, 'A-cPOOHznPX_g2VsYtgpB')).toMatchObject({ kind: 'text', label: 'DataFrame' });
  });

  it('makes arrows bound at both ends links, including those from a note', () => {
    expect(board.links).toEqual([
      { id: 'l1', from: 'Y8HP8wOvuUtwslwPGzOA1', to: '1EqNfrKma5SPRBYoc9mqR' },
      { id: 'l2', from: '1EqNfrKma5SPRBYoc9mqR', to: '6iUkYD_2cY08qAWTtJaPu' },
      { id: 'l3', from: 'YrVMymfyc3vBWbzDAzBVz', to: 'Y8HP8wOvuUtwslwPGzOA1' },
      { id: 'l4', from: 'RVF4qunX5i_KXbSdiACXo', to: '1EqNfrKma5SPRBYoc9mqR' },
      { id: 'l5', from: '6peKMdafzL6JYJ3eMbpuo', to: '6iUkYD_2cY08qAWTtJaPu' },
    ]);
    expect(byId(board, 'YrVMymfyc3vBWbzDAzBVz')).toMatchObject({
      kind: 'text',
      label: 'This step maps the input data into\nembeddings or any forms of representation\nfor next stage.',
    });
  });

  it('keeps the two unbound arrows as drawn arrows', () => {
    expect(byId(board, 'vlBzCWhgcLRJwnRWTcs0t')).toMatchObject({ kind: 'arrow', heads: 'end' });
    expect(byId(board, 'cWh8UujaRCfvaCN3dwtpk')).toMatchObject({ kind: 'arrow', heads: 'end' });
  });
});

// Mermaid's own documentation diagram: YAML front matter, %% comments, <br/> labels, |"…"| edge labels.
describe('Mermaid: flowchart-code-flow.mmd (a 123-edge flowchart from the Mermaid docs)', () => {
  const { board, report } = importDiagram(real('mermaid-flowchart-code-flow.mmd'), 'flowchart-code-flow.mmd');

  it('reads every node and edge past the front matter', () => {
    expect(report.format).toBe('mermaid');
    expect(importSummary(report)).toBe('122 blocks, 8 recognised, 114 kept as shapes; 123 links');
    expect(report.warnings).toEqual([]);
    expect(board.blocks.some((b) => /references|generationTime/.test(b.label ?? ''))).toBe(false);
  });

  it('keeps labels, <br/> as line breaks, and shapes', () => {
    expect(byId(board, 'Input')).toMatchObject({ label: 'User Input Text' });
    expect(byId(board, 'Detection')).toMatchObject({ kind: 'shape', shape: 'diamond', label: 'Detection Phase' });
    expect(byId(board, 'flowDetector')).toMatchObject({
      kind: 'shape',
      shape: 'rectangle',
      label: 'flowDetector.ts\ndetector(txt, config)',
    });
    expect(byId(board, 'FinalSVG')).toMatchObject({ kind: 'shape', label: 'Final SVG Output' });
  });

  it('makes the edges links, with their quoted labels', () => {
    expect(board.links).toHaveLength(123);
    expect(board.links).toContainEqual(
      expect.objectContaining({ from: 'flowDetector', to: 'DetectLegacy', label: 'Checks /^\\s*graph/' }),
    );
    expect(board.links).toContainEqual(
      expect.objectContaining({ from: 'DetectLegacy', to: 'LoadDiagram', label: 'Yes' }),
    );
    expect(board.links).toContainEqual(expect.objectContaining({ from: 'Input', to: 'Detection' }));
  });

  it('infers a datastore from "db:"', () => {
    expect(byId(board, 'Database')).toMatchObject({ kind: 'sql-db', label: 'db: new FlowDB()' });
  });
});
