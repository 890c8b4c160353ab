/**
 * The contract every BoardStorage must keep, as one vitest suite (after
 * automerge-repo's runStorageAdapterTests). Each implementation's test file
 * calls `runStorageContract(name, createFixture)`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { BoardStorage } from './storage';

/** A store under test and the data behind it. */
export interface StorageFixture {
  /** Opens the store on the fixture's data; called again after close() to model a restart. */
  open(): Promise<BoardStorage>;
  /** Removes the fixture's data. */
  dispose(): Promise<void>;
}

/** A doc that records every update it emits. */
function recordingDoc(): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return { doc, updates };
}

function docFrom(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  // Order must not matter: a store may return updates in any order.
  for (const update of [...updates].reverse()) Y.applyUpdate(doc, update);
  return doc;
}

function expectSameDoc(actual: Y.Doc, expected: Y.Doc): void {
  expect(actual.getMap('blocks').toJSON()).toEqual(expected.getMap('blocks').toJSON());
  expect(Y.encodeStateVector(actual)).toEqual(Y.encodeStateVector(expected));
  expect(actual.store.pendingStructs).toBeNull();
}

function editBlocks(doc: Y.Doc, count: number, prefix = 'b'): void {
  const blocks = doc.getMap<Y.Map<unknown>>('blocks');
  for (let i = 0; i < count; i++) {
    doc.transact(() => {
      const block = new Y.Map<unknown>();
      block.set('kind', 'service');
      block.set('x', i);
      blocks.set(`${prefix}${i}`, block);
    });
  }
}

/** Runs the BoardStorage contract against the stores `createFixture` makes. */
export function runStorageContract(name: string, createFixture: () => Promise<StorageFixture>): void {
  describe(`BoardStorage contract: ${name}`, () => {
    let fixture: StorageFixture;
    let storage: BoardStorage;

    beforeEach(async () => {
      fixture = await createFixture();
      storage = await fixture.open();
    });

    afterEach(async () => {
      await storage.close().catch(() => {});
      await fixture.dispose();
    });

    async function restart(): Promise<void> {
      await storage.close();
      storage = await fixture.open();
    }

    it('loads nothing for a document never written', async () => {
      expect(await storage.loadUpdates('never-written')).toEqual([]);
    });

    it('gives back appended updates that rebuild the document', async () => {
      const { doc, updates } = recordingDoc();
      editBlocks(doc, 20);
      for (const update of updates) storage.append('board-one', update);
      expectSameDoc(docFrom(await storage.loadUpdates('board-one')), doc);
    });

    it('keeps documents apart, including a board and its private document', async () => {
      const board = recordingDoc();
      const privateDoc = recordingDoc();
      const longerId = recordingDoc();
      editBlocks(board.doc, 3, 'public');
      editBlocks(privateDoc.doc, 2, 'secret');
      editBlocks(longerId.doc, 1, 'other');
      for (const u of board.updates) storage.append('abcdef', u);
      for (const u of privateDoc.updates) storage.append('abcdef/private', u);
      for (const u of longerId.updates) storage.append('abcdefg', u);
      expectSameDoc(docFrom(await storage.loadUpdates('abcdef')), board.doc);
      expectSameDoc(docFrom(await storage.loadUpdates('abcdef/private')), privateDoc.doc);
      expectSameDoc(docFrom(await storage.loadUpdates('abcdefg')), longerId.doc);
    });

    it('survives a restart, flushed or not', async () => {
      const { doc, updates } = recordingDoc();
      editBlocks(doc, 10);
      for (const update of updates.slice(0, 5)) storage.append('restarted', update);
      await storage.flush();
      for (const update of updates.slice(5)) storage.append('restarted', update);
      await restart();
      expectSameDoc(docFrom(await storage.loadUpdates('restarted')), doc);
    });

    it('replaces a document with one state on compact, and keeps later appends', async () => {
      const { doc, updates } = recordingDoc();
      editBlocks(doc, 30);
      for (const update of updates) storage.append('compacted', update);
      storage.append('untouched', updates[0]!);
      await storage.compact('compacted', Y.encodeStateAsUpdate(doc));
      expect(await storage.loadUpdates('compacted')).toHaveLength(1);
      expect(await storage.loadUpdates('untouched')).toHaveLength(1);

      updates.length = 0;
      editBlocks(doc, 3, 'after');
      for (const update of updates) storage.append('compacted', update);
      await restart();
      expectSameDoc(docFrom(await storage.loadUpdates('compacted')), doc);
    });

    it('loads everything while a flush is under way', async () => {
      const { doc, updates } = recordingDoc();
      editBlocks(doc, 200);
      for (const update of updates.slice(0, 100)) storage.append('busy', update);
      const flushing = storage.flush();
      for (const update of updates.slice(100)) storage.append('busy', update);
      const loaded = await storage.loadUpdates('busy');
      await flushing;
      expectSameDoc(docFrom(loaded), doc);
    });

    it('refuses to work after close', async () => {
      await storage.close();
      expect(() => storage.append('closed', new Uint8Array([0, 0]))).toThrow();
      await expect(storage.loadUpdates('closed')).rejects.toThrow();
    });
  });
}
