/**
 * The contract every BoardStorage must keep, as one vitest suite (after
 * automerge-repo's runStorageAdapterTests). Each implementation's test file
 * calls `runStorageContract(name, createFixture)`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { BoardStorage, HistoryEntry, UpdateOrigin } from './storage';

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

/** A server-written origin at time t, as the history recorder would pass it. */
const at = (t: number, by: UpdateOrigin['by'] = null): UpdateOrigin => ({ t, by });

/** The document the history's updates up to `until` rebuild, applied oldest first. */
function docAt(entries: readonly HistoryEntry[], until: number): Y.Doc {
  const doc = new Y.Doc();
  for (const entry of entries) if (entry.t <= until) Y.applyUpdate(doc, entry.update);
  return doc;
}

/** Runs the BoardStorage contract against the stores `createFixture` makes. */
export function runStorageContract(name: string, createFixture: () => Promise<StorageFixture>): void {
  describe(`BoardStorage contract: ${name}`, () => {
    let fixture: StorageFixture;
    let storage: BoardStorage;
    /** Appends of a shared store still under way; each must succeed, and the test need not wait for them. */
    let writes: Array<Promise<void>> = [];

    /** storage.append as the server calls it: not awaited (an embedded store is durable on return). */
    function append(docKey: string, update: Uint8Array, origin: UpdateOrigin): void {
      const written = storage.append(docKey, update, origin);
      if (written) writes.push(written);
    }

    beforeEach(async () => {
      fixture = await createFixture();
      storage = await fixture.open();
    });

    afterEach(async () => {
      const pending = writes;
      writes = [];
      await Promise.all(pending);
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
      for (const update of updates) append('board-one', update, at(1));
      expectSameDoc(docFrom(await storage.loadUpdates('board-one')), doc);
    });

    it('keeps documents apart, including a board and its private document', async () => {
      const board = recordingDoc();
      const privateDoc = recordingDoc();
      const longerId = recordingDoc();
      editBlocks(board.doc, 3, 'public');
      editBlocks(privateDoc.doc, 2, 'secret');
      editBlocks(longerId.doc, 1, 'other');
      for (const u of board.updates) append('abcdef', u, at(1));
      for (const u of privateDoc.updates) append('abcdef/private', u, at(1));
      for (const u of longerId.updates) append('abcdefg', u, at(1));
      expectSameDoc(docFrom(await storage.loadUpdates('abcdef')), board.doc);
      expectSameDoc(docFrom(await storage.loadUpdates('abcdef/private')), privateDoc.doc);
      expectSameDoc(docFrom(await storage.loadUpdates('abcdefg')), longerId.doc);
    });

    it('survives a restart, flushed or not', async () => {
      const { doc, updates } = recordingDoc();
      editBlocks(doc, 10);
      for (const update of updates.slice(0, 5)) append('restarted', update, at(1));
      await storage.flush();
      for (const update of updates.slice(5)) append('restarted', update, at(1));
      await restart();
      expectSameDoc(docFrom(await storage.loadUpdates('restarted')), doc);
    });

    it('replaces a document with one state on compact, and keeps later appends', async () => {
      const { doc, updates } = recordingDoc();
      editBlocks(doc, 30);
      for (const update of updates) append('compacted', update, at(1));
      append('untouched', updates[0]!, at(1));
      await storage.compact('compacted', Y.encodeStateAsUpdate(doc));
      expect(await storage.loadUpdates('compacted')).toHaveLength(1);
      expect(await storage.loadUpdates('untouched')).toHaveLength(1);

      updates.length = 0;
      editBlocks(doc, 3, 'after');
      for (const update of updates) append('compacted', update, at(1));
      await restart();
      expectSameDoc(docFrom(await storage.loadUpdates('compacted')), doc);
    });

    it('loads everything while a flush is under way', async () => {
      const { doc, updates } = recordingDoc();
      editBlocks(doc, 200);
      for (const update of updates.slice(0, 100)) append('busy', update, at(1));
      const flushing = storage.flush();
      for (const update of updates.slice(100)) append('busy', update, at(1));
      const loaded = await storage.loadUpdates('busy');
      await flushing;
      expectSameDoc(docFrom(loaded), doc);
    });

    it('refuses to work after close', async () => {
      await storage.close();
      expect(() => storage.append('closed', new Uint8Array([0, 0]), at(1))).toThrow();
      await expect(storage.loadHistory('closed')).rejects.toThrow();
      await expect(storage.loadUpdates('closed')).rejects.toThrow();
    });

    describe('history', () => {
      const alice = { name: 'Alice', role: 'candidate' } as const;
      const bob = { name: 'Bob', role: 'interviewer' } as const;

      /** 12 edits at t = 1000, 1100, ... by Alice and Bob in turn; returns the doc's JSON after each. */
      function recordEdits(
        docKey: string,
        first = 0,
        recording = recordingDoc(),
      ): Array<{ t: number; blocks: unknown }> {
        const { doc, updates } = recording;
        const seen: Array<{ t: number; blocks: unknown }> = [];
        for (let i = first; i < first + 12; i++) {
          updates.length = 0;
          editBlocks(doc, 1, `h${i}-`);
          const t = 1000 + i * 100;
          for (const update of updates) append(docKey, update, at(t, i % 2 ? bob : alice));
          seen.push({ t, blocks: doc.getMap('blocks').toJSON() });
        }
        return seen;
      }

      it('is empty for a document never written', async () => {
        expect(await storage.loadHistory('never-written')).toEqual([]);
      });

      it('keeps every update with its time and author, oldest first, rebuilding each moment', async () => {
        const seen = recordEdits('recorded');
        const history = await storage.loadHistory('recorded');
        expect(history.map((e) => e.t)).toEqual(seen.map((s) => s.t));
        expect(history[0]!.by).toEqual(alice);
        expect(history[1]!.by).toEqual(bob);
        for (const { t, blocks } of seen) expect(docAt(history, t).getMap('blocks').toJSON()).toEqual(blocks);
      });

      it('keeps a server write without an author', async () => {
        append('server-made', Y.encodeStateAsUpdate(new Y.Doc()), at(5));
        expect((await storage.loadHistory('server-made')).map((e) => e.by)).toEqual([null]);
      });

      it('answers a range with both bounds inclusive', async () => {
        recordEdits('ranged');
        const history = await storage.loadHistory('ranged', { since: 1200, until: 1500 });
        expect(history.map((e) => e.t)).toEqual([1200, 1300, 1400, 1500]);
        expect((await storage.loadHistory('ranged', { since: 2000 })).map((e) => e.t)).toEqual([2000, 2100]);
        expect((await storage.loadHistory('ranged', { until: 1000 })).map((e) => e.t)).toEqual([1000]);
      });

      it('keeps a board and its private document apart', async () => {
        recordEdits('abcdef');
        append('abcdef/private', Y.encodeStateAsUpdate(new Y.Doc()), at(7, bob));
        expect(await storage.loadHistory('abcdef')).toHaveLength(12);
        expect((await storage.loadHistory('abcdef/private')).map((e) => e.t)).toEqual([7]);
      });

      it('survives compaction and a restart, flushed or not', async () => {
        const recording = recordingDoc();
        const seen = recordEdits('kept', 0, recording);
        await storage.flush();
        await storage.compact('kept', Y.encodeStateAsUpdate(recording.doc));
        seen.push(...recordEdits('kept', 12, recording));
        await restart();
        const history = await storage.loadHistory('kept');
        expect(history.map((e) => e.t)).toEqual(seen.map((s) => s.t));
        for (const { t, blocks } of seen) expect(docAt(history, t).getMap('blocks').toJSON()).toEqual(blocks);
      });

      it('replaces the entries before a cut and keeps the rest and later appends', async () => {
        const seen = recordEdits('coarse');
        const before = 1600;
        const old = (await storage.loadHistory('coarse')).filter((e) => e.t < before);
        const merged: HistoryEntry = { t: 1500, by: alice, update: Y.mergeUpdates(old.map((e) => e.update)) };
        const replacing = storage.replaceHistory('coarse', before, [merged]);
        const { doc, updates } = recordingDoc();
        editBlocks(doc, 1, 'late');
        append('coarse', updates[0]!, at(3000, bob));
        await replacing;
        await restart();
        const history = await storage.loadHistory('coarse');
        expect(history.map((e) => e.t)).toEqual([1500, ...seen.filter((s) => s.t >= before).map((s) => s.t), 3000]);
        for (const { t, blocks } of seen.filter((s) => s.t >= 1500))
          expect(docAt(history, t).getMap('blocks').toJSON()).toEqual(blocks);
        expect(docAt(history, 3000).getMap('blocks').has('late0')).toBe(true);
      });

      it('refuses replacement entries at or after the cut', async () => {
        recordEdits('refused');
        const late: HistoryEntry = { t: 1600, by: null, update: Y.encodeStateAsUpdate(new Y.Doc()) };
        await expect(storage.replaceHistory('refused', 1600, [late])).rejects.toThrow(RangeError);
        expect(await storage.loadHistory('refused')).toHaveLength(12);
      });
    });
  });
}
