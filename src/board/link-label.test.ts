import { describe, expect, it } from 'vitest';
import { parseBoardJson, writeBoard } from './format';
import { overlaps } from './geometry';
import {
  clampLabelAt,
  cubicOfPath,
  labelAtOf,
  nearestOnCubic,
  nearestOnPath,
  placeLabels,
  pointOnCubic,
  pointOnPath,
  type Cubic,
} from './link-label';
import { BOARD_FORMAT, type Board } from './types';

const curve: Cubic = { p0: { x: 0, y: 0 }, c1: { x: 0, y: 100 }, c2: { x: 200, y: 100 }, p3: { x: 200, y: 200 } };

describe('link labels along their curve', () => {
  it('finds the point of a curve and the parameter nearest a point', () => {
    expect(pointOnCubic(curve, 0)).toEqual({ x: 0, y: 0 });
    expect(pointOnCubic(curve, 1)).toEqual({ x: 200, y: 200 });
    expect(pointOnCubic(curve, 0.5)).toEqual({ x: 100, y: 100 });
    for (const t of [0.2, 0.37, 0.5, 0.81]) expect(nearestOnCubic(curve, pointOnCubic(curve, t))).toBeCloseTo(t, 3);
    // Beyond an end, the nearest place a label may take.
    expect(nearestOnCubic(curve, { x: -50, y: -50 })).toBeCloseTo(0.05, 5);
  });

  it('reads React Flow paths and keeps labelAt in range', () => {
    expect(cubicOfPath('M10,20 C10,60 -5.5,1e2 30,40')).toEqual({
      p0: { x: 10, y: 20 },
      c1: { x: 10, y: 60 },
      c2: { x: -5.5, y: 100 },
      p3: { x: 30, y: 40 },
    });
    expect(cubicOfPath('M0,0 L10,10')).toBeNull();
    expect(labelAtOf({})).toBe(0.5);
    expect(labelAtOf({ labelAt: 0 })).toBe(0.05);
    expect(clampLabelAt(Number.NaN)).toBe(0.5);
  });

  it('keeps labelAt through the JSON round trip and refuses one out of range', () => {
    const board: Board = {
      format: BOARD_FORMAT,
      blocks: [
        { id: 'a', kind: 'service', x: 0, y: 0 },
        { id: 'b', kind: 'cache', x: 300, y: 0 },
      ],
      links: [{ id: 'l1', from: 'a', to: 'b', label: 'read', labelAt: 0.25 }],
    };
    expect(parseBoardJson(writeBoard(board)).links[0]).toEqual(board.links[0]);
    const bad = { ...board, links: [{ ...board.links[0], labelAt: 2 }] };
    expect(() => parseBoardJson(JSON.stringify(bad), 'bad.json')).toThrow(/links\[0\]\.labelAt/);
  });
});

describe('placing labels', () => {
  it('moves labels of links that share a path apart, clear of the cards, and keeps a person’s placement', () => {
    const straight: Cubic = { p0: { x: 0, y: 0 }, c1: { x: 0, y: 100 }, c2: { x: 0, y: 200 }, p3: { x: 0, y: 300 } };
    const labels = [
      { id: 'a', curve: straight, width: 80, height: 20 },
      { id: 'b', curve: straight, width: 80, height: 20 },
      { id: 'c', curve: straight, width: 80, height: 20, at: 0.5 },
    ];
    const card = { x: -100, y: 190, width: 200, height: 40 };
    const places = placeLabels(labels, [card]);
    expect(places.get('c')).toMatchObject({ t: 0.5, x: 0, y: 150 });
    const boxes = [...places.values()].map((p) => ({ x: p.x - 40, y: p.y - 10, width: 80, height: 20 }));
    for (let i = 0; i < boxes.length; i++) {
      expect(overlaps(boxes[i]!, card)).toBe(false);
      for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false);
    }
  });
});

describe('link labels along an elbow route', () => {
  // An L: 300 px right, then 100 px down (400 px long).
  const route = [
    { x: 0, y: 0 },
    { x: 300, y: 0 },
    { x: 300, y: 100 },
  ];

  it('goes by length along the route, and finds the fraction nearest a point', () => {
    expect(pointOnPath(route, 0)).toEqual({ x: 0, y: 0 });
    expect(pointOnPath(route, 0.5)).toEqual({ x: 200, y: 0 });
    expect(pointOnPath(route, 0.875)).toEqual({ x: 300, y: 50 });
    expect(pointOnPath(route, 1)).toEqual({ x: 300, y: 100 });
    expect(nearestOnPath(route, { x: 200, y: 30 })).toBeCloseTo(0.5, 5);
    expect(nearestOnPath(route, { x: 340, y: 50 })).toBeCloseTo(0.875, 5);
    // Kept off the ends, as along a curve.
    expect(nearestOnPath(route, { x: -80, y: 0 })).toBeCloseTo(0.05, 5);
  });

  it('places a label on the route, clear of a card beside its middle', () => {
    const card = { x: 150, y: -40, width: 100, height: 60 };
    const place = placeLabels([{ id: 'l', curve: route, width: 60, height: 18 }], [card]).get('l')!;
    expect(overlaps({ x: place.x - 30, y: place.y - 9, width: 60, height: 18 }, card)).toBe(false);
    expect({ dx: place.dx, dy: place.dy }).toEqual({ dx: 0, dy: 0 });
    expect(pointOnPath(route, place.t)).toEqual({ x: place.x, y: place.y });
  });
});
