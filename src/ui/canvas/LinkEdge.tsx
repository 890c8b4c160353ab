import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, useInternalNode, type EdgeProps } from '@xyflow/react';
import { isAsyncLink, protocolInfo } from '../../board/protocols';
import type { BoardEdge } from '../../sync/flow-binding';
import { formatCount } from '../../estimate/units';
import { useSelectedBy } from '../board/presence-store';
import { useLinkTraffic } from '../lint/lint-store';
import { useLinkDrill } from '../lint/drill-store';
import { arrowheadPath, backOff, linkAnchors } from './edge-geometry';

/**
 * A directed link: a curve between the facing sides of its blocks, an
 * arrowhead drawn inline (so PNG export keeps it), a style per protocol
 * (async and event links dashed) and a label chip.
 */
export const LinkEdge = memo(function LinkEdge({ id, source, target, data, selected }: EdgeProps<BoardEdge>) {
  const sourceNode = useInternalNode(source);
  const targetNode = useInternalNode(target);
  const selectedBy = useSelectedBy(id);
  const traffic = useLinkTraffic(id);
  const dead = useLinkDrill(source, target);
  if (!sourceNode || !targetNode || !data) return null;
  const { link } = data;
  const anchors = linkAnchors(sourceNode, targetNode);
  const end = backOff(anchors.target, 8);
  const [path, labelX, labelY] = getBezierPath({
    sourceX: anchors.source.x,
    sourceY: anchors.source.y,
    sourcePosition: anchors.source.position,
    targetX: end.x,
    targetY: end.y,
    targetPosition: anchors.target.position,
  });
  const protocol = protocolInfo(link.protocol);
  const protocolClass = protocol ? `ab-link--${protocol.id}` : 'ab-link--other';
  const asyncClass = isAsyncLink(link) ? ' ab-link--async' : '';
  const text = link.label || protocol?.label || link.protocol;
  return (
    <g
      className={`ab-link ${protocolClass}${asyncClass}${selected ? ' is-selected' : ''}${dead ? ' is-drill-dead' : ''}`}
      data-link-id={id}
    >
      {selectedBy && <path d={path} className="ab-link__remote" style={{ stroke: selectedBy.color }} fill="none" />}
      <BaseEdge id={id} path={path} interactionWidth={16} className="ab-link__line" />
      <path d={arrowheadPath(anchors.target)} className="ab-link__arrow" />
      {traffic && (
        <EdgeLabelRenderer>
          <div className="ab-link-label-anchor" style={{ left: labelX, top: labelY + (text ? 22 : 0) }}>
            <div
              className="ab-link-traffic nodrag nopan"
              data-link-traffic={id}
              data-read-qps={traffic.readQps}
              data-write-qps={traffic.writeQps}
              title={`${traffic.readQps} reads/s and ${traffic.writeQps} writes/s at peak`}
            >
              {formatCount(traffic.readQps + traffic.writeQps)}/s
            </div>
          </div>
        </EdgeLabelRenderer>
      )}
      {text && (
        <EdgeLabelRenderer>
          <div className="ab-link-label-anchor" style={{ left: labelX, top: labelY }}>
            <div
              className={`ab-link-label ${protocolClass}${selected ? ' is-selected' : ''} nodrag nopan`}
              data-link-label={id}
            >
              {link.label && protocol && <span className="ab-link-label__protocol">{protocol.label}</span>}
              {text}
            </div>
          </div>
        </EdgeLabelRenderer>
      )}
    </g>
  );
});
