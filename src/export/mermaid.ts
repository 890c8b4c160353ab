/**
 * A board as Mermaid flowchart text, for copying into docs and wikis. Shapes
 * come from each kind's `mermaidShape` in the catalog; groups become nested
 * subgraphs; asynchronous links are dotted. All text from the board goes
 * through `mermaidText`, so no label can break the syntax or smuggle HTML
 * into a renderer.
 */
import {
  CATALOG,
  SHAPE_OUTLINES,
  drawingOf,
  type CatalogEntry,
  type MermaidShape,
  type ShapeOutline,
} from '../board/catalog';
import { isAsyncLink, protocolInfo } from '../board/protocols';
import type { Block, Board, Link } from '../board/types';

/** Options of `boardToMermaid`. */
export interface MermaidOptions {
  /** Flow direction: top-down (the default, as boards are drawn) or left to right. */
  direction?: 'TD' | 'LR';
}

/** Where the entity escapes come from: Mermaid turns `#<code>;` into the character. */
const ESCAPES: Record<string, string> = {
  '"': '#quot;',
  '#': '#35;', // must be escaped first-hand, or text like "#1;" would read as an entity
  '&': '#38;',
  '<': '#60;', // labels are HTML in most renderers: no tags from the board
  '>': '#62;',
  '`': '#96;', // a leading backtick turns a label into a Markdown string
  '|': '#124;', // ends an edge label
  '%': '#37;', // "%%" starts a comment or a directive
  '\\': '#92;',
};

/**
 * Text made safe inside a quoted Mermaid label: quotes, entity starts, HTML
 * and other characters Mermaid chokes on become entity codes; line breaks
 * (and a literal `\n`, as other tools write a two-line label) become `<br/>`
 * and other control characters spaces. `fa:fa-…`, which Mermaid draws as a
 * Font Awesome icon, keeps its colon as an entity, so it stays text.
 */
export function mermaidText(text: string): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n').replace(/\\n/g, '\n')) {
    if (ch === '\n') out += '<br/>';
    else if (ESCAPES[ch] !== undefined) out += ESCAPES[ch];
    else if (ch < ' ' || ch === '\u007f') out += ' ';
    else out += ch;
  }
  return out.replace(/(fa[a-z]?):(?=fa-)/g, '$1#58;');
}

/**
 * Mermaid's first pass over the text (its `encodeEntities`) drops the last
 * `;` of any line where `style` or `classDef` is followed by a colon and an
 * entity, to keep the semicolons of its style statements: a label
 * "Lifestyle:R&D" would show "R#38D", and so would any line of a node whose
 * id begins with "style". What that pass does to a line, as Mermaid 11 does it.
 */
function mermaidFirstPass(line: string): string {
  const cut = (s: string) => s.slice(0, -1);
  return line.replace(/style.*:\S*#.*;/g, cut).replace(/classDef.*:\S*#.*;/g, cut);
}

/**
 * A statement line that survives that pass: the pass takes the last `;` of
 * the line, so a `;` (Mermaid's statement separator, harmless at the end) is
 * added for each cut it would make, and the pass takes those instead.
 */
export function guardEntities(line: string): string {
  if (mermaidFirstPass(line) === line) return line;
  for (let extra = ';'; extra.length <= 2; extra += ';')
    if (mermaidFirstPass(line + extra) === line) return line + extra;
  return line;
}

/** Mermaid's default limits: past them it refuses the diagram unless the site raises the setting. */
export const MERMAID_LIMITS = {
  /** `maxEdges`: links in one flowchart. */
  maxEdges: 500,
  /** `maxTextSize`: characters of the diagram's text. */
  maxTextSize: 50_000,
} as const;

/**
 * What stops Mermaid from drawing a text with its default settings, each with
 * the setting to raise. Both are "secure" settings, which a directive in the
 * text cannot change: the site or tool that renders it must.
 */
export function mermaidLimitWarnings(text: string): string[] {
  const warnings: string[] = [];
  const edges = text.split('\n').filter((l) => /^\s*\S+ (-->|-\.->)/.test(l)).length;
  if (edges > MERMAID_LIMITS.maxEdges)
    warnings.push(
      `${edges} links: past Mermaid's default limit of ${MERMAID_LIMITS.maxEdges} edges, which renderers refuse; raise maxEdges in the Mermaid configuration of the site that draws it (mermaid.initialize({ maxEdges: ${edges} })).`,
    );
  if (text.length > MERMAID_LIMITS.maxTextSize)
    warnings.push(
      `${text.length.toLocaleString('en-US')} characters: past Mermaid's default limit of ${MERMAID_LIMITS.maxTextSize.toLocaleString('en-US')}, which renderers refuse; raise maxTextSize in the Mermaid configuration of the site that draws it (mermaid.initialize({ maxTextSize: ${text.length} })).`,
    );
  return warnings;
}

/** Opening and closing brackets of each shape around a quoted label. */
const SHAPES: Record<Exclude<MermaidShape, 'subgraph' | 'none'>, [string, string]> = {
  rect: ['[', ']'],
  rounded: ['(', ')'],
  stadium: ['([', '])'],
  cylinder: ['[(', ')]'],
  hexagon: ['{{', '}}'],
  subroutine: ['[[', ']]'],
  circle: ['((', '))'],
  note: ['>', ']'], // the asymmetric "flag" shape, styled as a sticky note below
};

/** The brackets of a plain drawn shape (the `shape` kind), by its `shape` field. */
const OUTLINES: Record<ShapeOutline, [string, string]> = {
  rectangle: ['[', ']'],
  ellipse: ['([', '])'],
  diamond: ['{', '}'],
};

function bracketsOf(shape: MermaidShape, block: Block): [string, string] {
  if (drawingOf(block.kind) === 'shape')
    return OUTLINES[(SHAPE_OUTLINES as readonly unknown[]).includes(block.shape) ? block.shape! : 'rectangle'];
  if (shape === 'subgraph' || shape === 'none') return SHAPES.rect;
  return SHAPES[shape];
}

/** The comment that carries each node's catalog kind (`%% archboard-kinds n_db=sql-db …`). */
export const KINDS_COMMENT = '%% archboard-kinds';
const KINDS_PER_COMMENT = 8;

const NOTE_CLASS = 'note';
const NOTE_STYLE = `classDef ${NOTE_CLASS} fill:#fff8c5,stroke:#d4a72c,color:#3b2f00`;

const catalogByKind = new Map<string, CatalogEntry>(CATALOG.map((e) => [e.kind, e]));

/** Mermaid ids: letters, digits and underscores, prefixed so none is a keyword ("end") or starts an edge ("o", "x"). */
function idMaker(): (blockId: string) => string {
  const used = new Set<string>();
  const byBlock = new Map<string, string>();
  return (blockId) => {
    const known = byBlock.get(blockId);
    if (known) return known;
    const base = `n_${blockId.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    byBlock.set(blockId, id);
    return id;
  };
}

/** A block's lines: its label or its kind's, then its technology. Sticky notes show their text. */
function blockLines(block: Block, entry: CatalogEntry | undefined): string[] {
  if (entry?.mermaidShape === 'note') return [nonEmpty(block.notes) ?? nonEmpty(block.label) ?? entry.label];
  const title = nonEmpty(block.label) ?? entry?.label ?? block.kind;
  const tech = nonEmpty(block.tech);
  return tech ? [title, tech] : [title];
}

function nonEmpty(text: unknown): string | undefined {
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : undefined;
}

/** A link's text: its label, else its protocol's name, else nothing. */
function linkText(link: Link): string | undefined {
  return (
    nonEmpty(link.label) ??
    (link.protocol ? (protocolInfo(link.protocol)?.label ?? nonEmpty(link.protocol)) : undefined)
  );
}

/**
 * Mermaid flowchart text for a board: each block a node shaped by its kind,
 * groups as nested subgraphs, sticky notes as note-styled nodes, links as
 * arrows (dotted when asynchronous) labelled with their label or protocol.
 * Blocks and links keep the board's order; links to missing blocks are left out.
 */
export function boardToMermaid(board: Pick<Board, 'blocks' | 'links'>, options: MermaidOptions = {}): string {
  const idOf = idMaker();
  const blocksById = new Map(board.blocks.map((b) => [b.id, b]));
  const entryOf = (b: Block) => catalogByKind.get(b.kind);
  const drawn = (b: Block | undefined) => b !== undefined && entryOf(b)?.mermaidShape !== 'none';
  const isGroup = (b: Block | undefined) => b !== undefined && entryOf(b)?.mermaidShape === 'subgraph';

  // A block sits in its parent only if the parent is a group and the chain of parents has no loop.
  const parentOf = new Map<string, string | undefined>();
  for (const b of board.blocks) {
    let parent = b.parent !== undefined && isGroup(blocksById.get(b.parent)) ? b.parent : undefined;
    const seen = new Set([b.id]);
    for (let p = parent; p !== undefined; p = blocksById.get(p)?.parent) {
      if (seen.has(p)) {
        parent = undefined;
        break;
      }
      seen.add(p);
    }
    parentOf.set(b.id, parent);
  }
  const children = new Map<string | undefined, Block[]>();
  for (const b of board.blocks) {
    const p = parentOf.get(b.id);
    children.set(p, [...(children.get(p) ?? []), b]);
  }

  const lines = [`flowchart ${options.direction ?? 'TD'}`];
  const notes: string[] = [];
  const emit = (parent: string | undefined, depth: number) => {
    const indent = '  '.repeat(depth);
    for (const b of children.get(parent) ?? []) {
      const entry = entryOf(b);
      const id = idOf(b.id);
      if (isGroup(b)) {
        lines.push(`${indent}subgraph ${id} ["${mermaidText(nonEmpty(b.label) ?? entry?.label ?? 'Group')}"]`);
        emit(b.id, depth + 1);
        lines.push(`${indent}end`);
        continue;
      }
      const shape = entry?.mermaidShape ?? 'rect';
      if (shape === 'none') continue;
      const [open, close] = bracketsOf(shape, b);
      const text = blockLines(b, entry).map(mermaidText).join('<br/>');
      lines.push(`${indent}${id}${open}"${text}"${close}`);
      if (shape === 'note') notes.push(id);
    }
  };
  emit(undefined, 1);

  for (const link of board.links) {
    if (!drawn(blocksById.get(link.from)) || !drawn(blocksById.get(link.to))) continue;
    const arrow = isAsyncLink(link) ? '-.->' : '-->';
    const text = linkText(link);
    lines.push(`  ${idOf(link.from)} ${arrow}${text ? `|"${mermaidText(text)}"|` : ''} ${idOf(link.to)}`);
  }
  if (notes.length > 0) {
    lines.push(`  ${NOTE_STYLE}`);
    lines.push(`  class ${notes.join(',')} ${NOTE_CLASS}`);
  }
  // Renderers ignore comments; Archboard's importer reads the kinds back, so an export re-imports exactly.
  const kinds = board.blocks.filter((b) => drawn(b) && !isGroup(b)).map((b) => `${idOf(b.id)}=${b.kind}`);
  for (let i = 0; i < kinds.length; i += KINDS_PER_COMMENT)
    lines.push(`  ${KINDS_COMMENT} ${kinds.slice(i, i + KINDS_PER_COMMENT).join(' ')}`);
  return lines.map(guardEntities).join('\n') + '\n';
}
