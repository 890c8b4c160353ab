/**
 * Board format v1's drawing kinds (text, shape, sketch, arrow): validated at
 * the boundary, kept exactly through a file and the live document, ignored by
 * the linter, left out of the Mermaid text where they have no form.
 */
import { describe, expect, it } from 'vitest';
import { BoardFormatError, parseBoardJson, readBoard, writeBoard } from '../../src/board/format';
import { boardToDoc, docToBoard } from '../../src/doc/board-doc';
import { canonicalBoard } from '../../src/board/ops';
import { drawingOf, hasRole, PALETTE_KINDS, searchCatalog } from '../../src/board/catalog';
import { lint } from '../../src/lint/lint';
import { boardToMermaid } from '../../src/export/mermaid';
import type { Board } from '../../src/board/types';

const drawn = (): Board => ({
  format: 'archboard/v1',
  title: 'Drawn',
  blocks: [
    { id: 'api', kind: 'service', x: 0, y: 0, label: 'API' },
    { id: 't1', kind: 'text', x: 10.5, y: -40, label: 'Write path', fontSize: 24, color: '#1e293b' },
    { id: 's1', kind: 'shape', shape: 'diamond', x: 300, y: 0, width: 160, height: 96, label: 'Cache hit?' },
    {
      id: 'k1',
      kind: 'sketch',
      x: 40,
      y: 200,
      points: [0, 0, 3.25, 1.5, 8, 4, 12.125, 9],
      pressures: [0.2, 0.5, 0.75, 0.4],
      color: '#e11d48',
      strokeWidth: 4,
    },
    { id: 'k2', kind: 'sketch', x: 0, y: 260, points: [0, 0, 100, 0], highlighter: true, color: '#facc15' },
    {
      id: 'a1',
      kind: 'arrow',
      x: 0,
      y: 0,
      points: [92, 60, 92, 140, 380, 140],
      heads: 'both',
      route: 'elbow',
      fromBlock: 'api',
      toBlock: 's1',
    },
  ],
  links: [{ id: 'l1', from: 'api', to: 's1', protocol: 'query' }],
});

describe('drawing kinds in board files', () => {
  it('a file with every drawing kind reads, writes and reads back exactly', () => {
    const board = readBoard(drawn());
    const text = writeBoard(board);
    expect(parseBoardJson(text)).toEqual(board);
    expect(JSON.parse(text)).toEqual(drawn());
  });

  it('the live document keeps them exactly', () => {
    const back = docToBoard(boardToDoc(drawn()));
    expect(back).toEqual(canonicalBoard(drawn()));
  });

  it.each([
    [{ id: 'x', kind: 'sketch', x: 0, y: 0 }, 'blocks[1].points', /at least one point/],
    [{ id: 'x', kind: 'sketch', x: 0, y: 0, points: [1, 2, 3] }, 'blocks[1].points', /even/],
    [{ id: 'x', kind: 'arrow', x: 0, y: 0, points: [0, 0] }, 'blocks[1].points', /two points/],
    [{ id: 'x', kind: 'arrow', x: 0, y: 0, points: [0, 0, 1, 1], toBlock: 'ghost' }, 'blocks[1].toBlock', /ghost/],
    [{ id: 'x', kind: 'arrow', x: 0, y: 0, points: [0, 0, 1, 1], heads: 'start' }, 'blocks[1].heads', /./],
    [{ id: 'x', kind: 'shape', x: 0, y: 0 }, 'blocks[1].shape', /rectangle, ellipse, diamond/],
    [{ id: 'x', kind: 'shape', x: 0, y: 0, shape: 'star' }, 'blocks[1].shape', /./],
    [{ id: 'x', kind: 'text', x: 0, y: 0, fontSize: -3 }, 'blocks[1].fontSize', /./],
    [{ id: 'x', kind: 'sketch', x: 0, y: 0, points: [0, 0], color: 'red; x' }, 'blocks[1].color', /colour/],
  ])('rejects a bad drawing block with the field path (%j)', (bad, path, message) => {
    const input = { format: 'archboard/v1', blocks: [{ id: 'a', kind: 'service', x: 0, y: 0 }, bad], links: [] };
    let error: unknown;
    try {
      readBoard(input);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(BoardFormatError);
    const issues = (error as BoardFormatError).issues;
    expect(
      issues.some((i) => i.path === path && message.test(i.message)),
      JSON.stringify(issues),
    ).toBe(true);
  });

  it('the catalog knows them as annotations outside the palette', () => {
    for (const kind of ['text', 'shape', 'sketch', 'arrow']) {
      expect(drawingOf(kind)).toBe(kind);
      expect(hasRole(kind, 'annotation')).toBe(true);
      expect(PALETTE_KINDS.some((e) => e.kind === kind)).toBe(false);
    }
    expect(searchCatalog('pen').some((e) => e.drawing)).toBe(false);
    expect(drawingOf('service')).toBeUndefined();
  });

  it('the linter ignores them: the same findings with and without the drawing', () => {
    const strokes = new Set(['t1', 'k1', 'k2', 'a1']);
    const plain: Board = { ...drawn(), blocks: drawn().blocks.filter((b) => !strokes.has(b.id)) };
    const withDrawing = lint(drawn()).map((f) => f.rule);
    expect(withDrawing).toEqual(lint(plain).map((f) => f.rule));
    for (const f of lint(drawn())) for (const id of f.blocks) expect(strokes.has(id)).toBe(false);
  });

  it('Mermaid text leaves out strokes and loose arrows, and keeps text and shapes', () => {
    const text = boardToMermaid(drawn());
    expect(text).toContain('Write path');
    expect(text).toContain('Cache hit?');
    expect(text.split('\n').filter((l) => /-->|-\.->/.test(l))).toHaveLength(1);
  });
});
