import { memo } from 'react';
import { useInternalNode, type InternalNode, type NodeProps } from '@xyflow/react';
import { arrowEnds, arrowhead, elbowRoute, polylinePath, toPoints } from '../../../board/drawing';
import type { Rect } from '../../../board/geometry';
import type { BoardNode } from '../../../sync/flow-binding';

const HEAD_SIZE = 12;

function rectOf(node: InternalNode<BoardNode> | undefined): Rect | undefined {
  if (!node) return undefined;
  const { x, y } = node.internals.positionAbsolute;
  return { x, y, width: node.measured.width ?? 0, height: node.measured.height ?? 0 };
}

/**
 * A loose arrow (kind `arrow`): straight segments through its points or an
 * elbow route, heads at the end, both ends or none. An end bound to a block
 * (`fromBlock`, `toBlock`) is drawn where the line meets that block now, so
 * the arrow follows the block as it moves, here and for everyone else.
 */
export const ArrowNode = memo(function ArrowNode({
  id,
  data,
  selected,
  positionAbsoluteX,
  positionAbsoluteY,
}: NodeProps<BoardNode>) {
  const { block } = data;
  const fromNode = useInternalNode<BoardNode>(block.fromBlock ?? '');
  const toNode = useInternalNode<BoardNode>(block.toBlock ?? '');
  const origin = { x: positionAbsoluteX, y: positionAbsoluteY };
  // Bound blocks in the arrow's own coordinates (its points are relative to its top-left).
  const local = (r: Rect | undefined) => (r ? { ...r, x: r.x - origin.x, y: r.y - origin.y } : undefined);
  let points = arrowEnds(toPoints(block.points ?? []), local(rectOf(fromNode)), local(rectOf(toNode)));
  if (block.route === 'elbow' && points.length >= 2) points = elbowRoute(points[0]!, points[points.length - 1]!);
  if (points.length < 2) return null;
  const heads = block.heads ?? 'end';
  const width = block.strokeWidth ?? 2.5;
  const color = block.color ?? 'var(--ab-ink)';
  const head = (tip: { x: number; y: number }, from: { x: number; y: number }) =>
    polylinePath(arrowhead(tip, from, HEAD_SIZE + width)) + ' Z';
  const last = points[points.length - 1]!;
  const beforeLast = points[points.length - 2]!;
  const d = polylinePath(points);
  return (
    <svg
      className={`ab-arrow${selected ? ' is-selected' : ''}`}
      data-block-id={id}
      data-kind="arrow"
      data-from-block={block.fromBlock}
      data-to-block={block.toBlock}
      data-end={`${Math.round(last.x + origin.x)},${Math.round(last.y + origin.y)}`}
      width={1}
      height={1}
    >
      <path d={d} className="ab-arrow__hit" strokeWidth={Math.max(14, width + 10)} />
      <path d={d} className="ab-arrow__line" stroke={color} strokeWidth={width} />
      {(heads === 'end' || heads === 'both') && (
        <path d={head(last, beforeLast)} className="ab-arrow__head" fill={color} stroke={color} />
      )}
      {heads === 'both' && (
        <path d={head(points[0]!, points[1]!)} className="ab-arrow__head" fill={color} stroke={color} />
      )}
    </svg>
  );
});
