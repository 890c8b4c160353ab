/**
 * What every importer shares: nodes in, blocks out. A node's kind comes from
 * the catalog's inference (stencil, name, shape); a node nothing identifies is
 * kept as a plain `shape` with its text, never dropped. The board is checked
 * by `readBoard` like any file, and the import says what it inferred.
 */
import { inferKind, kindInfo, type ShapeOutline, type ShapeHint, kindDrawnAs, newBlockSize } from '../catalog';
import { readBoard } from '../format';
import { protocolNamedIn } from '../protocols';
import { BOARD_FORMAT, type Block, type Board, type Link } from '../types';
import { MAX_BLOCKS, MAX_FONT_SIZE, MAX_LABEL_CHARS, MAX_LINKS, MAX_STROKE_POINTS, MAX_TEXT_CHARS } from '../../limits';

/** The formats the importers read. */
export type ImportFormat = 'archboard' | 'mermaid' | 'excalidraw' | 'drawio';

/** What an import made, for the person who imported it. */
export interface ImportReport {
  format: ImportFormat;
  /** Nodes that became blocks or shapes (groups and drawings aside). */
  blocks: number;
  /** Of those, how many got a catalog kind. */
  recognised: number;
  /** Of those, how many were kept as plain shapes with their text. */
  shapes: number;
  links: number;
  groups: number;
  /** Free text, strokes and loose arrows. */
  drawings: number;
  /** What the import could not carry over as it was (skipped statements, cut labels). */
  warnings: string[];
}

export interface ImportResult {
  board: Board;
  report: ImportReport;
}

/** "12 blocks, 9 recognised, 3 kept as shapes; 14 links" (and groups and drawings where there are some). */
export function importSummary(report: ImportReport): string {
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  let text = `${plural(report.blocks, 'block')}, ${report.recognised} recognised, ${report.shapes} kept as ${report.shapes === 1 ? 'a shape' : 'shapes'}; ${plural(report.links, 'link')}`;
  if (report.groups > 0) text += `; ${plural(report.groups, 'group')}`;
  if (report.drawings > 0) text += `; ${plural(report.drawings, 'drawing')}`;
  return text;
}

/** A node of another tool's diagram, as an importer read it. */
export interface NodeInput {
  /** The other tool's id; the builder makes a board id from it. */
  sourceId: string;
  text: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  /** The builder id of the group it sits in; x, y are then relative to the group. */
  parent?: string;
  /** The plain shape it is kept as when nothing tells its kind. */
  drawn?: ShapeOutline;
  stencil?: string;
  shape?: ShapeHint;
  /** The kind, when the file says it (an Archboard export); inferred otherwise. */
  kind?: string;
  /** Keep it a plain shape whatever its text says (the file says it is one). */
  plain?: true;
  /** True to keep the node's own size on a recognised block (a positioned import); cards size themselves otherwise. */
  keepSize?: boolean;
}

/** An import's failure: a message naming the file and what is wrong. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Label text as a block label allows: control characters gone, within the length limit. */
function clean(text: string, max: number): { text: string; cut: boolean } {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ');
  return plain.length > max ? { text: plain.slice(0, max - 1) + '…', cut: true } : { text: plain, cut: false };
}

/** The colours a board keeps: CSS hex forms. */
const HEX_COLOUR = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

export class BoardBuilder {
  private readonly blocks: Block[] = [];
  private readonly links: Link[] = [];
  private readonly ids = new Map<string, string>();
  private readonly used = new Set<string>();
  private readonly counts = { blocks: 0, recognised: 0, shapes: 0, groups: 0, drawings: 0 };
  readonly warnings: string[] = [];

  constructor(
    private readonly format: ImportFormat,
    private readonly fileName?: string,
  ) {}

  /** The board id given to a source id, if it was added. */
  idOf(sourceId: string): string | undefined {
    return this.ids.get(sourceId);
  }

  has(sourceId: string): boolean {
    return this.ids.has(sourceId);
  }

  private newId(sourceId: string): string {
    const base = sourceId.replace(/[^A-Za-z0-9_.:-]/g, '_').slice(0, 60) || 'node';
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    this.ids.set(sourceId, id);
    return id;
  }

  private push(block: Block): string {
    if (this.blocks.length >= MAX_BLOCKS)
      throw new ImportError(`${this.name()} has more than ${MAX_BLOCKS} elements, more than a board holds`);
    this.blocks.push(block);
    return block.id;
  }

  private name(): string {
    return this.fileName ?? 'The diagram';
  }

  private label(text: string, what: string): string {
    const { text: out, cut } = clean(text.trim(), MAX_LABEL_CHARS);
    if (cut) this.warnings.push(`${what}: label cut to ${MAX_LABEL_CHARS} characters`);
    return out;
  }

  /** A node: a catalog block when something tells its kind, else a plain shape with its text. */
  node(input: NodeInput): string {
    const id = this.newId(input.sourceId);
    const lines = input.text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    // The first line is the title ("Orders DB"); the lines after it are details, kept as the block's notes.
    const clues = { stencil: input.stencil, shape: input.shape };
    const fromTitle = inferKind({ ...clues, text: lines[0] ?? '' });
    const fromAll = inferKind({ ...clues, text: lines.join(' ') });
    const kind = input.plain ? undefined : (input.kind ?? fromTitle?.kind ?? fromAll?.kind);
    const at = { x: Math.round(input.x ?? 0), y: Math.round(input.y ?? 0) };
    const parent = input.parent !== undefined ? { parent: input.parent } : {};
    this.counts.blocks++;
    if (kind !== undefined) {
      this.counts.recognised++;
      let tech =
        (fromTitle?.kind === kind ? fromTitle.tech : undefined) ?? (fromAll?.kind === kind ? fromAll.tech : undefined);
      let details = lines.slice(1);
      // A second line naming the product is the card's technology line ("Orders\nPostgreSQL"), as
      // is any second line where the file gave the kind (Archboard's export writes title and tech).
      const second = details.length === 1 ? details[0]! : undefined;
      if (second !== undefined && (input.kind !== undefined || second.toLowerCase() === tech?.toLowerCase())) {
        tech = second;
        details = [];
      }
      const title = lines[0] ?? '';
      const block: Block = { id, kind, ...at, ...parent };
      if (title && title !== kindInfo(kind).label) block.label = this.label(title, `"${title}"`);
      if (tech) block.tech = tech;
      if (details.length > 0) block.notes = clean(details.join('\n'), MAX_TEXT_CHARS).text;
      if (input.keepSize && input.width && input.height)
        Object.assign(block, { width: input.width, height: input.height });
      return this.push(block);
    }
    this.counts.shapes++;
    const size = newBlockSize(kindDrawnAs('shape'));
    const block: Block = {
      id,
      kind: kindDrawnAs('shape'),
      ...at,
      ...parent,
      shape: input.drawn ?? 'rectangle',
      width: Math.max(1, Math.round(input.width ?? size.width)),
      height: Math.max(1, Math.round(input.height ?? size.height)),
    };
    if (lines.length > 0) block.label = this.label(lines.join('\n'), `"${lines[0]}"`);
    return this.push(block);
  }

  /** A group (subgraph, frame, container); its children give it as their `parent`. */
  group(input: {
    sourceId: string;
    label?: string;
    x?: number;
    y?: number;
    width?: number;
    height?: number;
    parent?: string;
  }): string {
    const id = this.newId(input.sourceId);
    this.counts.groups++;
    const block: Block = { id, kind: kindDrawnAs('frame'), x: Math.round(input.x ?? 0), y: Math.round(input.y ?? 0) };
    if (input.parent !== undefined) block.parent = input.parent;
    const title = input.label?.replace(/\s+/g, ' ').trim();
    if (title) block.label = this.label(title, `group "${title}"`);
    if (input.width && input.height)
      Object.assign(block, { width: Math.round(input.width), height: Math.round(input.height) });
    return this.push(block);
  }

  /** A drawing kind (text, sketch, arrow) or a sticky note, as it is. */
  drawing(sourceId: string, block: { kind: string; x: number; y: number; [field: string]: unknown }): string {
    const id = this.newId(sourceId);
    this.counts.drawings++;
    const out: Block = { ...block, id };
    if (typeof out.label === 'string') out.label = this.label(out.label, `text "${out.label.slice(0, 20)}"`);
    if (typeof out.notes === 'string') out.notes = clean(out.notes, MAX_TEXT_CHARS).text;
    // Other tools allow what a board does not: bigger text, named colours, longer strokes.
    if (typeof out.fontSize === 'number') out.fontSize = Math.min(MAX_FONT_SIZE, Math.max(1, out.fontSize));
    if (typeof out.color === 'string' && !HEX_COLOUR.test(out.color)) delete out.color;
    if (Array.isArray(out.points) && out.points.length > 2 * MAX_STROKE_POINTS) {
      const points = out.points;
      const step = Math.ceil(points.length / 2 / MAX_STROKE_POINTS);
      const thinned: number[] = [];
      for (let i = 0; i < points.length / 2; i += step) thinned.push(points[2 * i]!, points[2 * i + 1]!);
      out.points = thinned;
      this.warnings.push(`stroke ${sourceId}: thinned to ${thinned.length / 2} points`);
    }
    return this.push(out);
  }

  /** A link between two added blocks (board ids). */
  link(from: string, to: string, extra: { label?: string; async?: boolean } = {}): void {
    if (this.links.length >= MAX_LINKS)
      throw new ImportError(`${this.name()} has more than ${MAX_LINKS} connections, more than a board holds`);
    const link: Link = { id: `l${this.links.length + 1}`, from, to };
    const label = extra.label?.replace(/\s+/g, ' ').trim();
    if (label) link.label = this.label(label, `link "${label}"`);
    if (extra.async) link.async = true;
    // A label that names a protocol says what the link carries (a replication link joins copies of one store).
    const protocol = protocolNamedIn(label);
    if (protocol) link.protocol = protocol;
    this.links.push(link);
  }

  /** Sets fields of an added block (positions after a layout). */
  update(id: string, set: Partial<Block>): void {
    const block = this.blocks.find((b) => b.id === id);
    if (block) Object.assign(block, set);
  }

  get current(): { blocks: readonly Block[]; links: readonly Link[] } {
    return { blocks: this.blocks, links: this.links };
  }

  /** The board, validated as any board file is, and the report. */
  finish(title?: string): ImportResult {
    const board = readBoard(
      {
        format: BOARD_FORMAT,
        ...(title ? { title: clean(title.trim(), MAX_LABEL_CHARS).text } : {}),
        blocks: this.blocks,
        links: this.links,
      },
      this.fileName,
    );
    return {
      board,
      report: { format: this.format, ...this.counts, links: this.links.length, warnings: this.warnings },
    };
  }
}
