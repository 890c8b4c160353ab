import { describe, expect, it } from 'vitest';
import type { Point, Rect } from './geometry';
import {
  ObstacleIndex,
  orthogonalRoute,
  RouteCache,
  routeOfLink,
  sideMiddle,
  simplify,
  type ElbowRoute,
} from './link-route';

const rect = (x: number, y: number, width = 180, height = 60): Rect => ({ x, y, width, height });

/** Every segment horizontal or vertical, and none of zero length. */
function expectOrthogonal(points: readonly Point[]): void {
  expect(points.length).toBeGreaterThanOrEqual(2);
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1]!;
    const b = points[k]!;
    const horizontal = Math.abs(a.y - b.y) < 1e-6;
    const vertical = Math.abs(a.x - b.x) < 1e-6;
    if (horizontal === vertical) expect.fail(`segment ${k} from ${JSON.stringify(a)} to ${JSON.stringify(b)}`);
  }
}

/** Whether the segment a-b passes through the inside of r (running along an edge does not count). */
function crosses(a: Point, b: Point, r: Rect): boolean {
  const x0 = Math.min(a.x, b.x);
  const x1 = Math.max(a.x, b.x);
  const y0 = Math.min(a.y, b.y);
  const y1 = Math.max(a.y, b.y);
  return x0 < r.x + r.width && x1 > r.x && y0 < r.y + r.height && y1 > r.y;
}

function expectClear(route: ElbowRoute, obstacles: readonly Rect[]): void {
  const crossed: string[] = [];
  for (let k = 1; k < route.points.length; k++)
    for (const o of obstacles)
      if (crosses(route.points[k - 1]!, route.points[k]!, o)) crossed.push(`segment ${k} crosses ${JSON.stringify(o)}`);
  expect(crossed).toEqual([]);
}

function expectEnds(route: ElbowRoute, source: Rect, target: Rect): void {
  expect(route.points[0]).toEqual(sideMiddle(source, route.sourceSide));
  expect(route.points.at(-1)).toEqual(sideMiddle(target, route.targetSide));
  // Neither end runs back through its own card.
  expectClear({ ...route, points: route.points.slice(1) }, [source]);
  expectClear({ ...route, points: route.points.slice(0, -1) }, [target]);
}

describe('elbow routes', () => {
  it('runs straight between two cards side by side', () => {
    const s = rect(0, 0);
    const t = rect(400, 0);
    const route = orthogonalRoute(s, t, []);
    expect(route.points).toEqual([
      { x: 180, y: 30 },
      { x: 400, y: 30 },
    ]);
    expect([route.sourceSide, route.targetSide]).toEqual(['right', 'left']);
  });

  it('bends once or twice between offset cards, leaving and entering by the sides', () => {
    const s = rect(0, 0);
    const t = rect(500, 300);
    const route = orthogonalRoute(s, t, []);
    expectOrthogonal(route.points);
    expectEnds(route, s, t);
    expect(route.points.length).toBeLessThanOrEqual(4);
  });

  it('goes around a card placed between its ends', () => {
    const s = rect(0, 100);
    const t = rect(700, 100);
    const wall = rect(300, 40, 180, 180);
    const route = orthogonalRoute(s, t, [wall]);
    expectOrthogonal(route.points);
    expectEnds(route, s, t);
    expectClear(route, [wall]);
    expect(route.points.length).toBeGreaterThan(2);
  });

  it('finds the way through a field of cards, clear of every one', () => {
    const s = rect(0, 0);
    const t = rect(900, 600);
    const obstacles: Rect[] = [];
    for (let i = 0; i < 4; i++) for (let j = 0; j < 3; j++) obstacles.push(rect(220 + i * 170, 120 + j * 150, 120, 60));
    const route = orthogonalRoute(s, t, obstacles);
    expectOrthogonal(route.points);
    expectEnds(route, s, t);
    expectClear(route, obstacles);
  });

  it('leaves by the back when the target is behind a wall in front', () => {
    const s = rect(0, 200);
    const t = rect(0, 0, 180, 60);
    // A wide card right under the target, between it and the source's top.
    const wall = rect(-100, 100, 380, 60);
    const route = orthogonalRoute(s, t, [wall]);
    expectOrthogonal(route.points);
    expectEnds(route, s, t);
    expectClear(route, [wall]);
  });

  it('falls back to a plain elbow between facing sides when the ends overlap', () => {
    const s = rect(0, 0);
    const t = rect(100, 30);
    const route = orthogonalRoute(s, t, []);
    expectOrthogonal(route.points);
    expect([route.sourceSide, route.targetSide]).toEqual(['right', 'left']);
  });

  it('ignores cards far away and cards under an end', () => {
    const s = rect(0, 0);
    const t = rect(400, 0);
    const far = rect(5000, 5000);
    const under = rect(10, 10, 50, 20);
    expect(orthogonalRoute(s, t, [far, under]).points).toEqual(orthogonalRoute(s, t, []).points);
  });

  it('keeps a route until a card near it moves, and routes 700 links of a 500-card board', () => {
    const cards = Array.from({ length: 500 }, (_, k) => ({
      id: `b${k}`,
      ...rect((k % 25) * 260, Math.floor(k / 25) * 180, 180, 64),
    }));
    const index = new ObstacleIndex(cards);
    const cache = new RouteCache();
    const a = cards[0]!;
    const b = cards[52]!;
    const first = cache.route(a.id, a, b.id, b, index);
    expect(cache.route(a.id, a, b.id, b, index)).toBe(first);
    // A card between them moves: the route is searched again.
    const moved = cards.map((c) => (c.id === 'b26' ? { ...c, x: c.x + 30 } : c));
    const again = cache.route(a.id, a, b.id, b, new ObstacleIndex(moved));
    expect(again).not.toBe(first);
    expectClear(
      again,
      moved.filter((c) => c.id !== a.id && c.id !== b.id),
    );
    // Seven hundred links, each between neighbours a row or a column apart: all orthogonal, all clear.
    for (let k = 0; k < 700; k++) {
      const s = cards[k % 500]!;
      const t = cards[(k % 500) + (k % 2 === 0 ? 1 : 25)] ?? cards[(k % 500) - 25]!;
      const route = cache.route(s.id, s, t.id, t, index);
      expectOrthogonal(route.points);
      expectEnds(route, s, t);
      expectClear(
        route,
        cards.filter((c) => c.id !== s.id && c.id !== t.id),
      );
    }
  });

  it('takes the link’s own route, else the board’s, else curved', () => {
    expect(routeOfLink({})).toBe('curved');
    expect(routeOfLink({}, { linkRoute: 'elbow' })).toBe('elbow');
    expect(routeOfLink({ route: 'curved' }, { linkRoute: 'elbow' })).toBe('curved');
    expect(routeOfLink({ route: 'elbow' })).toBe('elbow');
    expect(routeOfLink({ route: 'zigzag' } as never, { linkRoute: 'sideways' } as never)).toBe('curved');
  });

  it('simplifies repeated and collinear points', () => {
    expect(
      simplify([
        { x: 0, y: 0 },
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 20, y: 0 },
        { x: 20, y: 5 },
      ]),
    ).toEqual([
      { x: 0, y: 0 },
      { x: 20, y: 0 },
      { x: 20, y: 5 },
    ]);
  });
});
