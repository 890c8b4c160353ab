/**
 * draw.io files (`.drawio`, `.xml`) as boards, positions kept. A page is the
 * first `<diagram>` or the one named; its payload is plain `<mxGraphModel>`
 * XML or, as draw.io saves by default, deflate-compressed, base64-encoded,
 * URL-encoded XML. Vertices become blocks through the catalog's inference
 * (the AWS, Azure and GCP stencils in their styles first), containers and
 * swimlanes groups, edges with both ends links and the others loose arrows,
 * HTML labels plain text.
 */
import { XMLParser } from 'fast-xml-parser';
import { inflateSync, strFromU8 } from 'fflate';
import { type ShapeOutline, type ShapeHint, kindDrawnAs } from '../catalog';
import { BoardBuilder, ImportError, type ImportResult } from './build';

interface Cell {
  id: string;
  value: string;
  style: Record<string, string>;
  /** The style's leading names without "=": "ellipse", "text", "swimlane". */
  names: string[];
  vertex: boolean;
  edge: boolean;
  parent?: string;
  source?: string;
  target?: string;
  geometry: {
    x: number;
    y: number;
    width: number;
    height: number;
    points: [number, number][];
    sourcePoint?: [number, number];
    targetPoint?: [number, number];
  };
}

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  processEntities: true,
  isArray: (name) => ['diagram', 'mxCell', 'UserObject', 'object', 'mxPoint', 'Array'].includes(name),
});

/** Whether some text is a draw.io file or graph model. */
export function isDrawio(text: string): boolean {
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(mxfile|mxGraphModel)\b/.test(text);
}

/** The style string as a map, and the leading bare names. */
function parseStyle(style: string): { map: Record<string, string>; names: string[] } {
  const map: Record<string, string> = {};
  const names: string[] = [];
  for (const part of style.split(';')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    if (eq === -1) names.push(part);
    else map[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return { map, names };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** An HTML label as plain text: block elements and `<br>` as line breaks, tags gone, entities decoded. */
export function htmlLabelText(html: string): string {
  return html
    .replace(/<br\b[^>]*>/gi, '\n')
    .replace(/<\/?(div|p|li|h[1-6]|tr)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
      const point = /^#x/i.test(code) ? parseInt(code.slice(2), 16) : code.startsWith('#') ? Number(code.slice(1)) : -1;
      if (point >= 0) return point <= 0x10ffff ? String.fromCodePoint(point) : whole;
      return ENTITIES[code.toLowerCase()] ?? whole;
    })
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** draw.io's compressed page: base64 of raw deflate of the URL-encoded XML. */
function inflatePage(payload: string, page: string): string {
  try {
    const bytes = Uint8Array.from(atob(payload.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
    const xml = strFromU8(inflateSync(bytes));
    return decodeURIComponent(xml);
  } catch (err) {
    throw new ImportError(`page "${page}" is neither XML nor draw.io's compressed form (${(err as Error).message})`);
  }
}

const num = (v: unknown, fallback = 0) => {
  const n = typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : fallback;
};
const pointOf = (p: XmlNode): [number, number] => [num(p.x), num(p.y)];

/** The cells of a graph model, wrappers (`UserObject`, `object`) unwrapped with their label and id. */
function cellsOf(model: XmlNode): Cell[] {
  const root = (model.root ?? {}) as XmlNode;
  const raw: { attrs: XmlNode; cell: XmlNode }[] = [];
  for (const c of (root.mxCell as XmlNode[] | undefined) ?? []) raw.push({ attrs: c, cell: c });
  for (const tag of ['UserObject', 'object'])
    for (const w of (root[tag] as XmlNode[] | undefined) ?? []) {
      const inner = ((w.mxCell as XmlNode[] | undefined) ?? [])[0] ?? {};
      raw.push({ attrs: { ...inner, id: w.id, value: w.label ?? w.value ?? '' }, cell: inner });
    }
  return raw
    .filter(({ attrs }) => typeof attrs.id === 'string')
    .map(({ attrs, cell }) => {
      const { map, names } = parseStyle(typeof attrs.style === 'string' ? attrs.style : '');
      const geo = (cell.mxGeometry ?? {}) as XmlNode;
      const named = ((geo.mxPoint as XmlNode[] | undefined) ?? []).filter((p) => typeof p.as === 'string');
      const waypoints = (((geo.Array as XmlNode[] | undefined) ?? [])[0]?.mxPoint as XmlNode[] | undefined) ?? [];
      const sp = named.find((p) => p.as === 'sourcePoint');
      const tp = named.find((p) => p.as === 'targetPoint');
      return {
        id: attrs.id as string,
        value: typeof attrs.value === 'string' ? attrs.value : '',
        style: map,
        names,
        vertex: attrs.vertex === '1',
        edge: attrs.edge === '1',
        parent: typeof attrs.parent === 'string' ? attrs.parent : undefined,
        source: typeof attrs.source === 'string' ? attrs.source : undefined,
        target: typeof attrs.target === 'string' ? attrs.target : undefined,
        geometry: {
          x: num(geo.x),
          y: num(geo.y),
          width: num(geo.width),
          height: num(geo.height),
          points: waypoints.map(pointOf),
          ...(sp ? { sourcePoint: pointOf(sp) } : {}),
          ...(tp ? { targetPoint: pointOf(tp) } : {}),
        },
      };
    });
}

/** The cloud stencil a style draws: an AWS resource or product icon, a stencil shape, or an Azure/GCP picture. */
function stencilOf(cell: Cell): string | undefined {
  const s = cell.style;
  for (const key of ['resIcon', 'prIcon', 'grIcon']) if (s[key]?.startsWith('mxgraph.')) return s[key];
  if (s.shape?.startsWith('mxgraph.')) return s.shape;
  if (s.image)
    return s.image
      .split('/')
      .pop()!
      .replace(/\.(svg|png)$/i, '')
      .replace(/^\d+-icon-service-/i, '')
      .toLowerCase();
  return undefined;
}

function shapeOf(cell: Cell): { drawn: ShapeOutline; hint?: ShapeHint } {
  const shape = cell.style.shape ?? cell.names[0] ?? '';
  if (/cylinder|datastore|database/i.test(shape)) return { drawn: 'rectangle', hint: 'cylinder' };
  if (/umlActor|actor/i.test(shape)) return { drawn: 'rectangle', hint: 'person' };
  if (/document/i.test(shape)) return { drawn: 'rectangle', hint: 'document' };
  if (/queue/i.test(shape)) return { drawn: 'rectangle', hint: 'queue' };
  if (cell.names.includes('ellipse') || shape === 'ellipse' || cell.names.includes('doubleEllipse'))
    return { drawn: 'ellipse' };
  if (cell.names.includes('rhombus') || shape === 'rhombus') return { drawn: 'diamond' };
  return { drawn: 'rectangle' };
}

const isContainerStyle = (cell: Cell) =>
  cell.names.includes('swimlane') ||
  cell.names.includes('group') ||
  cell.style.container === '1' ||
  cell.style.swimlane !== undefined ||
  /\.group(Center)?$/.test(cell.style.shape ?? '');

const labelOf = (cell: Cell) =>
  cell.style.html === '1' || /<[a-z]/i.test(cell.value) ? htmlLabelText(cell.value) : cell.value.trim();

/**
 * The text of a vertex. A label drawn beside an icon (`verticalLabelPosition=bottom`,
 * `labelPosition=left` and the like) is as narrow as the icon, so people break one short name over
 * lines ("Elastic<br>Load<br>Balancer", "Amazon<br>Route 53"): those breaks wrap the name, they do
 * not start the lines of details the importer keeps as notes.
 */
const vertexText = (cell: Cell) => {
  const text = labelOf(cell);
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const outside =
    (cell.style.verticalLabelPosition ?? 'middle') !== 'middle' || (cell.style.labelPosition ?? 'center') !== 'center';
  const name = lines.join(' ');
  return outside && lines.length > 1 && lines.length <= 3 && name.length <= MAX_WRAPPED_NAME ? name : text;
};

/** The longest name an icon's wrapped label is taken to be (three short words); longer text has details. */
const MAX_WRAPPED_NAME = 32;

export interface DrawioOptions {
  /** The page (diagram) to import by its name; the first when absent. */
  page?: string;
}

/** A draw.io file as a board. Throws ImportError with the reason for anything it cannot read. */
export function importDrawio(text: string, fileName?: string, options: DrawioOptions = {}): ImportResult {
  const name = fileName ?? 'The file';
  let doc: XmlNode;
  try {
    doc = parser.parse(text, true) as XmlNode;
  } catch (err) {
    throw new ImportError(`${name} is not valid XML (${(err as Error).message})`);
  }
  let model: XmlNode | undefined;
  let title: string | undefined;
  if (doc.mxGraphModel) model = doc.mxGraphModel as XmlNode;
  else if (doc.mxfile) {
    const pages = ((doc.mxfile as XmlNode).diagram as XmlNode[] | undefined) ?? [];
    if (pages.length === 0) throw new ImportError(`${name} has no page (<diagram>)`);
    const page = options.page === undefined ? pages[0]! : pages.find((p) => p.name === options.page);
    if (!page)
      throw new ImportError(
        `${name} has no page named "${options.page}"; its pages: ${pages.map((p) => `"${String(p.name)}"`).join(', ')}`,
      );
    const pageName = typeof page.name === 'string' ? page.name : 'page 1';
    if (page.mxGraphModel) model = page.mxGraphModel as XmlNode;
    else if (typeof page['#text'] === 'string' && page['#text'].trim()) {
      const inner = parser.parse(inflatePage(page['#text'], pageName)) as XmlNode;
      model = inner.mxGraphModel as XmlNode | undefined;
    }
    if (!model) throw new ImportError(`page "${pageName}" of ${name} holds no graph`);
    if (pages.length > 1) title = pageName;
  } else throw new ImportError(`${name} is not a draw.io file: no <mxfile> or <mxGraphModel>`);

  const cells = cellsOf(model);
  const byId = new Map(cells.map((c) => [c.id, c]));
  const builder = new BoardBuilder('drawio', fileName);
  // Layers (children of the root cell) hold the top level; a vertex with vertices inside is a group.
  const layers = new Set(
    cells
      .filter((c) => !c.vertex && !c.edge && (c.parent === undefined || !byId.get(c.parent)?.vertex))
      .map((c) => c.id),
  );
  const hasChildren = new Set(
    cells.filter((c) => c.vertex && c.parent && byId.get(c.parent)?.vertex).map((c) => c.parent!),
  );
  const edgeLabels = new Map<string, string[]>();
  for (const c of cells)
    if (c.vertex && c.parent && byId.get(c.parent)?.edge) {
      const text = labelOf(c);
      if (text) edgeLabels.set(c.parent, [...(edgeLabels.get(c.parent) ?? []), text]);
    }

  const added = new Set<string>();
  const visiting = new Set<string>();
  const addVertex = (c: Cell): void => {
    if (added.has(c.id) || visiting.has(c.id)) return;
    visiting.add(c.id);
    const parentCell = c.parent ? byId.get(c.parent) : undefined;
    if (parentCell?.vertex) addVertex(parentCell);
    const parent = parentCell?.vertex ? builder.idOf(parentCell.id) : undefined;
    const g = c.geometry;
    const at = { x: g.x, y: g.y, ...(parent ? { parent } : {}) };
    const text = labelOf(c);
    if (isContainerStyle(c) || hasChildren.has(c.id)) {
      builder.group({ sourceId: c.id, label: text, ...at, width: g.width, height: g.height });
    } else if (c.names[0] === 'text' || c.style.text === '1') {
      if (text)
        builder.drawing(c.id, {
          kind: kindDrawnAs('text'),
          ...at,
          label: text,
          ...(c.style.fontSize ? { fontSize: num(c.style.fontSize, 12) } : {}),
        });
      else builder.node({ sourceId: c.id, text, drawn: 'rectangle', ...at, width: g.width, height: g.height });
    } else {
      const { drawn, hint } = shapeOf(c);
      builder.node({
        sourceId: c.id,
        text: vertexText(c),
        drawn,
        ...(hint ? { shape: hint } : {}),
        stencil: stencilOf(c),
        ...at,
        width: g.width,
        height: g.height,
      });
    }
    added.add(c.id);
  };
  for (const c of cells) if (c.vertex && !(c.parent && byId.get(c.parent)?.edge) && !layers.has(c.id)) addVertex(c);

  for (const c of cells) {
    if (!c.edge) continue;
    const from = c.source ? builder.idOf(c.source) : undefined;
    const to = c.target ? builder.idOf(c.target) : undefined;
    const label = [labelOf(c), ...(edgeLabels.get(c.id) ?? [])].filter(Boolean).join(' ');
    const dashed = c.style.dashed === '1';
    if (from !== undefined && to !== undefined && from !== to) {
      builder.link(from, to, { ...(label ? { label } : {}), ...(dashed ? { async: true } : {}) });
      continue;
    }
    // A loose arrow: from its bound end or its own point, through its waypoints.
    const centre = (id: string | undefined): [number, number] | undefined => {
      const cell = id ? byId.get(id) : undefined;
      if (!cell) return undefined;
      let { x, y } = cell.geometry;
      for (
        let p = cell.parent ? byId.get(cell.parent) : undefined;
        p?.vertex;
        p = p.parent ? byId.get(p.parent) : undefined
      ) {
        x += p.geometry.x;
        y += p.geometry.y;
      }
      return [x + cell.geometry.width / 2, y + cell.geometry.height / 2];
    };
    const start = centre(c.source) ?? c.geometry.sourcePoint;
    const end = centre(c.target) ?? c.geometry.targetPoint;
    if (!start || !end) {
      builder.warnings.push(`edge ${c.id} skipped: it has neither ends nor points`);
      continue;
    }
    const path = [start, ...c.geometry.points, end];
    const [x0, y0] = start;
    const startArrow = c.style.startArrow && c.style.startArrow !== 'none';
    const endArrow = c.style.endArrow !== 'none';
    builder.drawing(c.id, {
      kind: kindDrawnAs('arrow'),
      x: Math.round(x0),
      y: Math.round(y0),
      points: path.flatMap(([x, y]) => [Math.round(x - x0), Math.round(y - y0)]),
      heads: startArrow && endArrow ? 'both' : endArrow ? 'end' : 'none',
      ...(from !== undefined ? { fromBlock: from } : {}),
      ...(to !== undefined ? { toBlock: to } : {}),
      ...(label ? { label } : {}),
    });
  }
  return builder.finish(title);
}
