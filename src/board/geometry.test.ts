import { describe, expect, it } from 'vitest';
import { clearPasteOffset, overlaps } from './geometry';

describe('clearPasteOffset', () => {
  const card = { x: 0, y: 0, width: 184, height: 56 };

  it('moves a pasted copy of a card until it no longer covers the original', () => {
    const { dx, dy } = clearPasteOffset([card], [card], 32);
    expect(dx).toBe(dy);
    expect(overlaps({ ...card, x: dx, y: dy }, card, 8)).toBe(false);
    expect(overlaps({ ...card, x: dx - 32, y: dy - 32 }, card, 8)).toBe(true);
  });

  it('keeps one step when the first step is already clear', () => {
    expect(clearPasteOffset([card], [{ x: 1000, y: 1000, width: 10, height: 10 }], 32)).toEqual({ dx: 32, dy: 32 });
  });

  it('goes below everything when the diagonal is full', () => {
    const wall = Array.from({ length: 60 }, (_, i) => ({ x: i * 40, y: i * 40, width: 200, height: 200 }));
    const { dx, dy } = clearPasteOffset([card], wall, 32);
    expect(dx).toBe(0);
    for (const w of wall) expect(overlaps({ ...card, x: dx, y: dy }, w, 8)).toBe(false);
  });
});
