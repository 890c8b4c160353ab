import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { applyOpsToDoc, blocksOf } from '../doc/board-doc';
import { kindDrawnAs } from '../board/catalog';
import { openTestBoard, syncOnce } from './test-board';

const CARD = kindDrawnAs('card');
const FRAME = kindDrawnAs('frame');

describe('the board store', () => {
  it('reads a bad field as missing, warns once, and keeps unchanged blocks as the same objects', () => {
    const warnings: string[] = [];
    const { doc, store } = openTestBoard(new Y.Doc(), { warnings });
    applyOpsToDoc(doc, [
      { op: 'add-block', block: { id: 'a', kind: CARD, x: 0, y: 0, label: 'A' } },
      { op: 'add-block', block: { id: 'b', kind: CARD, x: 0, y: 0, label: 'B' } },
    ]);
    const before = store.getState();
    doc.transact(() => blocksOf(doc).get('a')!.set('label', { evil: true }), 'remote');
    doc.transact(() => blocksOf(doc).get('a')!.set('x', 5), 'remote');
    const after = store.getState();
    expect(after.blocks.get('a')).toEqual({ id: 'a', kind: CARD, x: 5, y: 0 });
    expect(after.blocks.get('b')).toBe(before.blocks.get('b'));
    expect(warnings).toEqual(['Archboard: ignored a bad value in the shared board: block a.label is an object.']);
  });

  it('drops a parent that went away while someone dropped a block into it, and links to a deleted block', () => {
    const warnings: string[] = [];
    const ada = openTestBoard(new Y.Doc(), { warnings });
    ada.editor.apply([
      { op: 'add-block', block: { id: 'g', kind: FRAME, x: 0, y: 0, width: 400, height: 300 } },
      { op: 'add-block', block: { id: 'a', kind: CARD, x: 500, y: 0 } },
      { op: 'add-block', block: { id: 'b', kind: CARD, x: 600, y: 0 } },
    ]);
    ada.undo.stopCapturing();
    const bob = new Y.Doc();
    syncOnce(ada.doc, bob);
    // At once: Ada deletes the group; Bob puts a block in it and links the other to it.
    ada.editor.apply([{ op: 'remove-block', id: 'g' }]);
    applyOpsToDoc(bob, [
      { op: 'update-block', id: 'a', set: { x: 10, y: 10, parent: 'g' } },
      { op: 'add-link', link: { id: 'l', from: 'b', to: 'g' } },
    ]);
    syncOnce(bob, ada.doc);

    const state = ada.store.getState();
    expect(state.blocks.get('a')).toMatchObject({ id: 'a', x: 10, y: 10 });
    expect(state.blocks.get('a')).not.toHaveProperty('parent');
    expect(state.links.has('l')).toBe(false);
    expect(state.board.links).toEqual([]);
    expect(warnings.some((w) => w.includes('block a.parent names no block'))).toBe(true);

    // Undoing the delete brings the group back: the block is in it again and the link returns.
    ada.undo.undo();
    const restored = ada.store.getState();
    expect(restored.blocks.get('a')?.parent).toBe('g');
    expect(restored.links.has('l')).toBe(true);
  });

  it('keeps the maps when a transaction changes nothing they hold', () => {
    const { doc, store, editor } = openTestBoard();
    editor.apply([{ op: 'add-block', block: { id: 'a', kind: CARD, x: 0, y: 0, parent: 'nowhere' } }]);
    const before = store.getState();
    editor.apply([{ op: 'set-requirement', field: 'prompt', value: 'Design a feed' }]);
    const after = store.getState();
    expect(after.requirements.prompt).toBe('Design a feed');
    expect(after.blocks).toBe(before.blocks);
    expect(after.links).toBe(before.links);
    doc.transact(() => blocksOf(doc).get('a')!.set('label', 'A'));
    expect(store.getState().blocks.get('a')).toEqual({ id: 'a', kind: CARD, x: 0, y: 0, label: 'A' });
  });
});
