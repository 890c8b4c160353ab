/**
 * A tiny document model for exports: the report is built once as these
 * blocks, then rendered to Markdown (`markdown.ts`) or to a printable HTML page
 * (`html.ts`). Text in the model is always plain text; each renderer escapes
 * it for its own target, so no user text is ever read as markup.
 */

/** A run of text, plain or styled. */
export type Span =
  | string
  | { text: string; style: 'strong' | 'emphasis' | 'code' }
  /** A link; renderers write it only for an http(s) address, else as plain text. */
  | { text: string; style: 'link'; href: string };

/** A line of spans. */
export type Inline = readonly Span[];

/** One block of a document. */
export type DocBlock =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; content: Inline }
  /** Free text someone typed: blank lines separate paragraphs, line breaks are kept. */
  | { type: 'text'; text: string }
  | { type: 'list'; items: readonly Inline[]; ordered?: boolean }
  | {
      type: 'table';
      header: readonly string[];
      rows: readonly (readonly string[])[];
      align?: readonly ('left' | 'right')[];
    }
  | { type: 'code'; language: string; text: string }
  | { type: 'image'; src: string; alt: string };

/** Shorthands for building documents. */
export const doc = {
  heading: (level: 1 | 2 | 3, text: string): DocBlock => ({ type: 'heading', level, text }),
  paragraph: (...content: Span[]): DocBlock => ({ type: 'paragraph', content }),
  text: (text: string): DocBlock => ({ type: 'text', text }),
  list: (items: readonly Inline[], ordered = false): DocBlock => ({ type: 'list', items, ordered }),
  table: (
    header: readonly string[],
    rows: readonly (readonly string[])[],
    align?: readonly ('left' | 'right')[],
  ): DocBlock => (align ? { type: 'table', header, rows, align } : { type: 'table', header, rows }),
  code: (language: string, text: string): DocBlock => ({ type: 'code', language, text }),
  image: (src: string, alt: string): DocBlock => ({ type: 'image', src, alt }),
  strong: (text: string): Span => ({ text, style: 'strong' }),
  emphasis: (text: string): Span => ({ text, style: 'emphasis' }),
  inlineCode: (text: string): Span => ({ text, style: 'code' }),
  link: (text: string, href: string): Span => ({ text, style: 'link', href }),
};

/** Whether a link target is an http(s) address, the only kind an export writes as a link. */
export function isWebAddress(href: string): boolean {
  return /^https?:\/\/[^\s"'<>`]+$/i.test(href);
}

/**
 * Whether an image source is safe to put in a page: a base64 data URL of a
 * raster or SVG image, an http(s) URL, or a relative file name. Anything else
 * (`javascript:`, other schemes, quotes or angle brackets) is refused.
 */
export function isSafeImageSource(src: string): boolean {
  return (
    /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/]+=*$/.test(src) ||
    /^https?:\/\/[^\s"'<>`\\]+$/i.test(src) ||
    /^(?!\/\/)[\w][\w\-./ ()]*$/.test(src)
  );
}

/** The plain text of a line of spans. */
export function inlineText(content: Inline): string {
  return content.map((s) => (typeof s === 'string' ? s : s.text)).join('');
}
