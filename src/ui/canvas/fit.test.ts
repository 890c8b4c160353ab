import { describe, expect, it } from 'vitest';
import { fitPadding } from './fit';

const minimap = { width: 231, height: 181 };
const usable = (canvas: { width: number; height: number }, p: ReturnType<typeof fitPadding>) => ({
  width: canvas.width - p.left - p.right,
  height: canvas.height - p.top - p.bottom,
});

describe('fitPadding', () => {
  it('keeps only the margins when the minimap is hidden', () => {
    expect(fitPadding({ width: 600, height: 600 }, { width: 500, height: 500 }, null)).toEqual({
      top: 40,
      bottom: 56,
      left: 64,
      right: 40,
    });
  });

  it('frames a tall diagram beside the minimap', () => {
    const canvas = { width: 1000, height: 700 };
    const p = fitPadding(canvas, { width: 300, height: 1200 }, minimap);
    expect(p.right).toBe(minimap.width + 16);
    expect(p.bottom).toBe(56);
  });

  it('frames a diagram as wide as the canvas above the minimap, where it is drawn larger', () => {
    // A 630 × 670 canvas (1280 px wide with both panels open) and a diagram about as wide as tall.
    const canvas = { width: 630, height: 670 };
    const diagram = { width: 480, height: 420 };
    const p = fitPadding(canvas, diagram, minimap);
    expect(p.bottom).toBe(minimap.height + 16);
    expect(p.right).toBe(40);
    const room = usable(canvas, p);
    const zoom = Math.min(room.width / diagram.width, room.height / diagram.height);
    const beside = Math.min((canvas.width - 64 - minimap.width - 16) / diagram.width, (670 - 96) / diagram.height);
    expect(zoom).toBeGreaterThan(beside);
  });

  it('keeps only the margins when no room for the minimap is left', () => {
    expect(fitPadding({ width: 200, height: 150 }, { width: 500, height: 500 }, minimap)).toEqual({
      top: 40,
      bottom: 56,
      left: 64,
      right: 40,
    });
  });
});
