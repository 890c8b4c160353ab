import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyOpsToDoc, blocksOf, boardToDoc, ensureDocSkeleton } from '../../src/doc/board-doc';
import { emptyBoard } from '../../src/board/types';
import { checkUpdate } from './update-check';

/** A room's document with one block, and a client that has synced it. */
function roomAndClient(): { room: Y.Doc; client: Y.Doc } {
  const room = new Y.Doc();
  ensureDocSkeleton(room);
  applyOpsToDoc(room, [{ op: 'add-block', block: { id: 'b1', kind: 'cache', x: 1, y: 2 } }]);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(room));
  return { room, client };
}

/** The update a change on `client` produces. */
function edit(client: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(client);
  client.transact(change);
  return Y.encodeStateAsUpdate(client, before);
}

function nestedMaps(doc: Y.Doc, parent: Y.Map<unknown>, depth: number): void {
  doc.transact(() => {
    let map = parent;
    for (let i = 0; i < depth; i++) {
      const child = new Y.Map<unknown>();
      map.set('deep', child);
      map = child;
    }
  });
}

describe('checkUpdate', () => {
  it('accepts ordinary edits and a whole board', () => {
    const { room, client } = roomAndClient();
    const ops = edit(client, () =>
      applyOpsToDoc(client, [
        { op: 'update-block', id: 'b1', set: { label: 'Redis', x: 5, managed: true } },
        { op: 'add-block', block: { id: 'b2', kind: 'service', x: 0, y: 0 } },
        { op: 'add-link', link: { id: 'l1', from: 'b1', to: 'b2', label: 'reads' } },
      ]),
    );
    expect(checkUpdate(room, ops)).toEqual({ problem: null, missingDependencies: false });
    const whole = Y.encodeStateAsUpdate(boardToDoc({ ...emptyBoard('A'), extra: { a: { b: [1, { c: 2 }] } } }));
    expect(checkUpdate(new Y.Doc(), whole).problem).toBeNull();
    // A client's full state on reconnect: most of it the room has already.
    expect(checkUpdate(room, Y.encodeStateAsUpdate(client)).problem).toBeNull();
  });

  it('refuses 3,000 nested maps, in a new root and under a block', () => {
    const { room, client } = roomAndClient();
    const inRoot = edit(client, () => nestedMaps(client, client.getMap('elsewhere'), 3_000));
    expect(checkUpdate(room, inRoot).problem?.kind).toBe('too-deep');
    const inBlock = edit(client, () => nestedMaps(client, blocksOf(client).get('b1')!, 40));
    expect(checkUpdate(room, inBlock).problem?.kind).toBe('too-deep');
  });

  it('refuses JSON values nested past the limit, also those too deep to decode', () => {
    const { room, client } = roomAndClient();
    let value: Record<string, unknown> = {};
    const shallow = value;
    for (let i = 0; i < 40; i++) value = value.a = {};
    expect(
      checkUpdate(
        room,
        edit(client, () => client.getMap('session').set('extra', shallow)),
      ).problem?.kind,
    ).toBe('too-deep');
  });

  it('refuses a chain smuggled in pieces whose first piece is held back', () => {
    const { room } = roomAndClient();
    const attacker = new Y.Doc();
    Y.applyUpdate(attacker, Y.encodeStateAsUpdate(room));
    const pieces: Uint8Array[] = [];
    let map = attacker.getMap<unknown>('elsewhere');
    for (let piece = 0; piece < 4; piece++) {
      pieces.push(
        edit(attacker, () => {
          for (let i = 0; i < 10; i++) {
            const child = new Y.Map<unknown>();
            map.set('deep', child);
            map = child;
          }
        }),
      );
    }
    // Pieces 2..4 wait in the room for piece 1; each alone is 10 levels, shallow enough.
    for (const piece of pieces.slice(1)) {
      const check = checkUpdate(room, piece);
      expect(check.missingDependencies).toBe(true);
      if (check.problem) {
        expect(check.problem.kind).toBe('too-deep');
        return;
      }
      Y.applyUpdate(room, piece);
    }
    // The first piece would release 40 levels at once.
    expect(checkUpdate(room, pieces[0]!).problem?.kind).toBe('too-deep');
  });

  it('refuses a wrong-typed value in a known field of a block or link', () => {
    const { room, client } = roomAndClient();
    const block = () => blocksOf(client).get('b1')!;
    const objectLabel = edit(client, () => block().set('label', { evil: true }));
    expect(checkUpdate(room, objectLabel).problem).toMatchObject({ kind: 'wrong-type' });
    const { client: c2 } = {
      client: (() => {
        const c = new Y.Doc();
        Y.applyUpdate(c, Y.encodeStateAsUpdate(room));
        return c;
      })(),
    };
    const stringX = edit(c2, () => blocksOf(c2).get('b1')!.set('x', '12'));
    expect(checkUpdate(room, stringX).problem?.detail).toMatch(/"x" must be a number/);
    const mapLabel = edit(c2, () => blocksOf(c2).get('b1')!.set('label', new Y.Map()));
    expect(checkUpdate(room, mapLabel).problem?.kind).toBe('wrong-type');
    const notAMap = edit(c2, () => (blocksOf(c2) as Y.Map<unknown>).set('b9', 'not a map'));
    expect(checkUpdate(room, notAMap).problem?.detail).toMatch(/must be a map/);
    // A new block with a bad field, in one update.
    const newBlock = edit(c2, () => {
      const map = new Y.Map<unknown>();
      blocksOf(c2).set('b3', map);
      map.set('label', 42);
    });
    expect(checkUpdate(room, newBlock).problem?.detail).toMatch(/"label" must be a string/);
    // Unknown fields are free: later versions add them.
    expect(
      checkUpdate(
        room,
        edit(c2, () => blocksOf(c2).get('b1')!.set('futureField', { a: 1 })),
      ).problem,
    ).toBeNull();
  });

  it('says when an update depends on what the room lacks, and calls garbage malformed', () => {
    const { room, client } = roomAndClient();
    edit(client, () => blocksOf(client).get('b1')!.set('label', 'first'));
    const second = edit(client, () => blocksOf(client).get('b1')!.set('label', 'second'));
    expect(checkUpdate(room, second).missingDependencies).toBe(true);
    expect(checkUpdate(room, new Uint8Array([1, 2, 3, 200, 200])).problem?.kind).toBe('malformed');
  });
});
