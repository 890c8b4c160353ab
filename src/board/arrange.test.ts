import { describe, expect, it } from 'vitest';
import { alignOffsets, boundingBox, distributeOffsets, snapSelection, snapToOthers, zOrderOps } from './arrange';

const r = (id: string, x: number, y: number, width = 100, height = 50) => ({ id, x, y, width, height });

describe('arranging a selection', () => {
  it('aligns edges and centres', () => {
    const rects = [r('a', 0, 0), r('b', 40, 100, 60), r('c', 10, 200, 200)];
    expect(alignOffsets(rects, 'left')).toEqual(
      new Map([
        ['b', { dx: -40, dy: 0 }],
        ['c', { dx: -10, dy: 0 }],
      ]),
    );
    const right = alignOffsets(rects, 'right');
    expect(right.get('a')).toEqual({ dx: 110, dy: 0 });
    expect(alignOffsets(rects, 'center').get('c')).toEqual({ dx: -5, dy: 0 });
    expect(alignOffsets([r('a', 0, 0), r('b', 0, 30, 100, 10)], 'bottom').get('b')).toEqual({ dx: 0, dy: 10 });
  });

  it('distributes with equal gaps, keeping the outermost', () => {
    const offsets = distributeOffsets([r('a', 0, 0), r('c', 500, 0), r('b', 120, 0)], 'horizontal');
    expect(offsets).toEqual(new Map([['b', { dx: 130, dy: 0 }]]));
    expect(distributeOffsets([r('a', 0, 0), r('b', 10, 0)], 'vertical').size).toBe(0);
  });

  it('snaps a dragged card to another card’s edge within the threshold, with a guide', () => {
    const snap = snapToOthers({ x: 203, y: 400, width: 100, height: 50 }, [{ x: 200, y: 0, width: 80, height: 40 }], 6);
    expect(snap.dx).toBe(-3);
    expect(snap.dy).toBe(0);
    expect(snap.guides).toContainEqual({ axis: 'x', at: 200, from: 0, to: 450 });
    expect(
      snapToOthers({ x: 220, y: 400, width: 100, height: 50 }, [{ x: 200, y: 0, width: 80, height: 40 }], 6),
    ).toEqual({ dx: 0, dy: 0, guides: [] });
  });

  it('snaps a dragged selection by its bounding box, every card by the same offset', () => {
    const selection = [
      { x: 104, y: 300, width: 100, height: 50 },
      { x: 260, y: 380, width: 80, height: 40 },
    ];
    expect(boundingBox(selection)).toEqual({ x: 104, y: 300, width: 236, height: 120 });
    // The box's centre (222) comes 4 px short of another card's centre (226): neither card's own does.
    const others = [{ x: 166, y: 0, width: 120, height: 60 }];
    const snap = snapSelection(selection, others, 6);
    expect(snap).toMatchObject({ dx: 4, dy: 0 });
    expect(snap.guides).toContainEqual({ axis: 'x', at: 226, from: 0, to: 420 });
    for (const r of selection) expect(snapToOthers(r, others, 6).dx).toBe(0);
    // Top edges: the box's top (300) 5 px below another's top (295).
    expect(snapSelection(selection, [{ x: 900, y: 295, width: 50, height: 50 }], 6).dy).toBe(-5);
    expect(snapSelection(selection, [{ x: 900, y: 900, width: 50, height: 50 }], 6)).toEqual({
      dx: 0,
      dy: 0,
      guides: [],
    });
    expect(snapSelection([], others, 6)).toEqual({ dx: 0, dy: 0, guides: [] });
  });

  it('brings to front and sends to back by z', () => {
    const blocks = [
      { id: 'a', kind: 'service', x: 0, y: 0, z: 2 },
      { id: 'b', kind: 'service', x: 0, y: 0 },
      { id: 'c', kind: 'service', x: 0, y: 0, z: -1 },
    ];
    expect(zOrderOps(blocks, ['b'], 'front')).toEqual([{ op: 'update-block', id: 'b', set: { z: 3 } }]);
    expect(zOrderOps(blocks, ['a', 'b'], 'back')).toEqual([
      { op: 'update-block', id: 'b', set: { z: -3 } },
      { op: 'update-block', id: 'a', set: { z: -2 } },
    ]);
  });
});
