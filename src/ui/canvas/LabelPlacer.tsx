/**
 * Places the link labels of the canvas so they cover neither each other nor a
 * card (placeLabels in src/board/link-label.ts, the same as the SVG export;
 * the PNG export pictures this DOM). Runs on the next frame after nodes or
 * links change, not while a card is dragged (labels then slide along with
 * their links at the place they had) and once when the drag ends. Each flow
 * (the board's canvas, a reference drawn beside it) mounts its own placer,
 * which replaces only the places of its own links.
 */
import { useEffect, useRef } from 'react';
import { getBezierPath, useStoreApi, type InternalNode } from '@xyflow/react';
import { create } from 'zustand';
import { cubicOfPath, placeLabels, type LabelPlace, type LabelRequest, type LinkPath } from '../../board/link-label';
import { elbowLine, isRouteObstacle, routeOfLink } from '../../board/link-route';
import { linkLabelSize } from '../../export/svg';
import type { BoardEdge, BoardNode } from '../../sync/flow-binding';
import { useBoardSelector } from '../board/useBoardStore';
import { backOff, linkAnchors } from './edge-geometry';
import { canvasElbowRoute } from './link-routes';

/** The label chip on the canvas is a few pixels wider than the export's estimate of it. */
const CHIP_SLACK_PX = 10;

export const useLabelPlaces = create<{ places: ReadonlyMap<string, LabelPlace> }>(() => ({ places: new Map() }));

/** The curve a link is drawn along on the canvas (as LinkEdge draws it). */
export function canvasCurve(source: InternalNode, target: InternalNode) {
  const anchors = linkAnchors(source, target);
  const end = backOff(anchors.target, 8);
  const [path] = getBezierPath({
    sourceX: anchors.source.x,
    sourceY: anchors.source.y,
    sourcePosition: anchors.source.position,
    targetX: end.x,
    targetY: end.y,
    targetPosition: anchors.target.position,
  });
  return cubicOfPath(path);
}

export function LabelPlacer() {
  const api = useStoreApi<BoardNode, BoardEdge>();
  const boardRoute = useBoardSelector((s) => s.settings.linkRoute);
  // The ids this placer placed: another flow (the reference drawing beside the board) places its own.
  const owned = useRef<ReadonlySet<string>>(new Set());
  useEffect(() => {
    let frame = 0;
    let wasDragging = false;
    const run = () => {
      frame = 0;
      const { nodeLookup, edges, domNode } = api.getState();
      // The chips as drawn (layout size, in flow pixels); the export's estimate for any not drawn yet.
      const drawn = new Map<string, { width: number; height: number }>();
      for (const el of domNode?.querySelectorAll<HTMLElement>('.ab-link-label[data-link-label]') ?? [])
        drawn.set(el.dataset.linkLabel ?? '', { width: el.offsetWidth, height: el.offsetHeight });
      const obstacles = [];
      for (const n of nodeLookup.values()) {
        const block = n.data.block;
        if (!isRouteObstacle(block.kind)) continue;
        const width = n.measured.width ?? n.width ?? 0;
        const height = n.measured.height ?? n.height ?? 0;
        if (width > 0 && height > 0) obstacles.push({ ...n.internals.positionAbsolute, width, height });
      }
      const requests: LabelRequest[] = [];
      for (const e of edges) {
        const link = e.data?.link;
        const s = nodeLookup.get(e.source);
        const t = nodeLookup.get(e.target);
        if (!link || !s || !t) continue;
        const estimate = linkLabelSize(link);
        let curve: LinkPath | null;
        if (routeOfLink(link, { linkRoute: boardRoute }) === 'elbow') {
          const route = canvasElbowRoute(api.getState(), e.source, e.target);
          curve = route ? elbowLine(route) : null;
        } else curve = canvasCurve(s, t);
        if (!estimate || !curve) continue;
        const size = drawn.get(e.id) ?? { width: estimate.width + CHIP_SLACK_PX, height: estimate.height + 4 };
        requests.push({
          id: e.id,
          curve,
          width: size.width + 2,
          height: size.height + 2,
          ...(typeof link.labelAt === 'number' ? { at: link.labelAt } : {}),
        });
      }
      const placed = placeLabels(requests, obstacles);
      useLabelPlaces.setState((s) => ({ places: withOwn(s.places, owned.current, placed) }));
      owned.current = new Set(placed.keys());
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(run);
    };
    schedule();
    const unsubscribe = api.subscribe((s, prev) => {
      if (s.nodes === prev.nodes && s.edges === prev.edges) return;
      const dragging = s.nodes.some((n) => n.dragging || n.resizing);
      if (!dragging || wasDragging !== dragging) schedule();
      wasDragging = dragging;
    });
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
      const mine = owned.current;
      owned.current = new Set();
      useLabelPlaces.setState((s) => ({ places: withOwn(s.places, mine, new Map()) }));
    };
  }, [api, boardRoute]);
  return null;
}

/** The places with one placer's previous ones replaced by its new ones, the other placers' kept. */
function withOwn(
  places: ReadonlyMap<string, LabelPlace>,
  before: ReadonlySet<string>,
  now: ReadonlyMap<string, LabelPlace>,
): Map<string, LabelPlace> {
  const next = new Map(places);
  for (const id of before) next.delete(id);
  for (const [id, place] of now) next.set(id, place);
  return next;
}
