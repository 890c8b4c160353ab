import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import {
  Background,
  BackgroundVariant,
  ConnectionMode,
  Controls,
  MiniMap,
  ReactFlow,
  SelectionMode,
  useNodesInitialized,
  useReactFlow,
  useStore,
  type FinalConnectionState,
  type ReactFlowState,
  type XYPosition,
} from '@xyflow/react';
import { categoryInfo, hasRole, isLinkable, kindInfo, newBlockSize } from '../../board/catalog';
import { isInside } from '../../board/geometry';
import { useBoard } from '../board/board-context';
import { useSession } from '../common/session-store';
import type { BoardEdge, BoardNode } from '../../sync/flow-binding';
import type { FlowBindingView } from './useFlowBinding';
import { BlockNode } from './BlockNode';
import { GroupNode } from './GroupNode';
import { NoteNode } from './NoteNode';
import { LinkEdge } from './LinkEdge';
import { RemoteCursors } from './RemoteCursors';
import { PALETTE_DRAG_TYPE } from '../palette/Palette';
import { importBoardFile } from '../export/import-board';
import { AlignmentGuides, useAlignmentSnapping, useGuides } from './AlignmentGuides';
import { MAX_ZOOM, MIN_ZOOM, fitOptions, initialViewport } from './fit';
import { DRAW_VISIBLE_ONLY_FROM, LOW_DETAIL_FROM, LOW_DETAIL_ZOOM, LowDetail, useFullDetail } from './detail';
import { LabelPlacer } from './LabelPlacer';
import { FarLinks } from './FarLinks';
import { useLinkLabelEditing } from './link-label-store';
import { ArrowNode } from './drawing/ArrowNode';
import { DrawingLayer } from './drawing/DrawingLayer';
import { LaserTrails } from './drawing/LaserTrails';
import { ShapeNode } from './drawing/ShapeNode';
import { SketchNode } from './drawing/SketchNode';
import { TextNode } from './drawing/TextNode';
import { Toolbox } from './drawing/Toolbox';
import { CommentLayer } from '../comments/CommentLayer';
import { CommentPins } from '../comments/CommentPins';

export const GRID = 16;

const nodeTypes = {
  block: BlockNode,
  group: GroupNode,
  note: NoteNode,
  text: TextNode,
  shape: ShapeNode,
  sketch: SketchNode,
  arrow: ArrowNode,
};
const edgeTypes = { link: LinkEdge };

/** Cards in their category's colour; frames and notes stay outlines. */
function minimapColor(node: BoardNode): string {
  if (node.type !== 'block') return 'transparent';
  return categoryInfo(kindInfo(node.data.block.kind).category).color;
}

const isLowZoom = (s: ReactFlowState) => s.transform[2] < LOW_DETAIL_ZOOM;

/**
 * Where a block whose top-left is at `absolute` (flow coordinates) belongs:
 * the innermost group under its centre, and its position relative to it.
 */
export function useDropTarget() {
  const { getNodes, getInternalNode } = useReactFlow<BoardNode>();
  return useCallback(
    (absolute: XYPosition, size: { width: number; height: number }, movingId?: string) => {
      const center = { x: absolute.x + size.width / 2, y: absolute.y + size.height / 2 };
      const nodes = getNodes();
      const byId = new Map(nodes.map((n) => [n.id, n.data.block]));
      let best: { id: string; area: number; origin: XYPosition } | null = null;
      for (const n of nodes) {
        if (n.type !== 'group' || n.id === movingId) continue;
        if (movingId && isInside(n.id, movingId, byId)) continue;
        const internal = getInternalNode(n.id);
        if (!internal) continue;
        const { x, y } = internal.internals.positionAbsolute;
        const w = internal.measured.width ?? n.width ?? 0;
        const h = internal.measured.height ?? n.height ?? 0;
        if (center.x < x || center.x > x + w || center.y < y || center.y > y + h) continue;
        if (!best || w * h < best.area) best = { id: n.id, area: w * h, origin: { x, y } };
      }
      if (!best) return { parent: null, position: absolute };
      return { parent: best.id, position: { x: absolute.x - best.origin.x, y: absolute.y - best.origin.y } };
    },
    [getNodes, getInternalNode],
  );
}

interface CanvasProps {
  flow: FlowBindingView;
}

/** The diagram: React Flow bound to the board doc, with palette drops, file drops and presence. */
export function Canvas({ flow }: CanvasProps) {
  const { binding } = flow;
  const { editor, readOnly, presence } = useBoard();
  const theme = useSession((s) => s.theme);
  const snapToGrid = useSession((s) => s.snapToGrid);
  const showMinimap = useSession((s) => s.showMinimap);
  const tool = useSession((s) => s.tool);
  const { screenToFlowPosition, getViewport, fitView, getNodes, getNodesBounds } = useReactFlow<BoardNode>();
  const dropTarget = useDropTarget();
  useAlignmentSnapping(binding);
  const onNodeDragStop = useCallback<typeof binding.onDragStop>(
    (event, node, dragged) => {
      useGuides.getState().set([]);
      binding.onDragStop(event, node, dragged);
    },
    [binding],
  );
  const wrapper = useRef<HTMLDivElement>(null);

  const onDragOver = useCallback((event: React.DragEvent) => {
    const types = event.dataTransfer.types;
    if (types.includes(PALETTE_DRAG_TYPE) || types.includes('Files')) {
      event.preventDefault();
      event.dataTransfer.dropEffect = types.includes('Files') ? 'copy' : 'move';
    }
  }, []);

  const onDrop = useCallback(
    (event: React.DragEvent) => {
      event.preventDefault();
      if (readOnly) return;
      const file = event.dataTransfer.files[0];
      if (file) {
        void importBoardFile(editor, file).then(
          (imported) =>
            imported && requestAnimationFrame(() => void fitView({ padding: 0.2, maxZoom: 1, duration: 300 })),
        );
        return;
      }
      const kind = event.dataTransfer.getData(PALETTE_DRAG_TYPE);
      if (!kind) return;
      const size = newBlockSize(kind);
      const pointer = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const topLeft = { x: pointer.x - size.width / 2, y: pointer.y - size.height / 2 };
      const snapped = snapToGrid
        ? { x: Math.round(topLeft.x / GRID) * GRID, y: Math.round(topLeft.y / GRID) * GRID }
        : topLeft;
      // Frames are not dropped into other frames.
      const target = hasRole(kind, 'frame') ? { parent: null, position: snapped } : dropTarget(snapped, size);
      const id = editor.addBlock({
        kind,
        x: target.position.x,
        y: target.position.y,
        ...(target.parent ? { parent: target.parent } : {}),
      });
      binding.selectOnly([id]);
    },
    [binding, dropTarget, editor, fitView, readOnly, screenToFlowPosition, snapToGrid],
  );

  // A link dropped anywhere on a card connects to it, not only on its 6-9 px handles.
  const connectOnCard = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (readOnly || state.isValid || !state.fromNode) return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!point) return;
      for (const el of document.elementsFromPoint(point.clientX, point.clientY)) {
        const node = el.closest<HTMLElement>('.react-flow__node');
        const target = node?.dataset.id;
        if (!target || target === state.fromNode.id) continue;
        const kind = node.querySelector<HTMLElement>('[data-kind]')?.dataset.kind;
        if (kind && isLinkable(kind)) editor.connect(state.fromNode.id, target);
        return;
      }
    },
    [editor, readOnly],
  );

  // A double-click on a link's line edits its label in place (the chip's own double-click does too).
  const onEdgeDoubleClick = useCallback(
    (event: React.MouseEvent, edge: BoardEdge) => {
      if (readOnly) return;
      event.stopPropagation();
      useLinkLabelEditing.getState().edit(edge.id);
    },
    [readOnly],
  );

  const onPointerMove = useCallback(
    (event: React.PointerEvent) => presence.setPointer(screenToFlowPosition({ x: event.clientX, y: event.clientY })),
    [presence, screenToFlowPosition],
  );
  const onPointerLeave = useCallback(() => presence.setPointer(null), [presence]);

  const reportViewport = useCallback(() => {
    const rect = wrapper.current?.getBoundingClientRect();
    if (rect) presence.setViewport({ ...getViewport(), width: rect.width, height: rect.height });
  }, [getViewport, presence]);
  useEffect(() => {
    reportViewport();
  }, [reportViewport]);

  // Fit only a board that has something on it when it opens: fitting on the first
  // block dropped on an empty board would pull it from where it was dropped to the centre.
  // Fitted here rather than by React Flow's `fitView` prop because the framing
  // depends on the measured canvas, the diagram's shape and the minimap.
  const nodesInitialized = useNodesInitialized();
  const pendingFit = useRef(flow.nodes.length > 0);
  useEffect(() => {
    if (!nodesInitialized || !pendingFit.current) return;
    pendingFit.current = false;
    const nodes = getNodes();
    if (nodes.length > 0) void fitView(fitOptions(wrapper.current, getNodesBounds(nodes)));
  }, [fitView, getNodes, getNodesBounds, nodesInitialized]);

  // The fit above waits until every node is measured, after a first render at
  // 100%: starting at about the fitted view instead draws that first render at
  // the right level of detail. Measured before React Flow mounts.
  const [startAt, setStartAt] = useState<{ x: number; y: number; zoom: number } | null>(null);
  useLayoutEffect(() => {
    if (startAt) return;
    const el = wrapper.current;
    setStartAt(
      pendingFit.current && el
        ? initialViewport(
            flow.nodes.map((n) => n.data.block),
            el,
          )
        : { x: 0, y: 0, zoom: 1 },
    );
    // Only the first layout counts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const lowZoom = useStore(isLowZoom);
  const full = useFullDetail((s) => s.requests > 0);
  const low = lowZoom && !full && flow.nodes.length >= LOW_DETAIL_FROM;
  // Far out, React Flow draws only the selected links; FarLinks draws the others.
  const edges = useMemo(() => (low ? flow.edges.filter((e) => e.selected) : flow.edges), [flow.edges, low]);
  const farEdges = useMemo(() => (low ? flow.edges.filter((e) => !e.selected) : []), [flow.edges, low]);

  const proOptions = useMemo(() => ({ hideAttribution: false }), []);

  // Moving the view yourself ends following someone (programmatic moves come with no event).
  const stopFollowingOnUserMove = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event && useSession.getState().following !== null) useSession.getState().set({ following: null });
  }, []);

  // While the view moves, the viewport gets its own compositor layer so a pan
  // frame moves pixels instead of repainting every card; it is dropped a moment
  // after the move ends so text is rasterized sharply at the new zoom.
  const settle = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onMove = useCallback(() => {
    // classList.add rewrites the attribute even when the class is there, and
    // that re-styles the whole canvas: touch it only when it changes.
    const el = wrapper.current;
    if (el && !el.classList.contains('is-moving')) el.classList.add('is-moving');
    if (settle.current) clearTimeout(settle.current);
    settle.current = setTimeout(() => wrapper.current?.classList.remove('is-moving'), 250);
  }, []);

  return (
    <div
      className={`ab-canvas is-tool-${tool}`}
      ref={wrapper}
      onPointerMove={onPointerMove}
      onPointerLeave={onPointerLeave}
      data-testid="canvas"
    >
      {startAt && (
        <LowDetail.Provider value={low}>
          <ReactFlow<BoardNode, BoardEdge>
            defaultViewport={startAt}
            onlyRenderVisibleElements={!full && flow.nodes.length >= DRAW_VISIBLE_ONLY_FROM}
            nodes={flow.nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={binding.onNodesChange}
            onEdgesChange={binding.onEdgesChange}
            onConnect={binding.onConnect}
            onConnectEnd={connectOnCard}
            onEdgeDoubleClick={onEdgeDoubleClick}
            zoomOnDoubleClick={false}
            onNodeDragStart={binding.onDragStart}
            onNodeDragStop={onNodeDragStop}
            onSelectionDragStart={binding.onDragStart}
            onSelectionDragStop={(event, dragged) => onNodeDragStop(event, null, dragged)}
            onDragOver={onDragOver}
            onDrop={onDrop}
            onMove={onMove}
            onMoveStart={stopFollowingOnUserMove}
            onMoveEnd={reportViewport}
            connectionMode={ConnectionMode.Loose}
            colorMode={theme}
            snapToGrid={snapToGrid}
            snapGrid={[GRID, GRID]}
            selectionOnDrag
            selectionMode={SelectionMode.Partial}
            panOnDrag={[1, 2]}
            panOnScroll
            zoomOnPinch
            multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
            selectionKeyCode={null}
            deleteKeyCode={null}
            nodesDraggable={!readOnly}
            nodesConnectable={!readOnly}
            edgesReconnectable={false}
            elementsSelectable
            minZoom={MIN_ZOOM}
            maxZoom={MAX_ZOOM}
            disableKeyboardA11y
            elevateNodesOnSelect={false}
            proOptions={proOptions}
            attributionPosition="bottom-right"
          >
            <Background variant={BackgroundVariant.Dots} gap={GRID} size={1.2} />
            <Controls position="bottom-left" showInteractive={false} />
            {showMinimap && (
              <MiniMap<BoardNode>
                position="bottom-right"
                pannable
                zoomable
                nodeColor={minimapColor}
                nodeStrokeWidth={0}
                maskColor={theme === 'dark' ? 'rgba(15,23,42,0.6)' : 'rgba(241,245,249,0.6)'}
              />
            )}
            <RemoteCursors />
            <LaserTrails />
            <AlignmentGuides />
            <LabelPlacer />
            <CommentPins />
            {low && <FarLinks edges={farEdges} />}
          </ReactFlow>
        </LowDetail.Provider>
      )}
      <DrawingLayer />
      {tool === 'comment' && !readOnly && <CommentLayer />}
      {!readOnly && <Toolbox />}
    </div>
  );
}
