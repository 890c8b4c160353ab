import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ruleEnabledEdit } from '../board/edits';
import { docToBoard } from '../doc/board-doc';
import { start } from '../interview/timer';
import { openTestBoard, syncOnce } from './test-board';

/** A second replica that joined after the board was created (it has the board's skeleton). */
function joined(doc: Y.Doc): Y.Doc {
  const other = new Y.Doc();
  syncOnce(doc, other);
  return other;
}

describe('the editing API', () => {
  it('sets and clears scalars, flags and scale', () => {
    const { doc, editor } = openTestBoard();
    editor.apply([
      { op: 'set-requirement', field: 'prompt', value: 'Design X' },
      { op: 'set-requirement', field: 'availability', value: 99.9 },
      { op: 'set-feature', flag: 'search', on: true },
      { op: 'set-scale', field: 'dau', value: 1_000_000 },
    ]);
    expect(docToBoard(doc).requirements).toEqual({
      prompt: 'Design X',
      availability: 99.9,
      features: { search: true },
      scale: { dau: 1_000_000 },
    });
    editor.apply([
      { op: 'set-feature', flag: 'search', on: false },
      { op: 'set-scale', field: 'dau', value: undefined },
      { op: 'set-requirement', field: 'prompt', value: '' },
    ]);
    expect(docToBoard(doc).requirements).toEqual({ availability: 99.9 });
  });

  it('adds, edits, removes and reorders functional requirements', () => {
    const { doc, editor } = openTestBoard();
    for (const t of ['a', 'b', 'c']) editor.apply([{ op: 'insert-functional', index: 99, text: t }]);
    editor.apply([{ op: 'update-functional', index: 1, text: 'B' }]);
    editor.apply([{ op: 'move-functional', from: 2, to: 0 }]);
    expect(docToBoard(doc).requirements?.functional).toEqual(['c', 'a', 'B']);
    editor.apply([{ op: 'remove-functional', index: 1 }]);
    expect(docToBoard(doc).requirements?.functional).toEqual(['c', 'B']);
  });

  it('merges two people adding requirements at once', () => {
    const a = openTestBoard();
    const b = openTestBoard(joined(a.doc));
    a.editor.apply([{ op: 'insert-functional', index: 0, text: 'from a' }]);
    b.editor.apply([{ op: 'insert-functional', index: 0, text: 'from b' }]);
    syncOnce(b.doc, a.doc);
    syncOnce(a.doc, b.doc);
    expect([...(a.store.getBoard().requirements?.functional ?? [])].sort()).toEqual(['from a', 'from b']);
    expect(a.store.getBoard()).toEqual(b.store.getBoard());
  });

  it('keeps assumptions and board settings', () => {
    const { store, editor } = openTestBoard();
    editor.apply([{ op: 'set-requirement', field: 'assumptions', value: ['1M DAU'] }]);
    for (const [rule, on] of [
      ['orphan-block', false],
      ['missing-cdn', false],
      ['orphan-block', true],
    ] as const)
      editor.apply(ruleEnabledEdit(store.getState().settings, rule, on));
    editor.apply([{ op: 'set-settings', set: { findingsVisibleToCandidate: true } }]);
    const board = store.getBoard();
    expect(board.requirements?.assumptions).toEqual(['1M DAU']);
    expect(board.settings).toEqual({ disabledRules: ['missing-cdn'], findingsVisibleToCandidate: true });
  });

  it('gives a new block its size, label and id prefix from the catalog', () => {
    const { store, editor } = openTestBoard();
    const group = editor.addBlock({ kind: 'group', x: 10.4, y: 20.6 });
    const cache = editor.addBlock({ kind: 'cache', x: 0, y: 0, parent: group });
    expect(group.startsWith('group-')).toBe(true);
    expect(store.getState().blocks.get(group)).toMatchObject({
      x: 10,
      y: 21,
      width: 420,
      height: 280,
      label: 'Region',
    });
    expect(store.getState().blocks.get(cache)).toEqual({ id: cache, kind: 'cache', x: 0, y: 0, parent: group });
  });

  it('links two blocks once, with the protocol their kinds speak, and never a block to itself', () => {
    const { store, editor } = openTestBoard();
    const api = editor.addBlock({ kind: 'service', x: 0, y: 0 });
    const db = editor.addBlock({ kind: 'sql-db', x: 0, y: 100 });
    const link = editor.connect(api, db);
    expect(link).not.toBeNull();
    expect(editor.connect(api, db)).toBe(link);
    expect(editor.connect(api, api)).toBeNull();
    expect(store.getBoard().links).toEqual([{ id: link, from: api, to: db, protocol: 'query' }]);
  });

  it('makes each call one undo step of this person only', () => {
    const a = openTestBoard();
    const b = openTestBoard(joined(a.doc));
    const mine = a.editor.addBlock({ kind: 'service', x: 0, y: 0 });
    syncOnce(a.doc, b.doc);
    b.editor.updateBlock(mine, { label: 'theirs' });
    syncOnce(b.doc, a.doc);
    a.editor.deleteElements([mine], []);
    expect(a.store.getState().blocks.has(mine)).toBe(false);
    a.editor.undo();
    expect(a.store.getState().blocks.get(mine)?.label).toBe('theirs');
  });

  it('writes the timer without making it an undo step', () => {
    const { store, editor } = openTestBoard();
    editor.updateTimer((s) => start(s, 1_000));
    expect(store.getState().timer.runningSince).toBe(1_000);
    expect(editor.undoState()).toEqual({ canUndo: false, canRedo: false });
  });

  it('applies nothing for an observer', () => {
    const { doc, editor } = openTestBoard(new Y.Doc(), { readOnly: true });
    editor.addBlock({ kind: 'service', x: 0, y: 0 });
    editor.setTitle('x');
    expect(docToBoard(doc).blocks).toEqual([]);
    expect(docToBoard(doc).title).toBeUndefined();
  });

  it('replaces the whole board in one step, keeping the notes as shared text', () => {
    const { store, editor } = openTestBoard();
    const text = editor.noteText('api');
    editor.replaceBoard({
      format: 'archboard/v1',
      title: 'Imported',
      blocks: [{ id: 'b1', kind: 'cache', x: 1, y: 2 }],
      links: [],
      notes: { api: 'GET /x' },
    });
    expect(store.getBoard()).toMatchObject({ title: 'Imported', notes: { api: 'GET /x' } });
    expect(editor.noteText('api')).toBe(text);
    expect(text?.text.toString()).toBe('GET /x');
    editor.undo();
    expect(store.getBoard().blocks).toEqual([]);
  });
});
