import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ControlStore, Drills } from './control';
import type { DrillRecord } from '../lint/drill-state';

const record = (at: number): DrillRecord => ({
  at,
  by: 'Ana',
  failed: ['Orders'],
  cut: [],
  requirementsLost: ['Place an order'],
  clientsDown: ['Web'],
  clientsDegraded: [],
  survivors: [],
});

function setUp(canWrite = true) {
  const doc = new Y.Doc();
  const store = new ControlStore(doc);
  let now = 100;
  const drills = new Drills(
    doc,
    canWrite,
    () => 'Ana',
    () => now++,
  );
  return { doc, store, drills };
}

describe('the drill controls', () => {
  it('fails items for the store, restores one, and ends the drill when the last comes back', () => {
    const { store, drills } = setUp();
    drills.fail(['db']);
    drills.fail(['cache', 'db']);
    expect(store.getState().drill.down).toEqual([
      { id: 'db', by: 'Ana', at: 100 },
      { id: 'cache', by: 'Ana', at: 101 },
    ]);
    drills.setKeep(true);
    drills.restore('db', record(100));
    expect(store.getState().drill).toEqual({ down: [{ id: 'cache', by: 'Ana', at: 101 }], keep: true, kept: [] });
    // The last item back ends the drill; it was kept, so its record stays for the report.
    drills.restore('cache', record(101));
    expect(store.getState().drill).toEqual({ down: [], keep: false, kept: [record(101)] });
  });

  it('ends a drill: everything back, a kept drill recorded, one not kept forgotten', () => {
    const { store, drills } = setUp();
    drills.fail(['db', 'cache']);
    drills.end(record(1));
    expect(store.getState().drill).toEqual({ down: [], keep: false, kept: [] });
    drills.fail(['db']);
    drills.setKeep(true);
    drills.end(record(2));
    drills.fail(['lb']);
    expect(store.getState().drill.keep).toBe(false);
    expect(store.getState().drill.kept).toEqual([record(2)]);
    drills.forgetKept(2);
    expect(store.getState().drill.kept).toEqual([]);
  });

  it('writes nothing for someone who is not the interviewer', () => {
    const { doc, drills } = setUp(false);
    drills.fail(['db']);
    drills.setKeep(true);
    drills.end(record(1));
    expect(doc.getMap('drills').size).toBe(0);
  });

  it('publishes a new drill state only when the drills map changes', () => {
    const { doc, store, drills } = setUp();
    const seen: number[] = [];
    store.subscribe((s) => seen.push(s.drill.down.length));
    doc.getMap('controls').set('timer', null);
    drills.fail(['db']);
    expect(seen).toEqual([1]);
  });
});
