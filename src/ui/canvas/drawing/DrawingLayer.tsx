import { useEffect, useRef, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { boundsOf, simplifiedIndexes, smoothPath, toFlat } from '../../../board/drawing';
import type { Point } from '../../../board/geometry';
import { drawingOf, drawnAs, idPrefixOf, kindDrawnAs, newBlockSize } from '../../../board/catalog';
import { newId } from '../../../board/ops';
import type { Block } from '../../../board/types';
import type { BoardNode } from '../../../sync/flow-binding';
import { useBoard } from '../../board/board-context';
import { useSession, type DrawTool } from '../../common/session-store';
import { MAX_STROKE_POINTS } from '../../../limits';
import { HIGHLIGHTER_WIDTH, PEN_WIDTH } from './SketchNode';
import { useLaserTrails } from './laser-store';

type Gesture =
  | { tool: 'pen' | 'highlighter'; points: Point[]; pressures: number[]; screen: Point[]; pressure: boolean }
  | { tool: 'rectangle' | 'ellipse' | 'diamond'; start: Point; end: Point; screenStart: Point; screenEnd: Point }
  | { tool: 'arrow'; start: Point; end: Point; screenStart: Point; screenEnd: Point; fromBlock?: string }
  | { tool: 'eraser'; erased: Set<string> }
  | { tool: 'laser' }
  | { tool: 'text'; at: Point };

const SHAPE_TOOLS = new Set<DrawTool>(['rectangle', 'ellipse', 'diamond']);
const DEFAULT_SHAPE = newBlockSize(kindDrawnAs('shape'));

/** The block under a screen point that an arrow end binds to: a card, a shape or a note, not a stroke or a frame. */
function bindableBlockAt(x: number, y: number): string | undefined {
  for (const el of document.elementsFromPoint(x, y)) {
    const node = el.closest<HTMLElement>('.react-flow__node');
    if (!node) continue;
    const kind = node.querySelector<HTMLElement>('[data-kind]')?.dataset.kind;
    if (!kind) continue;
    const drawn = drawnAs(kind);
    if (drawn === 'frame' || drawn === 'sketch' || drawn === 'arrow' || drawn === 'text') continue;
    return node.dataset.id;
  }
  return undefined;
}

/** The drawing (strokes, shapes, text, arrows) under a screen point, for the eraser. */
function drawingAt(x: number, y: number): string | undefined {
  for (const el of document.elementsFromPoint(x, y)) {
    const node = el.closest<HTMLElement>('.react-flow__node');
    const kind = node?.querySelector<HTMLElement>('[data-kind]')?.dataset.kind;
    if (node && kind && drawingOf(kind)) return node.dataset.id;
  }
  return undefined;
}

/**
 * What the drawing tools do on the canvas: a layer over the diagram that takes
 * the pointer while a tool other than Select is in hand. Pen and highlighter
 * strokes are thinned and smoothed when they end; shapes and arrows are
 * dragged out; text starts where you click; the eraser removes the drawing it
 * passes over; the laser goes to everyone through presence. Holding Space lets
 * the pointer through, so Space-drag pans as with Select.
 */
export function DrawingLayer() {
  const { editor, readOnly, presence } = useBoard();
  const tool = useSession((s) => s.tool);
  const inkColor = useSession((s) => s.inkColor);
  const userColor = useSession((s) => s.userColor);
  const { screenToFlowPosition, getZoom } = useReactFlow<BoardNode>();
  const layer = useRef<HTMLDivElement>(null);
  const gesture = useRef<Gesture | null>(null);
  const [, redraw] = useState(0);
  const [spaceHeld, setSpaceHeld] = useState(false);

  useEffect(() => {
    const down = (e: KeyboardEvent) => e.code === 'Space' && !e.repeat && setSpaceHeld(true);
    const up = (e: KeyboardEvent) => e.code === 'Space' && setSpaceHeld(false);
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, []);

  if (tool === 'select' || tool === 'comment' || readOnly) return null;

  const local = (e: React.PointerEvent): Point => {
    const r = layer.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const flow = (e: React.PointerEvent): Point => screenToFlowPosition({ x: e.clientX, y: e.clientY });
  const add = (block: Block) => editor.step([{ op: 'add-block', block }]);
  const finishWith = (next: DrawTool, editRequest?: string) =>
    useSession.getState().set({ tool: next, ...(editRequest ? { editRequest } : {}) });

  const onPointerDown = (e: React.PointerEvent) => {
    if (e.button !== 0) return;
    e.preventDefault();
    layer.current?.setPointerCapture(e.pointerId);
    const p = flow(e);
    if (tool === 'pen' || tool === 'highlighter') {
      const pressure = e.pointerType === 'pen' || (e.pointerType === 'touch' && e.pressure > 0 && e.pressure !== 0.5);
      gesture.current = { tool, points: [p], pressures: [e.pressure], screen: [local(e)], pressure };
    } else if (SHAPE_TOOLS.has(tool)) {
      const s = local(e);
      gesture.current = {
        tool: tool as 'rectangle',
        start: p,
        end: p,
        screenStart: s,
        screenEnd: s,
      };
    } else if (tool === 'arrow') {
      const s = local(e);
      gesture.current = {
        tool,
        start: p,
        end: p,
        screenStart: s,
        screenEnd: s,
        fromBlock: bindableBlockAt(e.clientX, e.clientY),
      };
    } else if (tool === 'eraser') {
      gesture.current = { tool, erased: new Set() };
      const hit = drawingAt(e.clientX, e.clientY);
      if (hit) gesture.current.erased.add(hit);
    } else if (tool === 'laser') {
      gesture.current = { tool };
      presence.setLaser(p);
      useLaserTrails.getState().add('me', userColor, p);
    } else if (tool === 'text') {
      // Made when the button comes up: the click that follows must not take focus from its field.
      gesture.current = { tool, at: p };
    }
    redraw((n) => n + 1);
  };

  const onPointerMove = (e: React.PointerEvent) => {
    const g = gesture.current;
    if (!g) return;
    const p = flow(e);
    if (g.tool === 'pen' || g.tool === 'highlighter') {
      if (g.points.length >= MAX_STROKE_POINTS) return;
      // Coalesced events carry every sample the pen made between frames: smoother strokes.
      const samples = e.nativeEvent.getCoalescedEvents?.() ?? [e.nativeEvent];
      const r = layer.current!.getBoundingClientRect();
      for (const s of samples.length > 0 ? samples : [e.nativeEvent]) {
        g.points.push(screenToFlowPosition({ x: s.clientX, y: s.clientY }));
        g.pressures.push(s.pressure);
        g.screen.push({ x: s.clientX - r.left, y: s.clientY - r.top });
      }
    } else if (g.tool === 'arrow' || g.tool === 'rectangle' || g.tool === 'ellipse' || g.tool === 'diamond') {
      g.end = p;
      g.screenEnd = local(e);
    } else if (g.tool === 'eraser') {
      const hit = drawingAt(e.clientX, e.clientY);
      if (hit) g.erased.add(hit);
    } else if (g.tool === 'laser') {
      presence.setLaser(p);
      useLaserTrails.getState().add('me', userColor, p);
    }
    redraw((n) => n + 1);
  };

  const onPointerUp = () => {
    const g = gesture.current;
    gesture.current = null;
    if (!g) return;
    if (g.tool === 'pen' || g.tool === 'highlighter') {
      const highlighter = g.tool === 'highlighter';
      const width = highlighter ? HIGHLIGHTER_WIDTH : PEN_WIDTH;
      const keep = simplifiedIndexes(g.points, 0.6 / Math.max(0.1, getZoom()));
      const points = keep.map((i) => g.points[i]!);
      const box = boundsOf(points);
      const origin = { x: Math.floor(box.x - width), y: Math.floor(box.y - width) };
      const rel = points.map((q) => ({
        x: Math.round((q.x - origin.x) * 10) / 10,
        y: Math.round((q.y - origin.y) * 10) / 10,
      }));
      if (rel.length === 1) rel.push({ x: rel[0]!.x + 0.1, y: rel[0]!.y });
      const block: Block = {
        id: newId(idPrefixOf(kindDrawnAs('sketch'))),
        kind: kindDrawnAs('sketch'),
        x: origin.x,
        y: origin.y,
        points: toFlat(rel),
      };
      if (highlighter) block.highlighter = true;
      else block.color = inkColor;
      if (g.pressure && !highlighter) {
        const pressures = keep.map((i) => Math.round(Math.min(1, Math.max(0, g.pressures[i] ?? 0.5)) * 100) / 100);
        if (pressures.length === rel.length) block.pressures = pressures;
      }
      add(block);
    } else if (g.tool === 'rectangle' || g.tool === 'ellipse' || g.tool === 'diamond') {
      let x = Math.min(g.start.x, g.end.x);
      let y = Math.min(g.start.y, g.end.y);
      let width = Math.abs(g.end.x - g.start.x);
      let height = Math.abs(g.end.y - g.start.y);
      if (width < 8 && height < 8) {
        ({ width, height } = DEFAULT_SHAPE);
        x = g.start.x - width / 2;
        y = g.start.y - height / 2;
      }
      const id = newId(idPrefixOf(kindDrawnAs('shape')));
      add({
        id,
        kind: kindDrawnAs('shape'),
        shape: g.tool,
        x: Math.round(x),
        y: Math.round(y),
        width: Math.round(Math.max(40, width)),
        height: Math.round(Math.max(30, height)),
      });
      finishWith('select', id);
    } else if (g.tool === 'arrow') {
      if (Math.hypot(g.screenEnd.x - g.screenStart.x, g.screenEnd.y - g.screenStart.y) < 6) return;
      const r = layer.current!.getBoundingClientRect();
      const toBlock = bindableBlockAt(r.left + g.screenEnd.x, r.top + g.screenEnd.y);
      const origin = { x: Math.round(Math.min(g.start.x, g.end.x)), y: Math.round(Math.min(g.start.y, g.end.y)) };
      const points = [g.start, g.end].map((q) => ({ x: Math.round(q.x - origin.x), y: Math.round(q.y - origin.y) }));
      const block: Block = {
        id: newId(idPrefixOf(kindDrawnAs('arrow'))),
        kind: kindDrawnAs('arrow'),
        x: origin.x,
        y: origin.y,
        points: toFlat(points),
        heads: 'end',
        color: inkColor,
      };
      if (g.fromBlock) block.fromBlock = g.fromBlock;
      if (toBlock && toBlock !== g.fromBlock) block.toBlock = toBlock;
      add(block);
      finishWith('select');
    } else if (g.tool === 'eraser') {
      if (g.erased.size > 0) editor.deleteElements(g.erased, []);
    } else if (g.tool === 'laser') {
      presence.setLaser(null);
    } else if (g.tool === 'text') {
      const id = newId(idPrefixOf(kindDrawnAs('text')));
      add({
        id,
        kind: kindDrawnAs('text'),
        x: Math.round(g.at.x),
        y: Math.round(g.at.y - 12),
        label: '',
        color: inkColor,
      });
      finishWith('select', id);
    }
    redraw((n) => n + 1);
  };

  const g = gesture.current;
  let preview: React.ReactNode = null;
  if (g && (g.tool === 'pen' || g.tool === 'highlighter')) {
    const zoom = getZoom();
    preview = (
      <path
        d={smoothPath(g.screen)}
        className={`ab-draw-preview${g.tool === 'highlighter' ? ' is-highlighter' : ''}`}
        stroke={g.tool === 'highlighter' ? '#facc15' : inkColor}
        strokeWidth={(g.tool === 'highlighter' ? HIGHLIGHTER_WIDTH : PEN_WIDTH) * zoom}
      />
    );
  } else if (g && (g.tool === 'rectangle' || g.tool === 'ellipse' || g.tool === 'diamond')) {
    const x = Math.min(g.screenStart.x, g.screenEnd.x);
    const y = Math.min(g.screenStart.y, g.screenEnd.y);
    const w = Math.abs(g.screenEnd.x - g.screenStart.x);
    const h = Math.abs(g.screenEnd.y - g.screenStart.y);
    preview =
      g.tool === 'ellipse' ? (
        <ellipse cx={x + w / 2} cy={y + h / 2} rx={w / 2} ry={h / 2} className="ab-draw-preview" />
      ) : g.tool === 'diamond' ? (
        <polygon
          points={`${x + w / 2},${y} ${x + w},${y + h / 2} ${x + w / 2},${y + h} ${x},${y + h / 2}`}
          className="ab-draw-preview"
        />
      ) : (
        <rect x={x} y={y} width={w} height={h} rx={6} className="ab-draw-preview" />
      );
  } else if (g && g.tool === 'arrow') {
    preview = (
      <line
        x1={g.screenStart.x}
        y1={g.screenStart.y}
        x2={g.screenEnd.x}
        y2={g.screenEnd.y}
        className="ab-draw-preview"
        stroke={inkColor}
      />
    );
  }

  return (
    <div
      ref={layer}
      className={`ab-draw-layer is-${tool}${spaceHeld ? ' is-passing' : ''}`}
      data-testid="draw-layer"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
    >
      <svg className="ab-draw-layer__svg">{preview}</svg>
      {g?.tool === 'eraser' && (
        <style>
          {[...g.erased].map((id) => `.react-flow__node[data-id="${CSS.escape(id)}"]{opacity:.25}`).join('')}
        </style>
      )}
    </div>
  );
}
