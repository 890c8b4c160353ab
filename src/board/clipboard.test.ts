import { describe, expect, it } from 'vitest';
import { instantiateFragment, makeFragment, parseFragment } from './clipboard';
import type { Block, Link } from './types';

const blocks: Block[] = [
  { id: 'g', kind: 'group', x: 100, y: 100, width: 300, height: 200 },
  { id: 'a', kind: 'service', x: 10, y: 20, parent: 'g' },
  { id: 'b', kind: 'sql-db', x: 500, y: 0 },
  { id: 'c', kind: 'cache', x: 700, y: 0 },
];
const links: Link[] = [
  { id: 'l1', from: 'a', to: 'b', protocol: 'query' },
  { id: 'l2', from: 'a', to: 'c' },
];

describe('clipboard', () => {
  it('keeps links whose both ends are copied', () => {
    const f = makeFragment(blocks, links, ['a', 'b']);
    expect(f.blocks.map((b) => b.id).sort()).toEqual(['a', 'b']);
    expect(f.links.map((l) => l.id)).toEqual(['l1']);
  });

  it('lifts a block out of an uncopied group to flow coordinates', () => {
    const a = makeFragment(blocks, links, ['a']).blocks[0]!;
    expect(a.parent).toBeUndefined();
    expect([a.x, a.y]).toEqual([110, 120]);
  });

  it('brings the content of a copied group and keeps it relative', () => {
    const f = makeFragment(blocks, links, ['g']);
    expect(f.blocks.map((b) => b.id).sort()).toEqual(['a', 'g']);
    expect(f.blocks.find((b) => b.id === 'a')).toMatchObject({ parent: 'g', x: 10, y: 20 });
  });

  it('pastes with fresh ids, links and parents following them', () => {
    const f = makeFragment(blocks, links, ['g', 'b']);
    const pasted = instantiateFragment(f, 32, 32);
    const ids = new Set(pasted.blocks.map((b) => b.id));
    for (const id of ['g', 'a', 'b']) expect(ids.has(id)).toBe(false);
    const newA = pasted.blocks.find((b) => b.kind === 'service')!;
    const newG = pasted.blocks.find((b) => b.kind === 'group')!;
    expect(newA.parent).toBe(newG.id);
    expect([newA.x, newA.y]).toEqual([10, 20]);
    expect([newG.x, newG.y]).toEqual([132, 132]);
    expect(pasted.links).toHaveLength(1);
    expect(pasted.links[0]).toMatchObject({ from: newA.id, protocol: 'query' });
  });

  it('round-trips through text and refuses what is not a fragment', () => {
    const f = makeFragment(blocks, links, ['a', 'b']);
    expect(parseFragment(JSON.stringify(f))).toEqual(f);
    expect(parseFragment('hello')).toBeNull();
    expect(parseFragment('{"format":"archboard/v1","blocks":[]}')).toBeNull();
    const tampered = { ...f, blocks: [...f.blocks, { id: 'x', kind: 'mainframe', x: 0, y: 0 }] };
    expect(parseFragment(JSON.stringify(tampered))!.blocks).toHaveLength(2);
  });
});
