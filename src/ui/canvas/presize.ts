/**
 * The size a node will be drawn at, where it is known without drawing it: for
 * React Flow before it measures (src/sync/flow-binding.ts, [4]), so a large
 * board draws only the nodes on screen from its first frame. Cards are as wide
 * as the stylesheet makes them and as high as two lines of text; text, notes
 * and arrows size to their content and are left to be measured.
 */
import { CARD_SIZE, drawnAs } from '../../board/catalog';
import { boundsOf, toPoints } from '../../board/drawing';
import type { Block } from '../../board/types';
import { HIGHLIGHTER_WIDTH, PEN_WIDTH } from './drawing/SketchNode';

export function presizeOf(block: Block): { width: number; height: number } | undefined {
  const own = block.width && block.height ? { width: block.width, height: block.height } : undefined;
  const drawn = drawnAs(block.kind);
  if (drawn === 'card') return own ?? CARD_SIZE; // as app.css draws `.ab-card` (width, min-height)
  if (drawn === 'frame' || drawn === 'shape') return own;
  if (drawn === 'sketch' && block.points && block.points.length >= 2) {
    // As SketchNode draws it: the stroke's box from the origin, plus a stroke's width.
    const box = boundsOf(toPoints(block.points));
    const pad = block.strokeWidth ?? (block.highlighter === true ? HIGHLIGHTER_WIDTH : PEN_WIDTH);
    return { width: box.x + box.width + pad, height: box.y + box.height + pad };
  }
  return undefined;
}
