import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { boardToMermaid } from '../../export/mermaid';
import { parseBoardJson, writeBoard } from '../format';
import type { Block, Board } from '../types';
import { importSummary } from './build';
import { htmlLabelText, importDrawio } from './drawio';
import { importMermaid } from './mermaid';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../tests/fixtures/import', name), 'utf8');
const byId = (board: Board, id: string): Block => {
  const b = board.blocks.find((x) => x.id === id);
  if (!b) throw new Error(`no block ${id}`);
  return b;
};

// tests/fixtures/import/every-construct.drawio is written by hand as draw.io saves a file: page
// "Architecture" as plain XML, page "AWS" compressed as draw.io does it (raw deflate of the
// URL-encoded XML, base64). plain-model.xml is the AWS page as a bare <mxGraphModel>.
describe('draw.io import, every construct (page 1, plain XML)', () => {
  const { board, report } = importDrawio(fixture('every-construct.drawio'), 'every-construct.drawio');

  it('reports what it inferred', () => {
    expect(importSummary(report)).toBe('8 blocks, 6 recognised, 2 kept as shapes; 5 links; 2 groups; 3 drawings');
    expect(board.title).toBe('Architecture');
  });

  it('reads HTML labels as text, with their lines', () => {
    expect(byId(board, 'lb')).toMatchObject({ kind: 'load-balancer', tech: 'HAProxy' });
    expect(byId(board, 'app')).toMatchObject({ kind: 'service', label: 'Checkout service', tech: 'Go' });
    expect(byId(board, 'cache')).toMatchObject({
      kind: 'cache',
      label: 'Session cache (Memcached)',
      tech: 'Memcached',
    });
    expect(htmlLabelText('<b>A</b>&amp;B<br>C&nbsp;D<div>E</div>')).toBe('A&B\nC D\nE');
    // draw.io writes the font size of a line break on the break ("Amazon<br style=…>Route 53").
    expect(htmlLabelText('Amazon<br style="font-size: 19px;">Route 53')).toBe('Amazon\nRoute 53');
    // A character reference past Unicode stays as written instead of throwing a RangeError.
    expect(htmlLabelText('A&#x110000;B&#99999999;')).toBe('A&#x110000;B&#99999999;');
  });

  it('infers from shapes (actor, cylinder) and wrapped cells, keeps the rest as shapes', () => {
    expect(byId(board, 'users')).toMatchObject({ kind: 'client' });
    expect(byId(board, 'db')).toMatchObject({ kind: 'sql-db', label: 'Orders' });
    expect(byId(board, 'stripe')).toMatchObject({ kind: 'external-service', tech: 'Stripe' });
    expect(byId(board, 'decide')).toMatchObject({ kind: 'shape', shape: 'diamond', label: 'Fraud?' });
    expect(byId(board, 'blob')).toMatchObject({ kind: 'shape', shape: 'ellipse', label: 'Something else' });
    expect(byId(board, 'title')).toMatchObject({ kind: 'text', label: 'Checkout architecture', fontSize: 20 });
  });

  it('makes swimlanes and containers groups, positions relative to them as draw.io keeps them', () => {
    expect(byId(board, 'vpc')).toMatchObject({ kind: 'group', label: 'VPC', x: 360, y: 60, width: 460, height: 380 });
    expect(byId(board, 'zone')).toMatchObject({ kind: 'group', label: 'Data tier', parent: 'vpc' });
    expect(byId(board, 'app')).toMatchObject({ parent: 'vpc', x: 40, y: 60 });
    expect(byId(board, 'db')).toMatchObject({ parent: 'zone', x: 40, y: 40 });
  });

  it('makes edges with both ends links (labels from the edge or its label cell), the others loose arrows', () => {
    expect(board.links).toEqual([
      { id: 'l1', from: 'users', to: 'lb', label: 'HTTPS' },
      { id: 'l2', from: 'lb', to: 'app', label: 'gRPC', protocol: 'grpc' },
      { id: 'l3', from: 'app', to: 'db' },
      { id: 'l4', from: 'app', to: 'stripe', label: 'events', async: true, protocol: 'event' },
      { id: 'l5', from: 'app', to: 'cache' },
    ]);
    expect(byId(board, 'loose')).toMatchObject({
      kind: 'arrow',
      heads: 'end',
      toBlock: 'decide',
      label: 'look here',
      x: 40,
      y: 400,
    });
    expect(byId(board, 'free')).toMatchObject({ kind: 'arrow', heads: 'none', points: [0, 0, 50, 0, 100, 60] });
  });

  it('survives the JSON round trip, and a Mermaid export and import keeps kinds and links', () => {
    expect(parseBoardJson(writeBoard(board))).toEqual(board);
    const back = importMermaid(boardToMermaid(board)).board;
    for (const b of board.blocks.filter((x) => x.kind !== 'arrow'))
      expect(byId(back, `n_${b.id}`).kind, b.id).toBe(b.kind);
    expect(back.links).toHaveLength(board.links.length);
  });
});

describe('draw.io import: compressed pages, pages by name, cloud stencils', () => {
  it('inflates the compressed page named "AWS" and maps AWS, Azure and GCP stencils to kinds', () => {
    const { board, report } = importDrawio(fixture('every-construct.drawio'), 'x.drawio', { page: 'AWS' });
    expect(importSummary(report)).toBe('8 blocks, 8 recognised, 0 kept as shapes; 4 links; 1 group');
    const kinds = Object.fromEntries(board.blocks.map((b) => [b.id, [b.kind, b.tech]]));
    expect(kinds).toEqual({
      region: ['group', undefined],
      cf: ['cdn', 'CloudFront'],
      fn: ['worker', 'Lambda'],
      s3: ['object-storage', 'S3'],
      ddb: ['nosql-db', 'DynamoDB'],
      sqs: ['queue', 'SQS'],
      redis: ['cache', 'Redis'],
      bq: ['analytics', 'BigQuery'],
      cosmos: ['nosql-db', undefined],
    });
    expect(byId(board, 'fn')).toMatchObject({ parent: 'region', label: 'Resize images' });
  });

  it('reads a bare <mxGraphModel> the same', () => {
    const page = importDrawio(fixture('every-construct.drawio'), 'x.drawio', { page: 'AWS' }).board;
    const bare = importDrawio(fixture('plain-model.xml'), 'plain-model.xml').board;
    expect(bare.blocks).toEqual(page.blocks);
    expect(bare.links).toEqual(page.links);
  });

  it('inflates what fflate deflates the way draw.io does', () => {
    const xml =
      '<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/><mxCell id="k" value="Kafka" vertex="1" parent="1"><mxGeometry x="5" y="6" width="80" height="40" as="geometry"/></mxCell></root></mxGraphModel>';
    const payload = btoa(String.fromCharCode(...deflateSync(strToU8(encodeURIComponent(xml)))));
    const file = `<mxfile><diagram name="Only">${payload}</diagram></mxfile>`;
    expect(importDrawio(file).board.blocks).toEqual([
      { id: 'k', kind: 'queue', x: 5, y: 6, label: 'Kafka', tech: 'Kafka' },
    ]);
  });

  it('names the pages when the one asked for is not there, and refuses what is not draw.io', () => {
    expect(() => importDrawio(fixture('every-construct.drawio'), 'x.drawio', { page: 'Nope' })).toThrow(
      /no page named "Nope"; its pages: "Architecture", "AWS"/,
    );
    expect(() => importDrawio('<svg/>', 'a.xml')).toThrow(/not a draw.io file/);
    expect(() => importDrawio('<mxfile><diagram name="P">!!!notbase64</diagram></mxfile>')).toThrow(
      /page "P" is neither XML/,
    );
    expect(() => importDrawio('<mxfile><diagram', 'bad.drawio')).toThrow(/bad.drawio is not valid XML/);
  });
});
