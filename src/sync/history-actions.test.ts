import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyOpsToDoc, blocksOf, docToBoard, ensureDocSkeleton, notesOf } from '../doc/board-doc';
import type { HistoryEntry } from './history-client';
import { addPin, addVersion, readPins, readVersions, restoreBoard } from './history-actions';
import { LOCAL } from './origin';
import { ReplayHistory } from './replay-history';
import { createUndoManager } from './undo';

describe('restoring a moment', () => {
  it('is one undo step and leaves the history intact', () => {
    const doc = new Y.Doc();
    const history: HistoryEntry[] = [];
    let t = 1_000;
    doc.on('update', (update: Uint8Array) => history.push({ t, by: null, update }));
    ensureDocSkeleton(doc);
    const undo = createUndoManager(doc);
    const add = (id: string) =>
      doc.transact(() => applyOpsToDoc(doc, [{ op: 'add-block', block: { id, kind: 'cache', x: 0, y: 0 } }]), LOCAL);
    add('a');
    t = 2_000;
    doc.transact(() => notesOf(doc).get('api')!.insert(0, 'GET /feed'), LOCAL);
    const moment = docToBoard(doc);
    t = 3_000;
    add('b');
    undo.stopCapturing();
    doc.transact(() => applyOpsToDoc(doc, [{ op: 'update-block', id: 'a', set: { label: 'Redis' } }]), LOCAL);
    doc.transact(() => notesOf(doc).get('api')!.insert(9, ', POST /post'), LOCAL);
    const beforeRestore = docToBoard(doc);
    const entriesBefore = history.length;

    t = 4_000;
    restoreBoard(doc, undo, new ReplayHistory(history).boardAt(2_000));
    expect(docToBoard(doc)).toEqual(moment);
    // A forward change: the history only grew, and still holds every moment before.
    expect(history.length).toBeGreaterThan(entriesBefore);
    const replay = new ReplayHistory(history);
    expect(replay.boardAt(3_999)).toEqual(beforeRestore);
    expect(replay.boardAt(2_000)).toEqual(moment);

    undo.undo();
    expect(docToBoard(doc)).toEqual(beforeRestore);
    expect(blocksOf(doc).get('a')?.get('label')).toBe('Redis');
  });
});

describe('versions and pins', () => {
  it('lists versions oldest first and skips malformed ones', () => {
    const doc = new Y.Doc();
    addVersion(doc, { name: 'after high-level design', t: 20, by: { name: 'Ana', role: 'candidate' } });
    addVersion(doc, { name: 'start', t: 10, by: null });
    doc.getMap('session').set('version:bad', { name: 3 });
    expect(readVersions(doc).map((v) => [v.name, v.t, v.by?.name ?? null])).toEqual([
      ['start', 10, null],
      ['after high-level design', 20, 'Ana'],
    ]);
  });

  it('keeps pins with their moment and blocks', () => {
    const privateDoc = new Y.Doc();
    addPin(privateDoc, { t: 50, note: 'drew one DB for 10K writes/s', blocks: ['db'] });
    addPin(privateDoc, { t: 5, note: 'clarified scope', blocks: [] });
    expect(readPins(privateDoc).map((p) => [p.t, p.note, p.blocks])).toEqual([
      [5, 'clarified scope', []],
      [50, 'drew one DB for 10K writes/s', ['db']],
    ]);
  });
});
