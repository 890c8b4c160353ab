/**
 * Renders the export document model as CommonMark/GFM. Every piece of plain
 * text is escaped so that a label like "*" or "<script>" prints as itself and
 * never turns into emphasis, a list, a table column or raw HTML.
 */
import { isSafeImageSource, isWebAddress, type DocBlock, type Inline } from './document';

/** Characters that mean something inline in Markdown (GFM adds | ~ and $ for math). */
const INLINE_SPECIALS = /[\\`*_[\]<>|~&$]/g;
/** What starts a block if it begins a line: "# ", "- ", "+ ", "=", "---" (headings, lists, breaks, setext underlines). ">" and "*" are escaped everywhere. */
const BLOCK_MARKER = /^(\s*)([#+=-])(?=[#+=-]*(\s|$))/;
/** An ordered list marker: "1. " or "1) ". */
const ORDERED_MARKER = /^(\s*\d{1,9})([.)])(?=\s|$)/;

/**
 * Text made literal inside a Markdown line (a paragraph, heading, list item,
 * table cell or image alt text); line breaks become spaces. `"` is written as
 * the entity `&quot;`, not as `\"`: it ends an attribute when a renderer puts
 * alt text into HTML, and marked undoes the backslash there (an alt text
 * `x\" onerror=...` became an onerror attribute), while every CommonMark
 * renderer reads the entity back as `"`.
 */
export function escapeMarkdown(text: string): string {
  const oneLine = text.replace(/\s*[\r\n]+\s*/g, ' ');
  return oneLine
    .replace(INLINE_SPECIALS, '\\$&')
    .replace(/"/g, '&quot;')
    .replace(BLOCK_MARKER, '$1\\$2')
    .replace(ORDERED_MARKER, '$1\\$2');
}

/** A code span whose delimiters are longer than any backtick run inside. */
function codeSpan(text: string): string {
  const oneLine = text.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${oneLine}${pad}${ticks}`;
}

function inline(content: Inline): string {
  return content
    .map((span) => {
      if (typeof span === 'string') return escapeMarkdown(span);
      if (span.style === 'code') return codeSpan(span.text);
      if (span.style === 'link')
        return isWebAddress(span.href) ? `[${escapeMarkdown(span.text)}](<${span.href}>)` : escapeMarkdown(span.text);
      const marker = span.style === 'strong' ? '**' : '_';
      const text = escapeMarkdown(span.text).trim();
      return text ? `${marker}${text}${marker}` : '';
    })
    .join('');
}

/** Free text: paragraphs on blank lines, each line escaped, line breaks kept as hard breaks. */
function freeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => escapeMarkdown(line.trim()))
        .filter((line) => line !== '')
        .join('\\\n'),
    )
    .filter((p) => p !== '')
    .join('\n\n');
}

function fence(language: string, text: string): string {
  const longest = Math.max(0, ...(text.match(/`{3,}/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  const info = language.replace(/[^\w-]/g, '');
  return `${ticks}${info}\n${text.replace(/\r\n?/g, '\n').replace(/\n$/, '')}\n${ticks}`;
}

/**
 * A GFM table in the "compact" column style markdownlint's MD060 accepts: one
 * space either side of a cell's text, a single space for an empty cell.
 */
function table(block: Extract<DocBlock, { type: 'table' }>): string {
  const line = (cells: readonly string[]) => `|${cells.map((c) => (c === '' ? ' ' : ` ${c} `)).join('|')}|`;
  const row = (cells: readonly string[]) => line(block.header.map((_, i) => escapeMarkdown(cells[i] ?? '').trim()));
  const rule = line(block.header.map((_, i) => (block.align?.[i] === 'right' ? '---:' : '---')));
  return [row(block.header), rule, ...block.rows.map(row)].join('\n');
}

function image(src: string, alt: string): string {
  // Angle brackets let a destination hold spaces or parentheses; isSafeImageSource has ruled out "<" and ">".
  const destination = /[\s()]/.test(src) ? `<${src}>` : src;
  return `![${escapeMarkdown(alt)}](${destination})`;
}

/** One block as Markdown; an image whose source is not safe renders as nothing. */
function renderBlock(block: DocBlock): string {
  switch (block.type) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${escapeMarkdown(block.text)}`;
    case 'paragraph':
      return inline(block.content);
    case 'text':
      return freeText(block.text);
    case 'list':
      return block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${inline(item)}`).join('\n');
    case 'table':
      return table(block);
    case 'code':
      return fence(block.language, block.text);
    case 'image':
      return isSafeImageSource(block.src) ? image(block.src, block.alt) : '';
  }
}

/** A document as Markdown text, blocks separated by blank lines, ending in a newline. */
export function toMarkdown(blocks: readonly DocBlock[]): string {
  return (
    blocks
      .map(renderBlock)
      .filter((s) => s !== '')
      .join('\n\n') + '\n'
  );
}
