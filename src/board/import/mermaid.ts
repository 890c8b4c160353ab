/**
 * Mermaid flowcharts (`graph` / `flowchart`) as boards. Nodes become blocks
 * through the catalog's inference (a cylinder is a datastore), subgraphs
 * become groups, edges links (dotted ones asynchronous). Mermaid keeps no
 * positions, so the board is laid out with the auto-layout in the chart's
 * direction. Styling statements (`classDef`, `style`, `click`, ...) are
 * skipped; a sticky note or free text exported by Archboard comes back as one
 * through its class.
 */
import { CARD_SIZE, drawnAs, hasRole, isKnownKind, type ShapeOutline, type ShapeHint, kindDrawnAs } from '../catalog';
import { laidOut, LayoutTooDeepError, layoutNested, type LayoutDirection } from '../layout';
import { BoardBuilder, ImportError, type ImportResult } from './build';

/** Statements that only style or script a chart: skipped. */
const SKIPPED = /^(classDef|class|style|linkStyle|click|callback|link|accTitle|accDescr|title|direction)\b/;

/** Node shapes: opening bracket (longest first), its closing ones, and what the shape says. */
interface ShapeSyntax {
  open: string;
  close: string[];
  drawn: ShapeOutline;
  hint?: ShapeHint;
}
const NODE_SHAPES: readonly ShapeSyntax[] = [
  { open: '(((', close: [')))'], drawn: 'ellipse' },
  { open: '([', close: ['])'], drawn: 'ellipse' },
  { open: '((', close: ['))'], drawn: 'ellipse' },
  { open: '[(', close: [')]'], drawn: 'rectangle', hint: 'cylinder' },
  { open: '[[', close: [']]'], drawn: 'rectangle' },
  { open: '[/', close: ['/]', '\\]'], drawn: 'rectangle' },
  { open: '[\\', close: ['\\]', '/]'], drawn: 'rectangle' },
  { open: '{{', close: ['}}'], drawn: 'rectangle' },
  { open: '(', close: [')'], drawn: 'rectangle' },
  { open: '[', close: [']'], drawn: 'rectangle' },
  { open: '{', close: ['}'], drawn: 'diamond' },
  { open: '>', close: [']'], drawn: 'rectangle' },
];

/** Shapes of the `A@{ shape: … }` syntax (Mermaid 11) by their short names. */
const NAMED_SHAPES: Record<string, { drawn: ShapeOutline; hint?: ShapeHint }> = {
  cyl: { drawn: 'rectangle', hint: 'cylinder' },
  cylinder: { drawn: 'rectangle', hint: 'cylinder' },
  database: { drawn: 'rectangle', hint: 'cylinder' },
  db: { drawn: 'rectangle', hint: 'cylinder' },
  'h-cyl': { drawn: 'rectangle', hint: 'cylinder' },
  'lin-cyl': { drawn: 'rectangle', hint: 'cylinder' },
  circle: { drawn: 'ellipse' },
  circ: { drawn: 'ellipse' },
  stadium: { drawn: 'ellipse' },
  pill: { drawn: 'ellipse' },
  diam: { drawn: 'diamond' },
  diamond: { drawn: 'diamond' },
  decision: { drawn: 'diamond' },
  question: { drawn: 'diamond' },
  doc: { drawn: 'rectangle', hint: 'document' },
  document: { drawn: 'rectangle', hint: 'document' },
};

const NAMED_ENTITIES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', nbsp: ' ', apos: "'" };

/**
 * A label's text as a reader sees it: quotes and Markdown string backticks
 * off, `<br>` and a literal `\n` as line breaks, `#35;` and `#quot;` decoded,
 * other HTML tags, Markdown emphasis and Font Awesome icons (`fa:fa-user`) removed.
 */
export function mermaidLabelText(raw: string): string {
  let text = raw.trim();
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1);
  const markdown = text.length >= 2 && text.startsWith('`') && text.endsWith('`');
  if (markdown) text = text.slice(1, -1).replace(/\*\*(.+?)\*\*|\*(.+?)\*|__(.+?)__|_(.+?)_/g, '$1$2$3$4');
  return text
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/\\n/g, '\n')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/\b(?:fa[bklrs]?|fak):fa-[a-z0-9-]+\s*/g, '')
    .replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Math.min(Number(code), 0x10ffff)))
    .replace(/#([a-z]+);/gi, (whole, name: string) => NAMED_ENTITIES[name.toLowerCase()] ?? whole)
    .replace(/[ \t]+/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .trim();
}

interface ParsedNode {
  id: string;
  text?: string;
  drawn?: ShapeOutline;
  hint?: ShapeHint;
  classes: string[];
}

interface ParsedEdge {
  label?: string;
  dotted: boolean;
  invisible: boolean;
}

/** A cursor over one statement. */
class Scanner {
  at = 0;
  constructor(readonly text: string) {}
  get rest(): string {
    return this.text.slice(this.at);
  }
  skipSpace(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at]!)) this.at++;
  }
  done(): boolean {
    this.skipSpace();
    return this.at >= this.text.length;
  }
  take(re: RegExp): RegExpExecArray | null {
    const m = re.exec(this.rest);
    if (!m || m.index !== 0) return null;
    this.at += m[0].length;
    return m;
  }
}

const NODE_ID = /^[\p{L}\p{N}_][\p{L}\p{N}_]*(?:[-.][\p{L}\p{N}_]+)*/u;

function readNode(s: Scanner, line: number): ParsedNode {
  s.skipSpace();
  const idMatch = s.take(NODE_ID);
  if (!idMatch) throw new ImportError(`line ${line}: expected a node id at "${s.rest.slice(0, 30)}"`);
  const node: ParsedNode = { id: idMatch[0], classes: [] };
  if (s.rest.startsWith('@{')) {
    const end = s.rest.indexOf('}');
    if (end === -1) throw new ImportError(`line ${line}: "@{" without its closing "}"`);
    const body = s.rest.slice(2, end);
    s.at += end + 1;
    const shape = /shape\s*:\s*([\w-]+)/.exec(body)?.[1]?.toLowerCase();
    const label = /label\s*:\s*("(?:[^"]*)"|[^,}]+)/.exec(body)?.[1];
    if (shape) Object.assign(node, NAMED_SHAPES[shape] ?? { drawn: 'rectangle' });
    if (label !== undefined) node.text = mermaidLabelText(label);
  } else {
    const syntax = NODE_SHAPES.find((sh) => s.rest.startsWith(sh.open));
    if (syntax) {
      s.at += syntax.open.length;
      const rest = s.rest;
      let end = -1;
      let closeLength = 0;
      if (rest.trimStart().startsWith('"')) {
        // A quoted label may hold any bracket: it ends at its closing quote.
        const open = rest.indexOf('"');
        const close = rest.indexOf('"', open + 1);
        if (close === -1) throw new ImportError(`line ${line}: a label's quote is not closed`);
        for (const c of syntax.close) {
          const at = rest.indexOf(c, close + 1);
          if (at !== -1 && (end === -1 || at < end)) [end, closeLength] = [at, c.length];
        }
      } else {
        for (const c of syntax.close) {
          const at = rest.indexOf(c);
          if (at !== -1 && (end === -1 || at < end)) [end, closeLength] = [at, c.length];
        }
      }
      if (end === -1) throw new ImportError(`line ${line}: node "${node.id}" has no closing "${syntax.close[0]}"`);
      node.text = mermaidLabelText(rest.slice(0, end));
      node.drawn = syntax.drawn;
      if (syntax.hint) node.hint = syntax.hint;
      s.at += end + closeLength;
    }
  }
  const cls = s.take(/^:::([\w-]+)/);
  if (cls) node.classes.push(cls[1]!);
  return node;
}

/** An edge at the cursor, or null: `-->`, `---`, `-.->`, `==>`, `~~~`, heads `o` `x` `<`, labels `|…|` or `-- … -->`. */
function readEdge(s: Scanner): ParsedEdge | null {
  s.skipSpace();
  s.take(/^[\w-]+@(?=[-=.<~ox])/); // an edge id (Mermaid 11), not kept
  // The label-in-the-middle forms: "-- text -->", "-. text .->", "== text ==>".
  const middle = s.take(
    /^[<ox]?(--|==|-\.)(?![->.=])\s*(.*?)\s*(-{2,}[>ox]|-{3,}|={2,}[>ox]|={3,}|\.+-[>ox]?)(?=[\s\p{L}\p{N}_]|$)/u,
  );
  if (middle) return { label: mermaidLabelText(middle[2]!), dotted: middle[1] === '-.', invisible: false };
  const plain = s.take(/^[<ox]?(-{2,}|={2,}|-\.+-|~{3,})(?:[>ox](?=[\s\p{L}\p{N}_|]|$))?/u);
  if (!plain) return null;
  const edge: ParsedEdge = { dotted: plain[1]!.includes('.'), invisible: plain[1]!.startsWith('~') };
  s.skipSpace();
  const label = s.take(/^\|([^|]*)\|/);
  if (label) edge.label = mermaidLabelText(label[1]!);
  return edge;
}

/** Statements with the line each starts on: split at line ends and at `;` outside quotes and brackets. */
function statements(source: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  source.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('%%')) return;
    let depth = 0;
    let quoted = false;
    let start = 0;
    for (let i = 0; i < raw.length; i++) {
      const ch = raw[i]!;
      if (ch === '"') quoted = !quoted;
      else if (!quoted && '([{'.includes(ch)) depth++;
      else if (!quoted && ')]}'.includes(ch)) depth = Math.max(0, depth - 1);
      else if (!quoted && depth === 0 && ch === ';') {
        out.push({ text: raw.slice(start, i).trim(), line: index + 1 });
        start = i + 1;
      }
    }
    out.push({ text: raw.slice(start).trim(), line: index + 1 });
  });
  return out.filter((s) => s.text !== '');
}

const DIRECTIONS: Record<string, LayoutDirection> = { TB: 'TB', TD: 'TB', BT: 'BT', LR: 'LR', RL: 'RL' };

/** Whether some text is a Mermaid flowchart (after front matter, comments and directives). */
export function isMermaidFlowchart(source: string): boolean {
  return /^(graph|flowchart)\b/.test(firstLine(source) ?? '');
}

/** Drops YAML front matter (`---` … `---`). */
function withoutFrontMatter(source: string): { body: string; offset: number } {
  const m = /^\s*---\r?\n[\s\S]*?\r?\n---[ \t]*(\r?\n|$)/.exec(source);
  if (!m) return { body: source, offset: 0 };
  const offset = m[0].split('\n').length - 1;
  return { body: '\n'.repeat(offset) + source.slice(m[0].length), offset };
}

function firstLine(source: string): string | undefined {
  const { body } = withoutFrontMatter(source);
  return body
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('%%'));
}

/**
 * A Mermaid flowchart as a board, laid out. Throws ImportError with the line
 * for text that is not a flowchart or does not parse.
 */
export function importMermaid(source: string, fileName?: string): ImportResult {
  const { body } = withoutFrontMatter(source);
  const all = statements(body);
  const header = all[0];
  const head = header ? /^(graph|flowchart)\b\s*(\w+)?\s*(.*)$/.exec(header.text) : null;
  if (!header || !head)
    throw new ImportError(
      `${fileName ?? 'The text'} is not a Mermaid flowchart: it should start with "flowchart" or "graph"${header ? ` (line ${header.line} starts with "${header.text.slice(0, 20)}")` : ''}`,
    );
  const direction = DIRECTIONS[(head[2] ?? 'TB').toUpperCase()] ?? 'TB';
  const rest = [...(head[3] ? [{ text: head[3], line: header.line }] : []), ...all.slice(1)];

  const nodes = new Map<string, ParsedNode>();
  const nodeOrder: string[] = [];
  const parentOf = new Map<string, string>(); // node or subgraph id -> subgraph id
  const subgraphs = new Map<string, { title: string; parent?: string; line: number }>();
  const edges: { from: string; to: string; edge: ParsedEdge }[] = [];
  const classOf = new Map<string, string[]>();
  const stack: string[] = [];
  const warnings: string[] = [];
  // Kinds an Archboard export wrote down: its own boards come back exactly.
  const kindOf = new Map<string, string>();
  for (const m of body.matchAll(/^\s*%% archboard-kinds ([^\n]*)$/gm))
    for (const pair of m[1]!.trim().split(/\s+/)) {
      const [id, kind] = pair.split('=');
      if (id && kind && isKnownKind(kind)) kindOf.set(id, kind);
    }

  const mention = (n: ParsedNode) => {
    const known = nodes.get(n.id);
    if (!known) {
      nodes.set(n.id, n);
      nodeOrder.push(n.id);
    } else {
      if (n.text !== undefined) known.text = n.text;
      if (n.drawn) known.drawn = n.drawn;
      if (n.hint) known.hint = n.hint;
      known.classes.push(...n.classes);
    }
    const inside = stack.at(-1);
    if (inside !== undefined && !parentOf.has(n.id) && n.id !== inside) parentOf.set(n.id, inside);
  };

  for (const { text, line } of rest) {
    if (text === 'end') {
      if (stack.length === 0) throw new ImportError(`line ${line}: "end" without a subgraph`);
      stack.pop();
      continue;
    }
    const sub = /^subgraph\b\s*(.*)$/.exec(text);
    if (sub) {
      const spec = sub[1]!.trim();
      const withTitle = /^([\p{L}\p{N}_-]+)\s*\[(.*)\]$/u.exec(spec);
      const id = withTitle ? withTitle[1]! : mermaidLabelText(spec) || `subgraph${subgraphs.size + 1}`;
      const title = withTitle ? mermaidLabelText(withTitle[2]!) : mermaidLabelText(spec);
      subgraphs.set(id, { title, parent: stack.at(-1), line });
      if (stack.length > 0) parentOf.set(id, stack.at(-1)!);
      stack.push(id);
      continue;
    }
    const classStatement = /^class\s+([^\s]+)\s+([\w-]+)/.exec(text);
    if (classStatement) {
      for (const id of classStatement[1]!.split(',')) classOf.set(id, [...(classOf.get(id) ?? []), classStatement[2]!]);
      continue;
    }
    if (SKIPPED.test(text)) continue;

    const s = new Scanner(text);
    let group = readGroup(s, line);
    for (const n of group) if (!subgraphs.has(n.id) || n.text !== undefined) mention(n);
    while (!s.done()) {
      const edge = readEdge(s);
      if (!edge) throw new ImportError(`line ${line}: expected an arrow such as "-->" at "${s.rest.slice(0, 30)}"`);
      const next = readGroup(s, line);
      for (const n of next) if (!subgraphs.has(n.id) || n.text !== undefined) mention(n);
      for (const a of group) for (const b of next) edges.push({ from: a.id, to: b.id, edge });
      group = next;
    }
  }
  if (stack.length > 0) warnings.push(`subgraph "${stack.at(-1)}" is not closed with "end"`);

  const builder = new BoardBuilder('mermaid', fileName);
  builder.warnings.push(...warnings);
  // Groups first, outermost first, so that children can name them.
  const groupIds = new Map<string, string>();
  const addGroup = (id: string): string => {
    const known = groupIds.get(id);
    if (known) return known;
    const sg = subgraphs.get(id)!;
    const parent = sg.parent !== undefined ? addGroup(sg.parent) : undefined;
    const made = builder.group({ sourceId: id, label: sg.title, ...(parent ? { parent } : {}) });
    groupIds.set(id, made);
    return made;
  };
  for (const id of subgraphs.keys()) addGroup(id);

  for (const id of nodeOrder) {
    if (subgraphs.has(id)) continue;
    const n = nodes.get(id)!;
    const text = n.text ?? n.id;
    const classes = [...n.classes, ...(classOf.get(id) ?? [])];
    const parentSub = parentOf.get(id);
    const parent = parentSub !== undefined ? groupIds.get(parentSub) : undefined;
    const inGroup = parent !== undefined ? { parent } : {};
    const known = kindOf.get(id);
    const drawn = known !== undefined ? drawnAs(known) : undefined;
    if (known !== undefined && !hasRole(known, 'annotation'))
      builder.node({ sourceId: id, text, kind: known, ...inGroup });
    else if (drawn === 'text') builder.drawing(id, { kind: known!, x: 0, y: 0, label: text, ...inGroup });
    else if (drawn === 'note' || classes.includes('note'))
      builder.drawing(id, { kind: known ?? kindDrawnAs('note'), x: 0, y: 0, notes: text, ...inGroup });
    else
      builder.node({
        sourceId: id,
        text,
        ...(n.drawn ? { drawn: n.drawn } : {}),
        ...(drawn === 'shape' ? { plain: true as const } : {}),
        ...(n.hint ? { shape: n.hint } : {}),
        ...inGroup,
      });
  }
  for (const { from, to, edge } of edges) {
    if (edge.invisible) continue; // "~~~" only spaces nodes apart
    const a = groupIds.get(from) ?? builder.idOf(from);
    const b = groupIds.get(to) ?? builder.idOf(to);
    if (a === undefined || b === undefined || a === b) continue;
    builder.link(a, b, { ...(edge.label ? { label: edge.label } : {}), ...(edge.dotted ? { async: true } : {}) });
  }

  const { blocks, links } = builder.current;
  let placed: ReturnType<typeof layoutNested>;
  try {
    placed = layoutNested(blocks, links, direction);
  } catch (err) {
    if (!(err instanceof LayoutTooDeepError)) throw err;
    throw new ImportError(
      `${fileName ?? 'The chart'} is too deep to lay out (${blocks.length} blocks, ${links.length} links): split it into smaller charts`,
    );
  }
  for (const [id, p] of placed) builder.update(id, p);
  // Notes and free text have no place in a layout: they go beside what was laid out.
  let right = Math.max(0, ...blocks.filter((b) => !b.parent).map((b) => b.x + (b.width ?? CARD_SIZE.width)));
  for (const b of blocks)
    if (!b.parent && !laidOut(b.kind)) {
      builder.update(b.id, { x: right + 48, y: 0 });
      right += 48 + 200;
    }
  return builder.finish();
}

/** A node, or several joined by `&`. */
function readGroup(s: Scanner, line: number): ParsedNode[] {
  const group = [readNode(s, line)];
  while (s.take(/^\s*&\s*/)) group.push(readNode(s, line));
  return group;
}
