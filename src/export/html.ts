/**
 * Renders the export document model as a self-contained printable HTML page.
 * All text is HTML-escaped; the page carries no script and a Content Security
 * Policy that would block one, so a label can never run code in it.
 */
import { isSafeImageSource, isWebAddress, type DocBlock, type Inline } from './document';

/** Text made literal in HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
}

function inline(content: Inline): string {
  return content
    .map((span) => {
      if (typeof span === 'string') return escapeHtml(span);
      if (span.style === 'link')
        return isWebAddress(span.href)
          ? `<a href="${escapeHtml(span.href)}">${escapeHtml(span.text)}</a>`
          : escapeHtml(span.text);
      const tag = span.style === 'strong' ? 'strong' : span.style === 'emphasis' ? 'em' : 'code';
      return `<${tag}>${escapeHtml(span.text)}</${tag}>`;
    })
    .join('');
}

function freeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map(
      (p) =>
        `<p>${p
          .split('\n')
          .map((line) => escapeHtml(line.trim()))
          .join('<br>')}</p>`,
    )
    .join('\n');
}

function table(block: Extract<DocBlock, { type: 'table' }>): string {
  const cell = (tag: 'th' | 'td', text: string, i: number) =>
    `<${tag}${block.align?.[i] === 'right' ? ' class="num"' : ''}>${escapeHtml(text)}</${tag}>`;
  const head = `<tr>${block.header.map((h, i) => cell('th', h, i)).join('')}</tr>`;
  const rows = block.rows.map((r) => `<tr>${block.header.map((_, i) => cell('td', r[i] ?? '', i)).join('')}</tr>`);
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

function renderBlock(block: DocBlock): string {
  switch (block.type) {
    case 'heading':
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
    case 'paragraph':
      return `<p>${inline(block.content)}</p>`;
    case 'text':
      return freeText(block.text);
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>\n${block.items.map((item) => `<li>${inline(item)}</li>`).join('\n')}\n</${tag}>`;
    }
    case 'table':
      return table(block);
    case 'code':
      return `<pre><code class="language-${block.language.replace(/[^\w-]/g, '')}">${escapeHtml(block.text.replace(/\n$/, ''))}</code></pre>`;
    case 'image':
      return isSafeImageSource(block.src)
        ? `<figure><img src="${escapeHtml(block.src)}" alt="${escapeHtml(block.alt)}"></figure>`
        : '';
  }
}

/** Print-friendly styles: readable on screen, no page break inside a table, figure or code block. */
const STYLE = `
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; margin: 0; }
main { max-width: 48rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.8rem; margin-bottom: 0.25rem; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin-top: 1.25rem; }
table { border-collapse: collapse; margin: 0.5rem 0; }
th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
pre { background: #f6f8fa; padding: 0.75rem; overflow-x: auto; white-space: pre-wrap; }
code { font: 0.9em ui-monospace, SFMono-Regular, Menlo, monospace; }
figure { margin: 1rem 0; }
img { max-width: 100%; }
@media print {
  main { margin: 0; max-width: none; }
  table, figure, pre { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}`;

/** A document as a whole HTML page with a title, inline styles and no script. */
export function toHtmlPage(title: string, blocks: readonly DocBlock[]): string {
  const body = blocks
    .map(renderBlock)
    .filter((s) => s !== '')
    .join('\n');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data: blob: https: http: 'self'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
