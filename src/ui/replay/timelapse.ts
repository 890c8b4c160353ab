/**
 * Timelapse export: the replay of the diagram drawn frame by frame on a
 * canvas (blocks as cards, frames dashed, links as lines) and recorded with
 * MediaRecorder as WebM. Recording runs in real time, so the speed chosen
 * sets both how fast the interview goes by and how long the export takes.
 */
import { categoryInfo, hasRole, kindInfo, newBlockSize } from '../../board/catalog';
import type { Block, Board } from '../../board/types';
import type { ReplayHistory } from '../../sync/replay-history';

const FPS = 10;
const WIDTH = 1280;
const HEIGHT = 720;
const MARGIN = 40;

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Each block's rectangle in board coordinates (children are placed relative to their group). */
function rectsOf(board: Board): Map<string, Rect> {
  const byId = new Map(board.blocks.map((b) => [b.id, b]));
  const rects = new Map<string, Rect>();
  const place = (block: Block, depth = 0): Rect => {
    const known = rects.get(block.id);
    if (known) return known;
    const parent = block.parent ? byId.get(block.parent) : undefined;
    const origin = parent && depth < 20 ? place(parent, depth + 1) : { x: 0, y: 0 };
    const size = newBlockSize(block.kind);
    const rect = {
      x: origin.x + block.x,
      y: origin.y + block.y,
      width: block.width ?? size.width,
      height: block.height ?? size.height,
    };
    rects.set(block.id, rect);
    return rect;
  };
  for (const block of board.blocks) place(block);
  return rects;
}

function drawBoard(ctx: CanvasRenderingContext2D, board: Board, view: Rect, caption: string): void {
  ctx.fillStyle = '#f8fafc';
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  const scale = Math.min((WIDTH - 2 * MARGIN) / view.width, (HEIGHT - 2 * MARGIN) / view.height, 1.5);
  const toScreen = (x: number, y: number) => ({
    x: MARGIN + (x - view.x) * scale,
    y: MARGIN + (y - view.y) * scale,
  });
  const rects = rectsOf(board);
  ctx.strokeStyle = '#64748b';
  ctx.lineWidth = 1.5;
  for (const link of board.links) {
    const from = rects.get(link.from);
    const to = rects.get(link.to);
    if (!from || !to) continue;
    const a = toScreen(from.x + from.width / 2, from.y + from.height / 2);
    const b = toScreen(to.x + to.width / 2, to.y + to.height / 2);
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    ctx.stroke();
  }
  ctx.font = `${Math.max(9, Math.round(13 * scale))}px sans-serif`;
  ctx.textBaseline = 'middle';
  for (const block of board.blocks) {
    const rect = rects.get(block.id)!;
    const { x, y } = toScreen(rect.x, rect.y);
    const w = rect.width * scale;
    const h = rect.height * scale;
    const info = kindInfo(block.kind);
    if (hasRole(block.kind, 'frame')) {
      ctx.setLineDash([6, 4]);
      ctx.strokeStyle = '#94a3b8';
      ctx.strokeRect(x, y, w, h);
      ctx.setLineDash([]);
      ctx.fillStyle = '#475569';
      ctx.fillText(block.label || info.label, x + 6, y + 12);
      continue;
    }
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(x, y, w, h);
    ctx.fillStyle = categoryInfo(info.category).color;
    ctx.fillRect(x, y, 5, h);
    ctx.strokeStyle = '#cbd5e1';
    ctx.strokeRect(x, y, w, h);
    ctx.fillStyle = '#0f172a';
    ctx.fillText((block.label || info.label).slice(0, 28), x + 10, y + h / 2, w - 14);
  }
  ctx.fillStyle = '#0f172a';
  ctx.font = '16px sans-serif';
  ctx.fillText(caption, MARGIN, HEIGHT - 16);
}

/** The area every moment's diagram fits in: the union of the boards at a few moments. */
function viewOf(history: ReplayHistory): Rect {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i <= 10; i++) {
    const board = history.boardAt(history.start + ((history.end - history.start) * i) / 10);
    for (const rect of rectsOf(board).values()) {
      minX = Math.min(minX, rect.x);
      minY = Math.min(minY, rect.y);
      maxX = Math.max(maxX, rect.x + rect.width);
      maxY = Math.max(maxY, rect.y + rect.height);
    }
  }
  if (!Number.isFinite(minX)) return { x: 0, y: 0, width: 800, height: 450 };
  return { x: minX, y: minY, width: Math.max(200, maxX - minX), height: Math.max(120, maxY - minY) };
}

/** Records the diagram's replay at `speed` (skipping idle stretches) as a WebM video. */
export async function recordTimelapse(
  history: ReplayHistory,
  speed: number,
  caption: (t: number) => string,
  onProgress: (fraction: number) => void,
): Promise<Blob> {
  if (typeof MediaRecorder === 'undefined') throw new Error('This browser cannot record video (no MediaRecorder).');
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw the timelapse (no 2D canvas).');
  const view = viewOf(history);
  const stream = canvas.captureStream(FPS);
  const mimeType = MediaRecorder.isTypeSupported('video/webm;codecs=vp9') ? 'video/webm;codecs=vp9' : 'video/webm';
  const recorder = new MediaRecorder(stream, { mimeType });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (event) => event.data.size > 0 && chunks.push(event.data);
  const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()));
  recorder.start();
  const step = (1000 / FPS) * speed;
  for (let t = history.start; ; t = history.skipIdle(t + step)) {
    const at = Math.min(t, history.end);
    drawBoard(ctx, history.boardAt(at), view, caption(at));
    onProgress((at - history.start) / Math.max(1, history.end - history.start));
    await new Promise((resolve) => setTimeout(resolve, 1000 / FPS));
    if (at >= history.end) break;
  }
  // The finished diagram stays on screen for a second (and a short history still makes frames).
  for (let i = 0; i < FPS; i++) {
    drawBoard(ctx, history.boardAt(history.end), view, caption(history.end));
    await new Promise((resolve) => setTimeout(resolve, 1000 / FPS));
  }
  recorder.stop();
  await stopped;
  for (const track of stream.getTracks()) track.stop();
  return new Blob(chunks, { type: 'video/webm' });
}
