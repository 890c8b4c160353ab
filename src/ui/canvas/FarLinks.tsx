import { memo, useMemo, useRef } from 'react';
import {
  ViewportPortal,
  getBezierPath,
  useStore,
  useStoreApi,
  type InternalNode,
  type ReactFlowState,
} from '@xyflow/react';
import { polylinePath } from '../../board/drawing';
import { elbowLine, routeOfLink } from '../../board/link-route';
import { isAsyncLink, protocolInfo } from '../../board/protocols';
import type { BoardEdge } from '../../sync/flow-binding';
import { useBoardSelector } from '../board/useBoardStore';
import { backOff, linkAnchors } from './edge-geometry';
import { canvasElbowRoute } from './link-routes';

interface Drawn {
  source: InternalNode;
  target: InternalNode;
  d: string;
}

const nodesOf = (s: ReactFlowState) => s.nodes;
const lookupOf = (s: ReactFlowState) => s.nodeLookup;

/**
 * Far out (src/ui/canvas/detail.ts), the links are bare lines in one SVG layer
 * under the cards, drawn from React Flow's node lookup: no edge component and
 * no store subscription per link, so a pan frame does not run thousands of
 * selectors. Recomputed when the nodes change (a drag, a measurement); a
 * curved link whose two ends did not move keeps its path (an elbow link's
 * route comes from the canvas's shared route cache). The canvas gives React
 * Flow only the selected links meanwhile, which it draws in full.
 */
export const FarLinks = memo(function FarLinks({ edges }: { edges: readonly BoardEdge[] }) {
  const nodes = useStore(nodesOf);
  const lookup = useStore(lookupOf);
  const api = useStoreApi();
  const boardRoute = useBoardSelector((s) => s.settings.linkRoute);
  const cache = useRef(new Map<string, Drawn>());
  const paths = useMemo(() => {
    void nodes; // the lookup is mutated in place; the nodes array says when
    const next = new Map<string, Drawn>();
    const out: { id: string; d: string; className: string }[] = [];
    for (const edge of edges) {
      const source = lookup.get(edge.source);
      const target = lookup.get(edge.target);
      const link = edge.data?.link;
      if (!source || !target || !link || !source.measured.width || !target.measured.width) continue;
      const prev = cache.current.get(edge.id);
      let d = prev && prev.source === source && prev.target === target ? prev.d : '';
      const route =
        routeOfLink(link, { linkRoute: boardRoute }) === 'elbow'
          ? canvasElbowRoute(api.getState(), edge.source, edge.target)
          : null;
      if (route) d = polylinePath(elbowLine(route));
      else if (!d) {
        const anchors = linkAnchors(source, target);
        const end = backOff(anchors.target, 8);
        [d] = getBezierPath({
          sourceX: anchors.source.x,
          sourceY: anchors.source.y,
          sourcePosition: anchors.source.position,
          targetX: end.x,
          targetY: end.y,
          targetPosition: anchors.target.position,
        });
      }
      next.set(edge.id, { source, target, d });
      const protocol = protocolInfo(link.protocol);
      const className = `ab-link ab-link--far ${protocol ? `ab-link--${protocol.id}` : 'ab-link--other'}${isAsyncLink(link) ? ' ab-link--async' : ''}`;
      out.push({ id: edge.id, d, className });
    }
    cache.current = next;
    return out;
  }, [api, boardRoute, edges, lookup, nodes]);
  return (
    <ViewportPortal>
      <svg className="ab-far-links" aria-hidden>
        {paths.map((p) => (
          <g key={p.id} className={p.className} data-link-id={p.id}>
            <path d={p.d} className="ab-link__line" fill="none" />
          </g>
        ))}
      </svg>
    </ViewportPortal>
  );
});
