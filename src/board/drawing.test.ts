import { describe, expect, it } from 'vitest';
import {
  arrowEnds,
  arrowhead,
  boundsOf,
  elbowRoute,
  rectExit,
  simplifiedIndexes,
  smoothPath,
  toPoints,
} from './drawing';

describe('drawing geometry', () => {
  it('thins a densely sampled straight stroke to its two ends, and keeps a corner', () => {
    const line = Array.from({ length: 200 }, (_, i) => ({ x: i, y: i * 0.5 + (i % 2) * 0.1 }));
    expect(simplifiedIndexes(line, 0.5)).toEqual([0, 199]);
    const corner = [
      ...Array.from({ length: 50 }, (_, i) => ({ x: i, y: 0 })),
      ...Array.from({ length: 50 }, (_, i) => ({ x: 49, y: i + 1 })),
    ];
    expect(simplifiedIndexes(corner, 0.5)).toEqual([0, 49, 99]);
  });

  it('draws a smooth path that starts and ends on the stroke', () => {
    const d = smoothPath(toPoints([0, 0, 10, 10, 20, 0]));
    expect(d.startsWith('M0,0')).toBe(true);
    expect(d).toContain('Q10,10 15,5');
    expect(d.endsWith('L20,0')).toBe(true);
  });

  it('finds where a line from a block leaves it', () => {
    const rect = { x: 0, y: 0, width: 100, height: 50 };
    expect(rectExit(rect, { x: 500, y: 25 }, 0)).toEqual({ x: 100, y: 25 });
    expect(rectExit(rect, { x: 50, y: -300 }, 0)).toEqual({ x: 50, y: 0 });
  });

  it('moves bound ends with their blocks and leaves free ends where they were drawn', () => {
    const pts = toPoints([0, 0, 300, 0]);
    const moved = arrowEnds(pts, { x: -50, y: 100, width: 100, height: 50 });
    expect(moved[1]).toEqual({ x: 300, y: 0 });
    // Out of the block's right side (plus the 4 px gap), on the way to the free end.
    expect(moved[0]!.x).toBeCloseTo(54);
    expect(moved[0]!.y).toBeGreaterThan(100);
    expect(moved[0]!.y).toBeLessThan(125);
  });

  it('routes elbows with right angles only', () => {
    const route = elbowRoute({ x: 0, y: 0 }, { x: 200, y: 80 });
    for (let i = 1; i < route.length; i++)
      expect(route[i]!.x === route[i - 1]!.x || route[i]!.y === route[i - 1]!.y).toBe(true);
  });

  it('points an arrowhead along the line', () => {
    const [tip, left, right] = arrowhead({ x: 100, y: 0 }, { x: 0, y: 0 }, 10);
    expect(tip).toEqual({ x: 100, y: 0 });
    expect(left.x).toBeLessThan(100);
    expect(right.x).toBeLessThan(100);
    expect(Math.sign(left.y)).toBe(-Math.sign(right.y));
    expect(boundsOf([tip, left, right]).width).toBeGreaterThan(5);
  });
});
