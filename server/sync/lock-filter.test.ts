import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyOpsToDoc, boardToDoc, docToBoard } from '../../src/doc/board-doc';
import { encodeUpdateV1, filterLockedWrites } from './lock-filter';

function boardDoc(): Y.Doc {
  return boardToDoc({ format: 'archboard/1', title: 't', blocks: [], links: [] } as never);
}

describe('filterLockedWrites', () => {
  it('re-encodes an update as Yjs wrote it', () => {
    const doc = boardDoc();
    applyOpsToDoc(doc, [{ op: 'insert-functional', index: 0, text: 'a' }]);
    const update = Y.encodeStateAsUpdate(doc);
    const decoded = Y.decodeUpdate(update);
    const again = encodeUpdateV1(decoded.structs, decoded.ds);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, again);
    expect(docToBoard(copy)).toEqual(docToBoard(doc));
  });

  it('keeps an unlocked update as it is, and collects only the locked part of one', () => {
    const server = boardDoc();
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(client);
    applyOpsToDoc(client, [
      { op: 'insert-functional', index: 0, text: 'locked out' },
      { op: 'set-title', title: 'kept' },
    ]);
    const update = Y.encodeStateAsUpdate(client, before);
    expect(filterLockedWrites(server, update, { requirements: false, replacement: false }).update).toBe(update);
    const filtered = filterLockedWrites(server, update, { requirements: true, replacement: false });
    expect(filtered.dropped).toBe('requirements');
    Y.applyUpdate(server, filtered.update);
    expect(docToBoard(server).title).toBe('kept');
    expect(docToBoard(server).requirements?.functional).toBeUndefined();
    // The client's clock is whole on the server: its next edit is not held back.
    expect(Y.getState(server.store, client.clientID)).toBe(Y.getState(client.store, client.clientID));
  });

  it('drops an import or a restore while imports are locked, but not deletions however many', () => {
    const server = boardDoc();
    const block = (id: string) => ({ id, kind: 'service', x: 0, y: 0 });
    applyOpsToDoc(
      server,
      ['a', 'b', 'c', 'd', 'e'].map((id) => ({ op: 'add-block' as const, block: block(id) })),
    );
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const locked = { requirements: false, replacement: true };

    // A candidate who deleted four of five blocks offline sends them in one update: ordinary editing.
    let before = Y.encodeStateVector(client);
    applyOpsToDoc(
      client,
      ['a', 'b', 'c', 'd'].map((id) => ({ op: 'remove-block' as const, id })),
    );
    const deletions = Y.encodeStateAsUpdate(client, before);
    expect(filterLockedWrites(server, deletions, locked).dropped).toBeNull();
    Y.applyUpdate(server, deletions);

    // An import (the replace-board op) carries the mark and loses everything.
    before = Y.encodeStateVector(client);
    const board = docToBoard(client);
    applyOpsToDoc(client, [{ op: 'replace-board', board: { ...board, title: 'mine', blocks: [block('x')] } }]);
    const replacement = Y.encodeStateAsUpdate(client, before);
    const filtered = filterLockedWrites(server, replacement, locked);
    expect(filtered.dropped).toBe('replacement');
    Y.applyUpdate(server, filtered.update);
    expect(docToBoard(server).blocks.map((b) => b.id)).toEqual(['e']);
    expect(docToBoard(server).title).toBe('t');
    expect(Y.getState(server.store, client.clientID)).toBe(Y.getState(client.store, client.clientID));
  });
});
