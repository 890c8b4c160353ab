import { describe, expect, it } from 'vitest';
import { GROUP_PADDING, LayoutTooDeepError, layoutBlocks, layoutNested } from './layout';
import type { Block, Link } from './types';

const blocks: Block[] = [
  { id: 'c', kind: 'client', x: 500, y: 500 },
  { id: 'lb', kind: 'load-balancer', x: 0, y: 0 },
  { id: 'app', kind: 'service', x: 900, y: 20 },
  { id: 'db', kind: 'sql-db', x: 40, y: 900 },
  { id: 'n', kind: 'note', x: 3, y: 4 },
];
const links: Link[] = [
  { id: '1', from: 'c', to: 'lb' },
  { id: '2', from: 'lb', to: 'app' },
  { id: '3', from: 'app', to: 'db' },
];

describe('auto-layout', () => {
  it('puts each tier below the one that calls it, and leaves notes alone', () => {
    const pos = layoutBlocks(blocks, links, new Map());
    expect(pos.has('n')).toBe(false);
    const y = (id: string) => pos.get(id)!.y;
    expect(y('c')).toBeLessThan(y('lb'));
    expect(y('lb')).toBeLessThan(y('app'));
    expect(y('app')).toBeLessThan(y('db'));
  });

  it('keeps the top-left corner of what it arranges', () => {
    const pos = layoutBlocks(blocks, links, new Map());
    expect(Math.min(...[...pos.values()].map((p) => p.x))).toBe(0);
    expect(Math.min(...[...pos.values()].map((p) => p.y))).toBe(0);
  });

  it('arranges only the selection when given one', () => {
    const pos = layoutBlocks(blocks, links, new Map(), new Set(['app', 'db']));
    expect([...pos.keys()].sort()).toEqual(['app', 'db']);
  });
});

describe('nested layout', () => {
  const nested: Block[] = [
    { id: 'u', kind: 'client', x: 0, y: 0 },
    { id: 'g', kind: 'group', x: 0, y: 0, label: 'Region' },
    { id: 'inner', kind: 'group', x: 0, y: 0, parent: 'g' },
    { id: 'a', kind: 'service', x: 0, y: 0, parent: 'g' },
    { id: 'b', kind: 'sql-db', x: 0, y: 0, parent: 'inner' },
    { id: 's', kind: 'shape', x: 0, y: 0, shape: 'diamond', width: 100, height: 60 },
  ];
  const nestedLinks: Link[] = [
    { id: '1', from: 'u', to: 'a' },
    { id: '2', from: 'a', to: 'b' },
    { id: '3', from: 'b', to: 's' },
  ];

  it('sizes each group to hold what is inside it, positions relative to the group', () => {
    const pos = layoutNested(nested, nestedLinks);
    const g = pos.get('g')!;
    const inner = pos.get('inner')!;
    const b = pos.get('b')!;
    expect(b.x).toBeGreaterThanOrEqual(GROUP_PADDING.side);
    expect(b.y).toBeGreaterThanOrEqual(GROUP_PADDING.top);
    expect(b.x + 184).toBeLessThanOrEqual(inner.width!);
    expect(inner.x + inner.width!).toBeLessThanOrEqual(g.width!);
    expect(pos.get('u')!.y).toBeLessThan(g.y);
    expect(pos.has('s')).toBe(true);
  });

  it('runs left to right when asked', () => {
    const pos = layoutNested(nested, nestedLinks, 'LR');
    expect(pos.get('u')!.x).toBeLessThan(pos.get('g')!.x);
  });
});

describe('a diagram too deep to lay out', () => {
  it('is refused with LayoutTooDeepError, not a stack overflow, by both layouts', () => {
    const blocks = Array.from({ length: 3000 }, (_, i) => ({ id: `n${i}`, kind: 'service', x: 0, y: 0 }));
    const links = blocks.slice(1).map((b, i) => ({ id: `l${i}`, from: `n${i}`, to: b.id }));
    expect(() => layoutBlocks(blocks, links, new Map())).toThrow(LayoutTooDeepError);
    expect(() => layoutNested(blocks, links)).toThrow(/too deep to lay out automatically \(3000 blocks/);
  });
});
