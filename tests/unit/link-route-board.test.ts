/**
 * Elbow links through the layers: the board file keeps a link's `route` and
 * the board's `settings.linkRoute` exactly and refuses other values, the live
 * document reads them back (a wrong value reads as missing), the editing API
 * sets both as one undo step each, and the SVG export draws the same route
 * the router gives the canvas, around the card in the way.
 */
import { describe, expect, it } from 'vitest';
import { BoardFormatError, parseBoardJson, readBoard, writeBoard } from '../../src/board/format';
import { orthogonalRoute, elbowLine } from '../../src/board/link-route';
import { readLink, readSettings } from '../../src/board/sanitize';
import { BOARD_FORMAT, type Board } from '../../src/board/types';
import { boardToDoc, docToBoard } from '../../src/doc/board-doc';
import { boardToSvg } from '../../src/export/svg';
import { openTestBoard } from '../../src/sync/test-board';

const board = (): Board => ({
  format: BOARD_FORMAT,
  settings: { linkRoute: 'elbow' },
  blocks: [
    { id: 'a', kind: 'service', x: 0, y: 100, width: 180, height: 60 },
    { id: 'b', kind: 'sql-db', x: 700, y: 100, width: 180, height: 60 },
    { id: 'wall', kind: 'cache', x: 300, y: 40, width: 180, height: 180 },
  ],
  links: [
    { id: 'l1', from: 'a', to: 'b', label: 'writes' },
    { id: 'l2', from: 'b', to: 'a', route: 'curved' },
  ],
});

describe('elbow links in the board file and the document', () => {
  it('round-trips route and linkRoute exactly, through the file and the Y.Doc', () => {
    const b = board();
    expect(parseBoardJson(writeBoard(b))).toEqual(b);
    expect(docToBoard(boardToDoc(b))).toEqual(b);
  });

  it('refuses a route that is neither curved nor elbow', () => {
    const bad = { ...board(), links: [{ id: 'l', from: 'a', to: 'b', route: 'zigzag' }] };
    expect(() => readBoard(bad)).toThrow(BoardFormatError);
    expect(() => readBoard({ ...board(), settings: { linkRoute: 'sideways' } })).toThrow(/settings\.linkRoute/);
  });

  it('reads a wrong value in the live document as missing, with a warning', () => {
    const warnings: string[] = [];
    const warn = (where: string) => warnings.push(where);
    expect(readLink({ id: 'l', from: 'a', to: 'b', route: 'zigzag' }, 'l', warn)).toEqual({
      id: 'l',
      from: 'a',
      to: 'b',
    });
    expect(readSettings({ linkRoute: 42 }, warn).settings).toEqual({});
    expect(readSettings({ linkRoute: 'elbow' }, warn).settings).toEqual({ linkRoute: 'elbow' });
    expect(warnings).toEqual(['link l.route', 'settings.linkRoute']);
  });

  it('the editing API sets a link’s route and the board’s, each one undo step', () => {
    const { doc, editor, store } = openTestBoard();
    editor.replaceBoard({ ...board(), settings: {} });
    editor.setLinkRoute('l1', 'elbow');
    expect(store.getState().links.get('l1')?.route).toBe('elbow');
    editor.setBoardLinkRoute('elbow');
    expect(store.getState().settings.linkRoute).toBe('elbow');
    // Curved is the default: choosing it for the board clears the setting.
    editor.setBoardLinkRoute('curved');
    expect(docToBoard(doc).settings?.linkRoute).toBeUndefined();
    editor.undo();
    expect(store.getState().settings.linkRoute).toBe('elbow');
    editor.undo();
    expect(store.getState().settings.linkRoute).toBeUndefined();
    // Following the board again removes the link's own choice.
    editor.setLinkRoute('l1', undefined);
    expect('route' in docToBoard(doc).links.find((l) => l.id === 'l1')!).toBe(false);
  });
});

describe('elbow links in the SVG export', () => {
  it('draws the router’s route, orthogonal and around the card in the way, and curves the others', () => {
    const svg = boardToSvg(board());
    const d = /<g data-link-id="l1"><path d="([^"]+)"/.exec(svg)![1]!;
    expect(d).toMatch(/^M[\d.,-]+( L[\d.,-]+)+$/);
    const points = [...d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map(([, x, y]) => ({ x: Number(x), y: Number(y) }));
    const rect = (id: string) => {
      const b = board().blocks.find((k) => k.id === id)!;
      return { x: b.x, y: b.y, width: b.width!, height: b.height! };
    };
    const expected = elbowLine(orthogonalRoute(rect('a'), rect('b'), [rect('wall')]));
    expect(points).toEqual(expected.map((p) => ({ x: Math.round(p.x * 100) / 100, y: Math.round(p.y * 100) / 100 })));
    const wall = rect('wall');
    for (let k = 1; k < points.length; k++) {
      const [p, q] = [points[k - 1]!, points[k]!];
      expect(p.x === q.x || p.y === q.y).toBe(true);
      const crosses =
        Math.min(p.x, q.x) < wall.x + wall.width &&
        Math.max(p.x, q.x) > wall.x &&
        Math.min(p.y, q.y) < wall.y + wall.height &&
        Math.max(p.y, q.y) > wall.y;
      expect(crosses).toBe(false);
    }
    // The link that chose a curve keeps it on an elbow board.
    expect(/<g data-link-id="l2"><path d="M[^"]* C/.test(svg)).toBe(true);
    // Its label chip sits on no card.
    const chip = /<g data-link-label="l1"><rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)"/.exec(
      svg,
    )!;
    const [x, y, w, h] = chip.slice(1).map(Number) as [number, number, number, number];
    for (const id of ['a', 'b', 'wall']) {
      const r = rect(id);
      expect(x < r.x + r.width && r.x < x + w && y < r.y + r.height && r.y < y + h, id).toBe(false);
    }
  });
});
