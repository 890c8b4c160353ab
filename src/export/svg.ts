/**
 * The diagram as a native SVG, drawn from the plain board without a browser:
 * rectangles, paths and text only (the catalog's icons as path data), fonts
 * declared with fallbacks, every text XML-escaped. It opens in rsvg-convert,
 * Inkscape and browsers, its text is selectable, and a 15-block board is a few
 * tens of kilobytes. The app's SVG export and `archboard render` use it.
 *
 * The picture follows the canvas's light theme: cards with their category's
 * accent and icon, groups as dashed frames, sticky notes, links as curves
 * between facing sides with an arrowhead and a label chip, and the drawing
 * kinds (free text, shapes, pen strokes, loose arrows).
 */
import {
  CARD_SIZE,
  categoryInfo,
  drawnAs,
  isKnownKind,
  kindInfo,
  replicasOf,
  type CatalogEntry,
} from '../board/catalog';
import { arrowEnds, arrowhead, elbowRoute, polylinePath, smoothPath, toPoints } from '../board/drawing';
import { absolutePosition, type Point, type Rect } from '../board/geometry';
import { labelAtOf, placeLabels, pointOnPath, type LabelRequest, type LinkPath } from '../board/link-label';
import {
  ARROW_BACK_OFF,
  elbowLine,
  facingSides,
  isRouteObstacle,
  ObstacleIndex,
  RouteCache,
  routeOfLink,
  SIDE_OUTWARD,
  sideMiddle,
  type ElbowRoute,
  type Side,
} from '../board/link-route';
import { isAsyncLink, protocolInfo } from '../board/protocols';
import type { Block, Board, Link } from '../board/types';
import { ICON_PATHS } from './svg-icons';

export interface SvgOptions {
  /**
   * Sizes measured on screen, by block id (the app passes its cards' sizes);
   * otherwise a block's own size, or one estimated from its text.
   */
  sizes?: ReadonlyMap<string, { width: number; height: number }>;
  /** The background colour, or `none` for a transparent picture; the canvas's colour by default. */
  background?: string;
  /** Space around the diagram, in pixels; 48 by default (as the PNG export). */
  padding?: number;
}

/** The font stack of the app (app.css `--ab-font`), so the picture reads the same where those fonts exist. */
export const SVG_FONT_FAMILY =
  "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif";

/** The light theme's colours (app.css). */
const COLORS = {
  canvas: '#fbfbfc',
  surface: '#ffffff',
  border: '#e2e5ea',
  text: '#111827',
  text2: '#4b5563',
  text3: '#8a93a0',
  ink: '#1e293b',
  noteBg: '#fef3c7',
  noteBorder: '#f5d98b',
  noteText: '#3f3a2a',
  groupBg: '#6366f1',
  groupBorder: '#a5b4fc',
  highlighter: '#facc15',
  edge: '#64748b',
};

/** Link colours by protocol (app.css `--ab-edge-*`). */
const EDGE_COLORS: Record<string, string> = {
  http: '#475569',
  grpc: '#7c3aed',
  websocket: '#0d9488',
  event: '#d97706',
  query: '#2563eb',
  replication: '#94a3b8',
};

const DEFAULT_PADDING = 48;
const CARD_LABEL_SIZE = 13;
const CARD_META_SIZE = 11;
const NOTE_TEXT_SIZE = 13;
const SHAPE_TEXT_SIZE = 14;
const TEXT_DEFAULT_SIZE = 18;
const LINK_LABEL_SIZE = 11;
const ARROW_HEAD_SIZE = 12;
const PEN_WIDTH = 3;
const HIGHLIGHTER_WIDTH = 16;

// ---------------------------------------------------------------- text

/** Characters XML 1.0 does not allow, which a label may still hold: dropped, so the file stays well-formed. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as XML character data or an attribute value. */
export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * About how wide a text is in the sans-serif fonts of the stack, in pixels:
 * without a browser there is nothing to measure, so widths go by classes of
 * letters. Used to wrap labels and size chips; a little generous on purpose.
 */
export function textWidth(text: string, size: number, weight = 400): number {
  let em = 0;
  for (const ch of text) {
    if (/[iljtf.,:;'|!()[\]{} ]/.test(ch)) em += 0.33;
    else if (/[mwMW@%]/.test(ch)) em += 0.9;
    else if (/[A-Z]/.test(ch)) em += 0.7;
    else if (/[\u1100-\uffdc]/.test(ch)) em += 1;
    else em += 0.61;
  }
  return em * size * (weight >= 600 ? 1.06 : 1);
}

/** The text broken into lines that fit `width` (its own line breaks kept; a word too long is cut). */
export function wrapText(text: string, width: number, size: number, weight = 400): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (textWidth(candidate, size, weight) <= width) {
        line = candidate;
        continue;
      }
      if (line) out.push(line);
      let rest = word;
      while (textWidth(rest, size, weight) > width && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && textWidth(rest.slice(0, cut), size, weight) > width) cut--;
        out.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    out.push(line);
  }
  return out;
}

/** One line cut to `width` with an ellipsis. */
function ellipsize(text: string, width: number, size: number): string {
  if (textWidth(text, size) <= width) return text;
  let cut = text.length;
  while (cut > 1 && textWidth(`${text.slice(0, cut)}…`, size) > width) cut--;
  return `${text.slice(0, cut)}…`;
}

const num = (n: number) => String(Math.round(n * 100) / 100);

/** A <text> of one or more lines; `x`, `y` place the first line's baseline. */
function textElement(
  lines: readonly string[],
  x: number,
  y: number,
  lineHeight: number,
  attrs: string,
  anchor: 'start' | 'middle' | 'end' = 'start',
): string {
  const a = `${attrs}${anchor === 'start' ? '' : ` text-anchor="${anchor}"`}`;
  if (lines.length === 1) return `<text x="${num(x)}" y="${num(y)}"${a}>${xmlText(lines[0]!)}</text>`;
  const spans = lines
    .map((line, i) => `<tspan x="${num(x)}"${i === 0 ? '' : ` dy="${num(lineHeight)}"`}>${xmlText(line)}</tspan>`)
    .join('');
  return `<text x="${num(x)}" y="${num(y)}"${a}>${spans}</text>`;
}

// ---------------------------------------------------------------- layout

function entryOf(kind: string): CatalogEntry | undefined {
  return isKnownKind(kind) ? kindInfo(kind) : undefined;
}

const positive = (n: unknown): number | undefined =>
  typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;

/** What a card shows, as BlockNode.tsx does: the label (or the kind's), and kind · technology beneath. */
function cardText(block: Block, entry: CatalogEntry | undefined) {
  const kindLabel = entry?.label ?? block.kind;
  const title = block.label || kindLabel;
  const subtitle = block.label ? (block.tech ? `${kindLabel} · ${block.tech}` : kindLabel) : (block.tech ?? '');
  return { title, subtitle };
}

const CARD_TEXT_LEFT = 9 + 34 + 10;
const CARD_TEXT_RIGHT = 10;

function cardLabelLines(block: Block, width: number): string[] {
  const { title } = cardText(block, entryOf(block.kind));
  return wrapText(title, width - CARD_TEXT_LEFT - CARD_TEXT_RIGHT, CARD_LABEL_SIZE, 600);
}

/** The size a block is drawn at: measured, its own, or from its kind and text. */
function sizeOf(block: Block, options: SvgOptions): { width: number; height: number } {
  const measured = options.sizes?.get(block.id);
  if (measured && measured.width > 0 && measured.height > 0) return measured;
  const width = positive(block.width);
  const height = positive(block.height);
  const entry = entryOf(block.kind);
  const fallback = entry?.defaultSize ?? CARD_SIZE;
  switch (drawnAs(block.kind)) {
    case 'frame':
      return { width: width ?? fallback.width, height: height ?? fallback.height };
    case 'note': {
      const w = width ?? fallback.width;
      const lines = wrapText(block.notes ?? '', w - 28, NOTE_TEXT_SIZE).length;
      return { width: w, height: Math.max(height ?? fallback.height, 24 + lines * NOTE_TEXT_SIZE * 1.45) };
    }
    case 'text': {
      const size = positive(block.fontSize) ?? TEXT_DEFAULT_SIZE;
      const lines = (block.label ?? '').split(/\r?\n/);
      const w = Math.max(24, ...lines.map((l) => textWidth(l, size, 550) + 8));
      return { width: width ?? w, height: height ?? lines.length * size * 1.25 + 4 };
    }
    case 'shape':
      return { width: width ?? fallback.width, height: height ?? fallback.height };
    case 'sketch':
    case 'arrow':
      return { width: 0, height: 0 };
    default: {
      const w = width ?? CARD_SIZE.width;
      const { subtitle } = cardText(block, entry);
      const textHeight = cardLabelLines(block, w).length * CARD_LABEL_SIZE * 1.3 + (subtitle ? 15 : 0);
      return { width: w, height: Math.max(height ?? CARD_SIZE.height, textHeight + 18) };
    }
  }
}

interface Placed {
  block: Block;
  rect: Rect;
}

function pointsBounds(block: Block, origin: Point, pad: number): Rect {
  const pts = toPoints(block.points ?? []);
  if (pts.length === 0) return { x: origin.x, y: origin.y, width: 0, height: 0 };
  const xs = pts.map((p) => p.x + origin.x);
  const ys = pts.map((p) => p.y + origin.y);
  const x = Math.min(...xs) - pad;
  const y = Math.min(...ys) - pad;
  return { x, y, width: Math.max(...xs) + pad - x, height: Math.max(...ys) + pad - y };
}

// ---------------------------------------------------------------- links

const OUTWARD = SIDE_OUTWARD;

/** How far a curve's control point stands out from its end: half the distance ahead, a little when behind. */
function controlOffset(ahead: number): number {
  return ahead >= 0 ? 0.5 * ahead : 0.25 * 25 * Math.sqrt(-ahead);
}

function control(p: Point, side: Side, other: Point): Point {
  const o = OUTWARD[side];
  const ahead = o.x !== 0 ? (other.x - p.x) * o.x : (other.y - p.y) * o.y;
  const d = controlOffset(ahead);
  return { x: p.x + o.x * d, y: p.y + o.y * d };
}

interface LinkGeometry {
  d: string;
  head: string;
  curve: LinkPath;
}

/** A link's arrowhead at `tip`, entering the target's `side`. */
function arrowheadAt(tip: Point, side: Side): string {
  const out = OUTWARD[side];
  const size = 9;
  const half = size * 0.55;
  // The base of the head lies outside the target, towards where the line comes from.
  const bx = tip.x + out.x * size;
  const by = tip.y + out.y * size;
  return `M${num(tip.x)},${num(tip.y)} L${num(bx + out.y * half)},${num(by + out.x * half)} L${num(bx - out.y * half)},${num(by - out.x * half)} Z`;
}

/** An elbow route as drawn: orthogonal segments to the tip, and its arrowhead. */
function elbowGeometry(route: ElbowRoute): LinkGeometry {
  const line = elbowLine(route);
  return {
    d: polylinePath(line),
    head: arrowheadAt(route.points[route.points.length - 1]!, route.targetSide),
    curve: line,
  };
}

/** The curve and its arrowhead. */
function linkGeometry(s: Rect, t: Rect): LinkGeometry {
  const [sourceSide, targetSide] = facingSides(s, t);
  const start = sideMiddle(s, sourceSide);
  const tip = sideMiddle(t, targetSide);
  const out = OUTWARD[targetSide];
  const end = { x: tip.x + out.x * ARROW_BACK_OFF, y: tip.y + out.y * ARROW_BACK_OFF };
  const c1 = control(start, sourceSide, end);
  const c2 = control(end, targetSide, start);
  const head = arrowheadAt(tip, targetSide);
  const d = `M${num(start.x)},${num(start.y)} C${num(c1.x)},${num(c1.y)} ${num(c2.x)},${num(c2.y)} ${num(end.x)},${num(end.y)}`;
  return { d, head, curve: { p0: start, c1, c2, p3: end } };
}

/** The text of a link's label chip and its protocol prefix, as the canvas shows them. */
export function linkLabelText(link: Link): { text: string; prefix: string } | null {
  const protocol = protocolInfo(link.protocol);
  const text = link.label || protocol?.label || link.protocol;
  if (!text) return null;
  return { text, prefix: link.label && protocol ? protocol.label.toUpperCase() : '' };
}

/** The size of a link's label chip (a little generous, as textWidth is), or null when it has none. */
export function linkLabelSize(link: Link): { width: number; height: number } | null {
  const chip = linkLabelText(link);
  if (!chip) return null;
  const prefixWidth = chip.prefix ? textWidth(chip.prefix, 9.5, 700) + 5 : 0;
  return { width: prefixWidth + textWidth(chip.text, LINK_LABEL_SIZE) + 14, height: LINK_LABEL_HEIGHT };
}

function drawLink(link: Link, g: LinkGeometry, mid: Point): { line: string; label: string } {
  const protocol = protocolInfo(link.protocol);
  const color = (protocol && EDGE_COLORS[protocol.id]) ?? COLORS.edge;
  const dash =
    protocol?.id === 'replication' ? ' stroke-dasharray="2 4"' : isAsyncLink(link) ? ' stroke-dasharray="7 5"' : '';
  const width = protocol?.id === 'websocket' ? 2.6 : 1.6;
  const parts = [
    `<path d="${g.d}" fill="none" stroke="${color}" stroke-width="${width}"${dash}/>`,
    `<path d="${g.head}" fill="${color}"/>`,
  ];
  const line = `<g data-link-id="${xmlText(link.id)}">${parts.join('')}</g>`;
  parts.length = 0;
  const text = link.label || protocol?.label || link.protocol;
  if (text) {
    const prefix = link.label && protocol ? protocol.label.toUpperCase() : '';
    const prefixWidth = prefix ? textWidth(prefix, 9.5, 700) + 5 : 0;
    const w = prefixWidth + textWidth(text, LINK_LABEL_SIZE) + 14;
    const h = LINK_LABEL_HEIGHT;
    const x = mid.x - w / 2;
    const y = mid.y - h / 2;
    parts.push(
      `<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${h}" rx="9.5" fill="${COLORS.surface}" stroke="${color}" stroke-opacity="0.45"/>`,
    );
    const base = num(mid.y + 3.8);
    const prefixSpan = prefix
      ? `<tspan font-size="9.5" font-weight="700" fill="${color}">${xmlText(prefix)}</tspan><tspan dx="5">`
      : '<tspan>';
    parts.push(
      `<text x="${num(x + 7)}" y="${base}" font-size="${LINK_LABEL_SIZE}" fill="${COLORS.text2}">${prefixSpan}${xmlText(text)}</tspan></text>`,
    );
  }
  const label = parts.length > 0 ? `<g data-link-label="${xmlText(link.id)}">${parts.join('')}</g>` : '';
  return { line, label };
}

// ---------------------------------------------------------------- blocks

function drawIcon(name: string, x: number, y: number, size: number, color: string): string {
  const d = ICON_PATHS[name] ?? ICON_PATHS['circle-help']!;
  const scale = size / 24;
  return `<path d="${d}" transform="translate(${num(x)} ${num(y)}) scale(${num(scale)})" fill="none" stroke="${color}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`;
}

function drawCard(block: Block, r: Rect): string {
  const entry = entryOf(block.kind);
  const cat = entry ? categoryInfo(entry.category).color : COLORS.edge;
  const { subtitle } = cardText(block, entry);
  const parts = [
    `<rect x="${num(r.x + 0.5)}" y="${num(r.y + 0.5)}" width="${num(r.width - 1)}" height="${num(r.height - 1)}" rx="10" fill="${COLORS.surface}" stroke="${COLORS.border}"/>`,
    `<rect x="${num(r.x - 1)}" y="${num(r.y + 10)}" width="3" height="${num(Math.max(0, r.height - 20))}" rx="1.5" fill="${cat}"/>`,
  ];
  const iconX = r.x + 9;
  const iconY = r.y + (r.height - 34) / 2;
  parts.push(
    `<rect x="${num(iconX)}" y="${num(iconY)}" width="34" height="34" rx="9" fill="${cat}" fill-opacity="0.13"/>`,
    drawIcon(entry?.icon ?? '', iconX + 8, iconY + 8, 18, cat),
  );
  const lines = cardLabelLines(block, r.width);
  const lineHeight = CARD_LABEL_SIZE * 1.3;
  const textHeight = lines.length * lineHeight + (subtitle ? 15 : 0);
  const top = r.y + (r.height - textHeight) / 2;
  const textX = r.x + CARD_TEXT_LEFT;
  parts.push(
    textElement(
      lines,
      textX,
      top + CARD_LABEL_SIZE,
      lineHeight,
      ` font-size="${CARD_LABEL_SIZE}" font-weight="600" fill="${COLORS.text}"`,
    ),
  );
  if (subtitle) {
    const width = r.width - CARD_TEXT_LEFT - CARD_TEXT_RIGHT;
    parts.push(
      textElement(
        [ellipsize(subtitle, width, CARD_META_SIZE)],
        textX,
        top + lines.length * lineHeight + 12,
        0,
        ` font-size="${CARD_META_SIZE}" fill="${COLORS.text3}"`,
      ),
    );
  }
  // Badges on the top edge, right-aligned: the instance count and the managed mark.
  let right = r.x + r.width - 8;
  const replicas = replicasOf(block);
  if (replicas > 1) {
    const label = `×${replicas}`;
    const w = textWidth(label, 11, 700) + 12;
    parts.push(
      `<rect x="${num(right - w)}" y="${num(r.y - 9)}" width="${num(w)}" height="18" rx="9" fill="${cat}"/>`,
      `<text x="${num(right - w / 2)}" y="${num(r.y + 4)}" font-size="11" font-weight="700" fill="#ffffff" text-anchor="middle">${label}</text>`,
    );
    right -= w + 4;
  }
  if (block.managed === true) {
    parts.push(
      `<rect x="${num(right - 24)}" y="${num(r.y - 9)}" width="24" height="18" rx="9" fill="${COLORS.surface}" stroke="${cat}"/>`,
      drawIcon('cloud', right - 18, r.y - 6, 12, cat),
    );
  }
  return parts.join('');
}

function drawFrame(block: Block, r: Rect): string {
  const label = block.label || (entryOf(block.kind)?.label ?? '');
  return (
    `<rect x="${num(r.x + 0.75)}" y="${num(r.y + 0.75)}" width="${num(r.width - 1.5)}" height="${num(r.height - 1.5)}" rx="14" fill="${COLORS.groupBg}" fill-opacity="0.04" stroke="${COLORS.groupBorder}" stroke-width="1.5" stroke-dasharray="6 4"/>` +
    (label
      ? textElement(
          [ellipsize(label, r.width - 24, 12)],
          r.x + 12,
          r.y + 20,
          0,
          ` font-size="12" font-weight="650" letter-spacing="0.24" fill="${COLORS.text2}"`,
        )
      : '')
  );
}

function drawNote(block: Block, r: Rect): string {
  const lines = wrapText(block.notes ?? '', r.width - 28, NOTE_TEXT_SIZE);
  const lineHeight = NOTE_TEXT_SIZE * 1.45;
  const x0 = r.x + 0.5;
  const y0 = r.y + 0.5;
  const x1 = r.x + r.width - 0.5;
  const y1 = r.y + r.height - 0.5;
  // Corners 4, 4, 4 and 14 (bottom left), as the canvas draws a sticky note.
  const d = `M${num(x0 + 4)},${num(y0)} H${num(x1 - 4)} Q${num(x1)},${num(y0)} ${num(x1)},${num(y0 + 4)} V${num(y1 - 4)} Q${num(x1)},${num(y1)} ${num(x1 - 4)},${num(y1)} H${num(x0 + 14)} Q${num(x0)},${num(y1)} ${num(x0)},${num(y1 - 14)} V${num(y0 + 4)} Q${num(x0)},${num(y0)} ${num(x0 + 4)},${num(y0)} Z`;
  return (
    `<path d="${d}" fill="${COLORS.noteBg}" stroke="${COLORS.noteBorder}"/>` +
    (block.notes
      ? textElement(
          lines,
          r.x + 14,
          r.y + 12 + NOTE_TEXT_SIZE,
          lineHeight,
          ` font-size="${NOTE_TEXT_SIZE}" fill="${COLORS.noteText}"`,
        )
      : '')
  );
}

function drawText(block: Block, r: Rect): string {
  const size = positive(block.fontSize) ?? TEXT_DEFAULT_SIZE;
  const color = typeof block.color === 'string' ? block.color : COLORS.ink;
  const lines = (block.label ?? '').split(/\r?\n/);
  return textElement(
    lines,
    r.x + 4,
    r.y + 2 + size,
    size * 1.25,
    ` font-size="${num(size)}" font-weight="550" fill="${xmlText(color)}" xml:space="preserve"`,
  );
}

function drawShape(block: Block, r: Rect): string {
  const color = typeof block.color === 'string' ? xmlText(block.color) : COLORS.ink;
  const s = 1.5;
  const style = `fill="${COLORS.surface}" stroke="${color}" stroke-width="2"`;
  let outline: string;
  if (block.shape === 'ellipse')
    outline = `<ellipse cx="${num(r.x + r.width / 2)}" cy="${num(r.y + r.height / 2)}" rx="${num(r.width / 2 - s)}" ry="${num(r.height / 2 - s)}" ${style}/>`;
  else if (block.shape === 'diamond')
    outline = `<path d="M${num(r.x + r.width / 2)},${num(r.y + s)} L${num(r.x + r.width - s)},${num(r.y + r.height / 2)} L${num(r.x + r.width / 2)},${num(r.y + r.height - s)} L${num(r.x + s)},${num(r.y + r.height / 2)} Z" ${style}/>`;
  else
    outline = `<rect x="${num(r.x + s)}" y="${num(r.y + s)}" width="${num(r.width - 2 * s)}" height="${num(r.height - 2 * s)}" rx="6" ${style}/>`;
  if (!block.label) return outline;
  const lines = wrapText(block.label, r.width * 0.8, SHAPE_TEXT_SIZE, 550);
  const lineHeight = SHAPE_TEXT_SIZE * 1.25;
  const top = r.y + (r.height - lines.length * lineHeight) / 2 + SHAPE_TEXT_SIZE * 0.95;
  return (
    outline +
    textElement(
      lines,
      r.x + r.width / 2,
      top,
      lineHeight,
      ` font-size="${SHAPE_TEXT_SIZE}" font-weight="550" fill="${color}"`,
      'middle',
    )
  );
}

function drawSketch(block: Block, origin: Point): string {
  const points = toPoints(block.points ?? []).map((p) => ({ x: p.x + origin.x, y: p.y + origin.y }));
  if (points.length === 0) return '';
  const highlighter = block.highlighter === true;
  const width = positive(block.strokeWidth) ?? (highlighter ? HIGHLIGHTER_WIDTH : PEN_WIDTH);
  const color = typeof block.color === 'string' ? xmlText(block.color) : highlighter ? COLORS.highlighter : COLORS.ink;
  const style = `fill="none" stroke="${color}" stroke-linecap="round" stroke-linejoin="round"${highlighter ? ' stroke-opacity="0.45"' : ''}`;
  const pressures = block.pressures;
  if (!highlighter && Array.isArray(pressures) && pressures.length === points.length && points.length > 1) {
    const segments: string[] = [];
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1]!;
      const b = points[i]!;
      const p = ((pressures[i - 1] ?? 0.5) + (pressures[i] ?? 0.5)) / 2;
      segments.push(
        `<path d="M${num(a.x)},${num(a.y)} L${num(b.x)},${num(b.y)}" stroke-width="${num(width * (0.4 + 1.2 * p))}"/>`,
      );
    }
    return `<g ${style}>${segments.join('')}</g>`;
  }
  return `<path d="${smoothPath(points)}" ${style} stroke-width="${num(width)}"/>`;
}

function drawArrow(block: Block, origin: Point, rects: ReadonlyMap<string, Rect>): string {
  const from = block.fromBlock ? rects.get(block.fromBlock) : undefined;
  const to = block.toBlock ? rects.get(block.toBlock) : undefined;
  let points = arrowEnds(
    toPoints(block.points ?? []).map((p) => ({ x: p.x + origin.x, y: p.y + origin.y })),
    from,
    to,
  );
  if (block.route === 'elbow' && points.length >= 2) points = elbowRoute(points[0]!, points[points.length - 1]!);
  if (points.length < 2) return '';
  const width = positive(block.strokeWidth) ?? 2.5;
  const color = typeof block.color === 'string' ? xmlText(block.color) : COLORS.ink;
  const heads = block.heads ?? 'end';
  const head = (tip: Point, back: Point) =>
    `<path d="${polylinePath(arrowhead(tip, back, ARROW_HEAD_SIZE + width))} Z" fill="${color}" stroke="${color}" stroke-linejoin="round"/>`;
  let out = `<path d="${polylinePath(points)}" fill="none" stroke="${color}" stroke-width="${num(width)}" stroke-linecap="round" stroke-linejoin="round"/>`;
  if (heads === 'end' || heads === 'both') out += head(points[points.length - 1]!, points[points.length - 2]!);
  if (heads === 'both') out += head(points[0]!, points[1]!);
  return out;
}

// ---------------------------------------------------------------- the picture

function depthOf(block: Block, byId: ReadonlyMap<string, Block>): number {
  let depth = 0;
  const seen = new Set<string>();
  for (
    let b = block.parent ? byId.get(block.parent) : undefined;
    b && !seen.has(b.id);
    b = b.parent ? byId.get(b.parent) : undefined
  ) {
    seen.add(b.id);
    depth++;
  }
  return depth;
}

/** The height of a link's label chip. */
const LINK_LABEL_HEIGHT = 19;

/** The board's diagram as an SVG document (UTF-8 text). */
export function boardToSvg(board: Board, options: SvgOptions = {}): string {
  const padding = options.padding ?? DEFAULT_PADDING;
  const byId = new Map(board.blocks.map((b) => [b.id, b]));
  const placed: Placed[] = [];
  const rects = new Map<string, Rect>();
  const bounds: Rect[] = [];
  for (const block of board.blocks) {
    const origin = absolutePosition(block.id, byId);
    const drawn = drawnAs(block.kind);
    if (drawn === 'sketch' || drawn === 'arrow') {
      const pad = drawn === 'sketch' ? (positive(block.strokeWidth) ?? HIGHLIGHTER_WIDTH) : ARROW_HEAD_SIZE + 4;
      bounds.push(pointsBounds(block, origin, pad));
      placed.push({ block, rect: { ...origin, width: 0, height: 0 } });
      continue;
    }
    const rect = { ...origin, ...sizeOf(block, options) };
    rects.set(block.id, rect);
    bounds.push(rect);
    placed.push({ block, rect });
  }
  const groups: string[] = [];
  const nodes: string[] = [];
  const ink: string[] = [];
  const frames = placed.filter((p) => drawnAs(p.block.kind) === 'frame');
  frames.sort((a, b) => depthOf(a.block, byId) - depthOf(b.block, byId));
  for (const { block, rect } of frames) groups.push(wrap(block, drawFrame(block, rect)));
  // Within its layer a block is drawn in its `z` order (bring to front, send to back).
  const zOf = (b: Block) => (typeof b.z === 'number' ? b.z : 0);
  const inOrder = placed.map((p, i) => ({ p, i })).sort((a, b) => zOf(a.p.block) - zOf(b.p.block) || a.i - b.i);
  for (const { block, rect } of inOrder.map((x) => x.p)) {
    const drawn = drawnAs(block.kind);
    if (drawn === 'frame') continue;
    if (drawn === 'card') nodes.push(wrap(block, drawCard(block, rect)));
    else if (drawn === 'note') nodes.push(wrap(block, drawNote(block, rect)));
    else if (drawn === 'text') nodes.push(wrap(block, drawText(block, rect)));
    else if (drawn === 'shape') nodes.push(wrap(block, drawShape(block, rect)));
    else if (drawn === 'sketch') ink.push(wrap(block, drawSketch(block, rect)));
    else ink.push(wrap(block, drawArrow(block, rect, rects)));
  }
  const links: string[] = [];
  const labels: string[] = [];
  const geometries: { link: Link; g: LinkGeometry }[] = [];
  // Elbow links go around the cards, routed as the canvas routes them.
  const obstacles = new ObstacleIndex(
    placed.filter((p) => isRouteObstacle(p.block.kind)).map((p) => ({ id: p.block.id, ...p.rect })),
  );
  const routes = new RouteCache();
  for (const link of board.links) {
    const s = rects.get(link.from);
    const t = rects.get(link.to);
    if (!s || !t || link.from === link.to) continue;
    const elbow = routeOfLink(link, board.settings) === 'elbow';
    geometries.push({
      link,
      g: elbow ? elbowGeometry(routes.route(link.from, s, link.to, t, obstacles)) : linkGeometry(s, t),
    });
  }
  // Labels keep clear of each other and of the cards, as on the canvas.
  const cards = placed.filter((p) => isRouteObstacle(p.block.kind)).map((p) => p.rect);
  const requests: LabelRequest[] = [];
  for (const { link, g } of geometries) {
    const size = linkLabelSize(link);
    if (!size) continue;
    requests.push({
      id: link.id,
      curve: g.curve,
      ...size,
      ...(typeof link.labelAt === 'number' ? { at: link.labelAt } : {}),
    });
  }
  const places = placeLabels(requests, cards);
  for (const { link, g } of geometries) {
    const drawn = drawLink(link, g, places.get(link.id) ?? pointOnPath(g.curve, labelAtOf(link)));
    links.push(drawn.line);
    labels.push(drawn.label);
  }
  const box = unionOf(bounds);
  const x = Math.floor(box.x - padding);
  const y = Math.floor(box.y - padding);
  const width = Math.ceil(box.width + 2 * padding);
  const height = Math.ceil(box.height + 2 * padding);
  const background = options.background ?? COLORS.canvas;
  const title = board.title ? `<title>${xmlText(board.title)}</title>` : '';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${x} ${y} ${width} ${height}" font-family="${xmlText(SVG_FONT_FAMILY)}">`,
    title,
    background === 'none'
      ? ''
      : `<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="${xmlText(background)}"/>`,
    `<g class="groups">${groups.join('')}</g>`,
    `<g class="links">${links.join('')}</g>`,
    `<g class="blocks">${nodes.join('')}</g>`,
    // Link labels above the cards, as the canvas draws its label chips.
    `<g class="link-labels">${labels.join('')}</g>`,
    `<g class="drawing">${ink.join('')}</g>`,
    '</svg>',
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}

function wrap(block: Block, content: string): string {
  return `<g data-block-id="${xmlText(block.id)}">${content}</g>`;
}

function unionOf(rects: readonly Rect[]): Rect {
  if (rects.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of rects) {
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.width);
    maxY = Math.max(maxY, r.y + r.height);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}
