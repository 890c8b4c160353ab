/**
 * Alignment guides while a card is dragged: the dragged card snaps to the
 * edges and centres of the cards around it (within a few screen pixels) and
 * thin lines show what it lines up with. Session scope: nothing here is stored.
 */
import { useEffect } from 'react';
import { ViewportPortal, useReactFlow, type XYPosition } from '@xyflow/react';
import { create } from 'zustand';
import { snapToOthers, type Guide } from '../../board/arrange';
import { drawnAs } from '../../board/catalog';
import type { Rect } from '../../board/geometry';
import type { BoardNode, FlowBinding } from '../../sync/flow-binding';

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
    binding.adjustDrag = (id: string, position: XYPosition): XYPosition => {
      const moving = getInternalNode(id);
      if (!moving) return position;
      const parent = moving.parentId ? getInternalNode(moving.parentId) : undefined;
      const origin = parent ? parent.internals.positionAbsolute : { x: 0, y: 0 };
      const size = (n: NonNullable<typeof moving>) => ({
        width: n.measured.width ?? n.width ?? 0,
        height: n.measured.height ?? n.height ?? 0,
      });
      const rect: Rect = { x: origin.x + position.x, y: origin.y + position.y, ...size(moving) };
      const others: Rect[] = [];
      for (const n of getNodes()) {
        if (n.id === id || n.parentId === id) continue;
        const drawn = drawnAs(n.data.block.kind);
        if (drawn === 'sketch' || drawn === 'arrow' || n.id === moving.parentId) continue;
        const internal = getInternalNode(n.id);
        if (!internal) continue;
        const s = size(internal);
        if (s.width === 0 || s.height === 0) continue;
        others.push({ ...internal.internals.positionAbsolute, ...s });
      }
      const snap = snapToOthers(rect, others, SNAP_DISTANCE_PX / getZoom());
      useGuides.getState().set(snap.guides);
      return { x: position.x + snap.dx, y: position.y + snap.dy };
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
