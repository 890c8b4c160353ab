import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { parseBoardJson } from '../board/format';
import { canonicalBoard } from '../board/ops';
import {
  applyOpsToDoc,
  blocksOf,
  boardToDoc,
  docToBoard,
  ensureDocSkeleton,
  linksOf,
  notesOf,
  removeBlocksFromDoc,
  requirementsOf,
} from './board-doc';
import type { Board } from '../board/types';

const examplesDir = join(__dirname, '../../examples');
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f, parseBoardJson(readFileSync(join(examplesDir, f), 'utf8'), f)] as const);

/** Encodes the doc and decodes it into a fresh one, as a second client would see it. */
function throughTheWire(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

describe('Y.Doc <-> board', () => {
  it.each(examples)('is lossless for %s', (_file, board) => {
    const doc = boardToDoc(board);
    expect(docToBoard(throughTheWire(doc))).toEqual(canonicalBoard(board));
  });

  it('is lossless for titles, templates, unknown fields and notes', () => {
    const board: Board = {
      format: 'archboard/v1',
      title: 'T',
      settings: { disabledRules: ['orphan-block'], findingsVisibleToCandidate: false },
      blocks: [
        { id: 'g', kind: 'group', x: 0, y: 0, width: 300, height: 200, label: 'us-east-1' },
        { id: 'a', kind: 'cache', x: 5, y: 6, parent: 'g', managed: true, extraField: [1, 2] },
      ],
      links: [],
      notes: { api: 'GET /x', custom: 'ok' },
      template: { id: 't', difficulty: 'easy', summary: 's', questions: ['q?'], reference: { blocks: [], links: [] } },
      unknownTopLevel: { nested: true },
    };
    expect(docToBoard(throughTheWire(boardToDoc(board)))).toEqual(canonicalBoard(board));
  });

  it('lays the doc out as ARCHITECTURE.md describes it', () => {
    const [, board] = examples.find(([f]) => f === 'url-shortener.json')!;
    const doc = boardToDoc(board);
    expect(blocksOf(doc).get('lb')).toBeInstanceOf(Y.Map);
    expect(blocksOf(doc).get('lb')!.get('replicas')).toBe(2);
    expect(linksOf(doc).get('l2')!.get('to')).toBe('lb');
    expect(requirementsOf(doc).get('functional')).toBeInstanceOf(Y.Array);
    expect(requirementsOf(doc).get('features')).toBeInstanceOf(Y.Map);
    expect(notesOf(doc).get('api')).toBeInstanceOf(Y.Text);
  });

  it('merges concurrent edits to different fields of one block', () => {
    const [, board] = examples[0]!;
    const a = boardToDoc(board);
    const b = throughTheWire(a);
    const id = board.blocks[1]!.id;
    blocksOf(a).get(id)!.set('label', 'renamed');
    blocksOf(b).get(id)!.set('x', 999);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(docToBoard(a)).toEqual(docToBoard(b));
    const merged = docToBoard(a).blocks.find((x) => x.id === id)!;
    expect(merged.label).toBe('renamed');
    expect(merged.x).toBe(999);
  });

  it('replacing content leaves no stale blocks', () => {
    const doc = boardToDoc(examples[0]![1]);
    const small: Board = { format: 'archboard/v1', blocks: [{ id: 'only', kind: 'note', x: 0, y: 0 }], links: [] };
    boardToDoc(small, doc);
    expect(docToBoard(doc)).toEqual(small);
  });

  it('removing a group removes what is inside it and their links', () => {
    const board: Board = {
      format: 'archboard/v1',
      blocks: [
        { id: 'g', kind: 'group', x: 0, y: 0 },
        { id: 'in', kind: 'service', x: 10, y: 10, parent: 'g' },
        { id: 'out', kind: 'client', x: 500, y: 0 },
      ],
      links: [{ id: 'l', from: 'out', to: 'in' }],
    };
    const doc = boardToDoc(board);
    expect([...removeBlocksFromDoc(doc, ['g'])].sort()).toEqual(['g', 'in']);
    expect(docToBoard(doc).blocks.map((b) => b.id)).toEqual(['out']);
    expect(docToBoard(doc).links).toEqual([]);
  });

  it('applies ops', () => {
    const doc = boardToDoc({ format: 'archboard/v1', blocks: [{ id: 'a', kind: 'service', x: 0, y: 0 }], links: [] });
    doc.transact(() =>
      applyOpsToDoc(doc, [
        { op: 'add-block', block: { id: 'c', kind: 'cache', x: 1, y: 2 } },
        { op: 'add-link', link: { id: 'l', from: 'a', to: 'c', protocol: 'query' } },
        { op: 'update-block', id: 'a', set: { replicas: 2, label: undefined } },
      ]),
    );
    const board = docToBoard(doc);
    expect(board.blocks).toEqual([
      { id: 'a', kind: 'service', x: 0, y: 0, replicas: 2 },
      { id: 'c', kind: 'cache', x: 1, y: 2 },
    ]);
    expect(board.links).toEqual([{ id: 'l', from: 'a', to: 'c', protocol: 'query' }]);
  });
});

describe('doc skeleton', () => {
  it('keeps nested types when content is replaced, so concurrent writers share them', () => {
    const doc = boardToDoc(examples[0]![1]);
    const features = requirementsOf(doc).get('features');
    const api = notesOf(doc).get('api');
    boardToDoc({ format: 'archboard/v1', blocks: [], links: [], notes: { api: 'new' } }, doc);
    expect(requirementsOf(doc).get('features')).toBe(features);
    expect(notesOf(doc).get('api')).toBe(api);
    expect(api!.toString()).toBe('new');
  });

  it('lets two clients toggle different feature flags of a fresh board', () => {
    const server = new Y.Doc();
    ensureDocSkeleton(server);
    const a = throughTheWire(server);
    const b = throughTheWire(server);
    (requirementsOf(a).get('features') as Y.Map<boolean>).set('search', true);
    (requirementsOf(b).get('features') as Y.Map<boolean>).set('media', true);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(docToBoard(a).requirements?.features).toEqual({ search: true, media: true });
    expect(docToBoard(b)).toEqual(docToBoard(a));
  });
});
