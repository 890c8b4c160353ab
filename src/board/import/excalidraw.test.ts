import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { boardToMermaid } from '../../export/mermaid';
import { parseBoardJson, writeBoard } from '../format';
import type { Block, Board } from '../types';
import { importSummary } from './build';
import { importExcalidraw, importExcalidrawText } from './excalidraw';
import { importMermaid } from './mermaid';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../tests/fixtures/import', name), 'utf8');
const byId = (board: Board, id: string): Block => {
  const b = board.blocks.find((x) => x.id === id);
  if (!b) throw new Error(`no block ${id}`);
  return b;
};

// tests/fixtures/import/every-construct.excalidraw is written by hand in the shape Excalidraw saves
// (every element field Excalidraw 0.17 writes), covering every construct the importer reads.
describe('Excalidraw import, every construct', () => {
  const { board, report } = importExcalidrawText(fixture('every-construct.excalidraw'), 'every-construct.excalidraw');

  it('reports what it inferred, and why an element was not carried over as it was', () => {
    expect(importSummary(report)).toBe('8 blocks, 4 recognised, 4 kept as shapes; 3 links; 1 group; 5 drawings');
    expect(report.warnings).toEqual(['image pic kept as a shape: pictures are not imported']);
  });

  it('labels containers with their bound text and infers kinds from it', () => {
    expect(byId(board, 'api')).toMatchObject({ kind: 'service', label: 'API service' });
    expect(byId(board, 'redis')).toMatchObject({ kind: 'cache', tech: 'Redis' });
    expect(byId(board, 'db')).toMatchObject({ kind: 'sql-db', label: 'Orders DB', tech: 'PostgreSQL' });
    expect(byId(board, 'users')).toMatchObject({ kind: 'client', label: 'Users' });
  });

  it('keeps what it cannot tell as shapes with their text and size, never drops one', () => {
    expect(byId(board, 'retry')).toMatchObject({
      kind: 'shape',
      shape: 'diamond',
      label: 'Retry?',
      width: 140,
      height: 100,
    });
    expect(byId(board, 'mystery')).toMatchObject({ kind: 'shape', shape: 'rectangle', label: 'Mystery box' });
    expect(byId(board, 'empty')).toMatchObject({ kind: 'shape', shape: 'rectangle' });
    expect(board.blocks.some((b) => b.id === 'gone')).toBe(false); // deleted in Excalidraw
  });

  it('keeps positions, relative to the frame (a group) for what sits in one', () => {
    expect(byId(board, 'frame1')).toMatchObject({
      kind: 'group',
      label: 'EU region',
      x: 300,
      y: 0,
      width: 520,
      height: 320,
    });
    expect(byId(board, 'api')).toMatchObject({ parent: 'frame1', x: 40, y: 60 });
    expect(byId(board, 'users')).toMatchObject({ x: 0, y: 60 });
  });

  it('makes arrows bound at both ends links (with their label; dashed asynchronous; backwards reversed)', () => {
    expect(board.links).toEqual([
      { id: 'l1', from: 'users', to: 'api', label: 'HTTPS' },
      { id: 'l2', from: 'api', to: 'redis', async: true },
      { id: 'l3', from: 'redis', to: 'db' },
    ]);
  });

  it('makes loose arrows, lines, freehand and free text the drawing kinds', () => {
    expect(byId(board, 'a4')).toMatchObject({
      kind: 'arrow',
      points: [0, 0, 30, 50, 0, 110],
      heads: 'end',
      fromBlock: 'users',
    });
    expect(byId(board, 'a5')).toMatchObject({ kind: 'arrow', heads: 'both' });
    expect(byId(board, 'line1')).toMatchObject({ kind: 'arrow', heads: 'none', points: [0, 0, 120, 0] });
    expect(byId(board, 'pen')).toMatchObject({
      kind: 'sketch',
      color: '#e03131',
      strokeWidth: 4,
      points: [0, 0, 10, 5, 20, 12, 40, 20, 60, 30],
    });
    expect(byId(board, 'note')).toMatchObject({
      kind: 'text',
      label: 'Read path: users hit the API first',
      fontSize: 28,
    });
  });

  it('survives the JSON round trip exactly, and a Mermaid export and import keeps kinds and links', () => {
    expect(parseBoardJson(writeBoard(board))).toEqual(board);
    const back = importMermaid(boardToMermaid(board)).board;
    for (const b of board.blocks.filter((x) => x.kind !== 'sketch' && x.kind !== 'arrow'))
      expect(byId(back, `n_${b.id}`).kind, b.id).toBe(b.kind);
    expect(back.links).toHaveLength(board.links.length);
  });

  it('reads Excalidraw clipboard JSON (tests/fixtures/import/clipboard.excalidraw.json)', () => {
    const { board: pasted, report: r } = importExcalidrawText(fixture('clipboard.excalidraw.json'));
    expect(importSummary(r)).toBe('2 blocks, 2 recognised, 0 kept as shapes; 1 link');
    expect(pasted.blocks.map((b) => b.kind)).toEqual(['client', 'queue']);
  });

  it('refuses what is not a scene, and skips malformed elements with a warning', () => {
    expect(() => importExcalidraw({ elements: [] })).toThrow(/not an Excalidraw scene/);
    expect(() => importExcalidrawText('{oops')).toThrow(/not JSON/);
    const r = importExcalidraw({ type: 'excalidraw', elements: [{ id: 'x', type: 'rectangle' }, 7] });
    expect(r.report.warnings).toHaveLength(2);
    expect(r.board.blocks).toEqual([]);
  });
});
