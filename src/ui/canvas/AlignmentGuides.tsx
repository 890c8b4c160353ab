/**
 * Alignment guides while a card or a selection is dragged: the dragged card
 * (a selection: its bounding box) snaps to the edges and centres of the cards
 * around it (within a few screen pixels) and thin lines show what it lines up
 * with. Session scope: nothing here is stored.
 */
import { useEffect } from 'react';
import { ViewportPortal, useReactFlow, type InternalNode } from '@xyflow/react';
import { create } from 'zustand';
import { snapSelection, type Guide } from '../../board/arrange';
import { drawnAs } from '../../board/catalog';
import type { Rect } from '../../board/geometry';
import type { BoardNode, DraggedNode, FlowBinding } from '../../sync/flow-binding';

/** How close (screen pixels) an edge or centre must come to another's to snap to it. */
export const SNAP_DISTANCE_PX = 6;

export const useGuides = create<{ guides: Guide[]; set: (guides: Guide[]) => void }>((set) => ({
  guides: [],
  set: (guides) => set({ guides }),
}));

/** Installs the snapping on the binding while mounted (inside ReactFlow). */
export function useAlignmentSnapping(binding: FlowBinding): void {
  const { getInternalNode, getNodes, getZoom } = useReactFlow<BoardNode>();
  useEffect(() => {
    binding.adjustDrag = (drags: readonly DraggedNode[]) => {
      const size = (n: InternalNode<BoardNode>) => ({
        width: n.measured.width ?? n.width ?? 0,
        height: n.measured.height ?? n.height ?? 0,
      });
      // Where each dragged node would be drawn, in flow coordinates.
      const moving: Rect[] = [];
      const dragged = new Set<string>();
      const ancestors = new Set<string>();
      for (const d of drags) {
        const node = getInternalNode(d.id);
        if (!node) continue;
        dragged.add(d.id);
        const parent = node.parentId ? getInternalNode(node.parentId) : undefined;
        const origin = parent ? parent.internals.positionAbsolute : { x: 0, y: 0 };
        moving.push({ x: origin.x + d.position.x, y: origin.y + d.position.y, ...size(node) });
        for (let p = node.parentId, depth = 0; p && depth < 64; p = getInternalNode(p)?.parentId, depth++)
          ancestors.add(p);
      }
      if (moving.length === 0) return { dx: 0, dy: 0 };
      // The others: not dragged, not inside what is dragged, not a group the dragged cards sit in.
      const insideDragged = (n: InternalNode<BoardNode>) => {
        for (let p = n.parentId, depth = 0; p && depth < 64; p = getInternalNode(p)?.parentId, depth++)
          if (dragged.has(p)) return true;
        return false;
      };
      const others: Rect[] = [];
      for (const n of getNodes()) {
        if (dragged.has(n.id) || ancestors.has(n.id)) continue;
        const drawn = drawnAs(n.data.block.kind);
        if (drawn === 'sketch' || drawn === 'arrow') continue;
        const internal = getInternalNode(n.id);
        if (!internal || insideDragged(internal)) continue;
        const s = size(internal);
        if (s.width === 0 || s.height === 0) continue;
        others.push({ ...internal.internals.positionAbsolute, ...s });
      }
      const snap = snapSelection(moving, others, SNAP_DISTANCE_PX / getZoom());
      useGuides.getState().set(snap.guides);
      return { dx: snap.dx, dy: snap.dy };
    };
    return () => {
      binding.adjustDrag = undefined;
    };
  }, [binding, getInternalNode, getNodes, getZoom]);
}

/** The guide lines, in flow coordinates. */
export function AlignmentGuides() {
  const guides = useGuides((s) => s.guides);
  if (guides.length === 0) return null;
  return (
    <ViewportPortal>
      {guides.map((g, i) => (
        <div
          key={i}
          className={`ab-guide ab-guide--${g.axis}`}
          data-guide={g.axis}
          style={
            g.axis === 'x'
              ? { left: g.at, top: g.from, height: g.to - g.from }
              : { left: g.from, top: g.at, width: g.to - g.from }
          }
        />
      ))}
    </ViewportPortal>
  );
}
