import { memo, useMemo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { boundsOf, simplifiedIndexes, smoothPath, toPoints } from '../../../board/drawing';
import type { BoardNode } from '../../../sync/flow-binding';
import { useLowDetail } from '../detail';

export const PEN_WIDTH = 3;
export const HIGHLIGHTER_WIDTH = 16;

/** How far (flow pixels) a far-out stroke may stray from the drawn one: under 3 screen pixels at the low-detail zoom. */
const LOW_DETAIL_TOLERANCE = 6;

/** The pieces of a stroke with pressure: one segment per pair of points, each as wide as the pen pressed. */
function pressureSegments(points: { x: number; y: number }[], pressures: number[], width: number) {
  const out: { d: string; w: number }[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const p = ((pressures[i - 1] ?? 0.5) + (pressures[i] ?? 0.5)) / 2;
    out.push({ d: `M${a.x},${a.y} L${b.x},${b.y}`, w: width * (0.4 + 1.2 * p) });
  }
  return out;
}

/**
 * A freehand stroke (kind `sketch`): a smoothed path through its points, or,
 * where the pen gave pressure, segments as wide as it pressed. Only the ink
 * takes clicks (the eraser and selection hit the stroke, not its box).
 */
export const SketchNode = memo(function SketchNode({ id, data, selected }: NodeProps<BoardNode>) {
  const { block } = data;
  const low = useLowDetail() && !selected;
  const points = useMemo(() => toPoints(block.points ?? []), [block.points]);
  const few = useMemo(
    () => (low ? simplifiedIndexes(points, LOW_DETAIL_TOLERANCE).map((i) => points[i]!) : points),
    [points, low],
  );
  const highlighter = block.highlighter === true;
  const width = block.strokeWidth ?? (highlighter ? HIGHLIGHTER_WIDTH : PEN_WIDTH);
  const color = block.color ?? (highlighter ? '#facc15' : 'var(--ab-ink)');
  const box = boundsOf(points);
  const pad = width;
  const pressures = block.pressures;
  // Far out, one path through fewer points, without the pressure's segments.
  const withPressure = !low && !highlighter && pressures !== undefined && pressures.length === points.length;
  const d = useMemo(() => smoothPath(few), [few]);
  return (
    <svg
      className={`ab-sketch${highlighter ? ' is-highlighter' : ''}${selected ? ' is-selected' : ''}`}
      data-block-id={id}
      data-kind={block.kind}
      width={box.x + box.width + pad}
      height={box.y + box.height + pad}
    >
      <path d={d} className="ab-sketch__hit" strokeWidth={Math.max(12, width + 8)} />
      {withPressure ? (
        pressureSegments(points, pressures, width).map((s, i) => (
          <path key={i} d={s.d} className="ab-sketch__ink" stroke={color} strokeWidth={s.w} />
        ))
      ) : (
        <path d={d} className="ab-sketch__ink" stroke={color} strokeWidth={width} />
      )}
    </svg>
  );
});
