import { memo, useCallback, useRef, useState } from 'react';
import {
  BaseEdge,
  EdgeLabelRenderer,
  getBezierPath,
  useInternalNode,
  useReactFlow,
  useStore,
  type EdgeProps,
} from '@xyflow/react';
import { polylinePath } from '../../board/drawing';
import { cubicOfPath, labelAtOf, nearestOnPath, pointOnPath, type LinkPath } from '../../board/link-label';
import { elbowLine, routeOfLink } from '../../board/link-route';
import { isAsyncLink, protocolInfo } from '../../board/protocols';
import type { BoardEdge } from '../../sync/flow-binding';
import { formatCount } from '../../estimate/units';
import { MAX_LABEL_CHARS } from '../../limits';
import { useBoard } from '../board/board-context';
import { useBoardSelector } from '../board/useBoardStore';
import { useSelectedBy } from '../board/presence-store';
import { useLinkTraffic } from '../lint/lint-store';
import { useLinkDrill } from '../lint/drill-store';
import { arrowheadPath, backOff, linkAnchors, type Anchor } from './edge-geometry';
import { InlineText } from './InlineText';
import { useLinkLabelEditing } from './link-label-store';
import { useLabelPlaces } from './LabelPlacer';
import { useLowDetail } from './detail';
import { CommentBadge } from '../comments/CommentBadge';
import { canvasElbowRoute, positionOfSide } from './link-routes';

/** How far (screen pixels) the pointer moves on a label before it is a drag rather than a click. */
const DRAG_THRESHOLD_PX = 3;

/**
 * A directed link: a curve between the facing sides of its blocks (or an
 * elbow route around the other cards, by the link's or the board's choice), an
 * arrowhead drawn inline (so PNG export keeps it), a style per protocol
 * (async and event links dashed) and a label chip. A double-click edits the
 * label in place; dragging the chip slides it along the curve (`labelAt`).
 */
export const LinkEdge = memo(function LinkEdge({ id, source, target, data, selected }: EdgeProps<BoardEdge>) {
  const sourceNode = useInternalNode(source);
  const targetNode = useInternalNode(target);
  const selectedBy = useSelectedBy(id);
  const traffic = useLinkTraffic(id);
  const { editor, readOnly } = useBoard();
  const { screenToFlowPosition } = useReactFlow();
  const editing = useLinkLabelEditing((s) => s.editing === id);
  const edit = useLinkLabelEditing((s) => s.edit);
  // Where the label is while it is dragged (local until the drop writes it).
  const [dragAt, setDragAt] = useState<number | null>(null);
  const drag = useRef<{ x: number; y: number; pointer: number; moved: boolean } | null>(null);
  const dead = useLinkDrill(source, target);
  const place = useLabelPlaces((s) => s.places.get(id));
  const boardRoute = useBoardSelector((s) => s.settings.linkRoute);
  const elbow = data ? routeOfLink(data.link, { linkRoute: boardRoute }) === 'elbow' : false;
  // Only an elbow link follows the other cards (a curve depends on its ends alone); the route object stays the same until it changes.
  const route = useStore(
    useCallback((s) => (elbow ? canvasElbowRoute(s, source, target) : null), [elbow, source, target]),
  );
  // Far out, the line alone: label chips are unreadable there and each is a DOM element.
  const low = useLowDetail() && !selected && !editing;
  if (!sourceNode || !targetNode || !data) return null;
  const { link } = data;
  let path: string;
  let curve: LinkPath | null;
  let mid: { x: number; y: number };
  let tip: Anchor;
  if (route) {
    const line = elbowLine(route);
    path = polylinePath(line);
    curve = line;
    mid = pointOnPath(line, 0.5);
    const end = route.points[route.points.length - 1]!;
    tip = { ...end, position: positionOfSide(route.targetSide) };
  } else {
    const anchors = linkAnchors(sourceNode, targetNode);
    const end = backOff(anchors.target, 8);
    const [bezier, midX, midY] = getBezierPath({
      sourceX: anchors.source.x,
      sourceY: anchors.source.y,
      sourcePosition: anchors.source.position,
      targetX: end.x,
      targetY: end.y,
      targetPosition: anchors.target.position,
    });
    path = bezier;
    curve = cubicOfPath(bezier);
    mid = { x: midX, y: midY };
    tip = anchors.target;
  }
  const at = dragAt ?? place?.t ?? labelAtOf(link);
  const onCurve = curve ? pointOnPath(curve, at) : mid;
  // Placed clear of other labels and cards (LabelPlacer), except while dragged.
  const point = dragAt === null && place ? { x: onCurve.x + place.dx, y: onCurve.y + place.dy } : onCurve;
  const protocol = protocolInfo(link.protocol);
  const protocolClass = protocol ? `ab-link--${protocol.id}` : 'ab-link--other';
  const asyncClass = isAsyncLink(link) ? ' ab-link--async' : '';
  const text = link.label || protocol?.label || link.protocol;

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    if (readOnly || e.button !== 0 || editing) return;
    drag.current = { x: e.clientX, y: e.clientY, pointer: e.pointerId, moved: false };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: React.PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.pointer !== e.pointerId || !curve) return;
    if (!d.moved && Math.hypot(e.clientX - d.x, e.clientY - d.y) < DRAG_THRESHOLD_PX) return;
    d.moved = true;
    setDragAt(nearestOnPath(curve, screenToFlowPosition({ x: e.clientX, y: e.clientY })));
  };
  const onPointerUp = (e: React.PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.pointer !== e.pointerId) return;
    drag.current = null;
    if (d.moved && dragAt !== null) editor.placeLinkLabel(id, dragAt);
    setDragAt(null);
  };

  return (
    <g
      className={`ab-link ${protocolClass}${asyncClass}${selected ? ' is-selected' : ''}${dead ? ' is-drill-dead' : ''}`}
      data-link-id={id}
      data-route={route ? 'elbow' : 'curved'}
    >
      {selectedBy && <path d={path} className="ab-link__remote" style={{ stroke: selectedBy.color }} fill="none" />}
      <BaseEdge id={id} path={path} interactionWidth={16} className="ab-link__line" />
      <path d={arrowheadPath(tip)} className="ab-link__arrow" />
      {!low && (!text || (editing && !readOnly)) && (
        <EdgeLabelRenderer>
          <div className="ab-link-label-anchor" style={{ left: point.x, top: point.y }}>
            <CommentBadge anchor={`link:${id}`} />
          </div>
        </EdgeLabelRenderer>
      )}
      {low
        ? null
        : traffic && (
            <EdgeLabelRenderer>
              <div className="ab-link-label-anchor" style={{ left: point.x, top: point.y + (text ? 22 : 0) }}>
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
      {low ? null : editing && !readOnly ? (
        <EdgeLabelRenderer>
          <div className="ab-link-label-anchor" style={{ left: point.x, top: point.y }}>
            <div className={`ab-link-label ab-link-label--editing ${protocolClass}`} data-link-label-editor={id}>
              <InlineText
                value={link.label ?? ''}
                placeholder="Label"
                editing
                maxLength={MAX_LABEL_CHARS}
                className="ab-link-label__input"
                onCommit={(value) => editor.labelLink(id, value)}
                onDone={() => edit(null)}
              />
            </div>
          </div>
        </EdgeLabelRenderer>
      ) : (
        text && (
          <EdgeLabelRenderer>
            <div className="ab-link-label-anchor" style={{ left: point.x, top: point.y }}>
              <div
                className={`ab-link-label ${protocolClass}${selected ? ' is-selected' : ''}${dragAt !== null ? ' is-dragging' : ''} nodrag nopan`}
                data-link-label={id}
                data-label-at={at}
                title={readOnly ? undefined : 'Double-click to edit, drag to move along the link'}
                onPointerDown={onPointerDown}
                onPointerMove={onPointerMove}
                onPointerUp={onPointerUp}
                onPointerCancel={onPointerUp}
                onDoubleClick={(e) => {
                  e.stopPropagation();
                  if (!readOnly) edit(id);
                }}
              >
                {link.label && protocol && <span className="ab-link-label__protocol">{protocol.label}</span>}
                {text}
                <CommentBadge anchor={`link:${id}`} className="ab-comment-badge--label" />
              </div>
            </div>
          </EdgeLabelRenderer>
        )
      )}
    </g>
  );
});
