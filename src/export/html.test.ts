import { describe, expect, it } from 'vitest';
import { doc } from './document';
import { escapeHtml, toHtmlPage } from './html';

describe('escapeHtml', () => {
  it.each([
    ['plain', 'plain'],
    ['<script>', '&lt;script&gt;'],
    ['a & b', 'a &amp; b'],
    [`"quoted" 'single'`, '&quot;quoted&quot; &#39;single&#39;'],
  ])('%j → %j', (input, output) => expect(escapeHtml(input)).toBe(output));
});

describe('toHtmlPage', () => {
  const body = (...blocks: Parameters<typeof toHtmlPage>[1]) => {
    const page = toHtmlPage('T', blocks);
    return page.slice(page.indexOf('<main>') + 7, page.indexOf('</main>') - 1);
  };

  it.each([
    ['a heading', [doc.heading(2, 'A <b>')], '<h2>A &lt;b&gt;</h2>'],
    [
      'styled spans',
      [doc.paragraph(doc.strong('x'), ' ', doc.emphasis('y'), ' ', doc.inlineCode('<z>'))],
      '<p><strong>x</strong> <em>y</em> <code>&lt;z&gt;</code></p>',
    ],
    ['free text', [doc.text('one\ntwo\n\nthree')], '<p>one<br>two</p>\n<p>three</p>'],
    ['a list', [doc.list([['a'], ['b']], true)], '<ol>\n<li>a</li>\n<li>b</li>\n</ol>'],
    [
      'a table',
      [doc.table(['Figure', 'Value'], [['Peak', '<1>']], ['left', 'right'])],
      '<table>\n<thead><tr><th>Figure</th><th class="num">Value</th></tr></thead>\n<tbody>\n<tr><td>Peak</td><td class="num">&lt;1&gt;</td></tr>\n</tbody>\n</table>',
    ],
    ['a code block', [doc.code('mermaid', 'a --> b\n')], '<pre><code class="language-mermaid">a --&gt; b</code></pre>'],
    [
      'an image',
      [doc.image('data:image/png;base64,iVBORw0KGgo=', 'The "design"')],
      '<figure><img src="data:image/png;base64,iVBORw0KGgo=" alt="The &quot;design&quot;"></figure>',
    ],
    ['an unsafe image is left out', [doc.image('javascript:alert(1)', 'x')], ''],
  ])('%s', (_name, blocks, html) => {
    expect(body(...blocks)).toBe(html);
  });

  it('is a whole page with an escaped title, no script and a policy that forbids one', () => {
    const page = toHtmlPage('<Design> & more', [doc.paragraph('x')]);
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('<title>&lt;Design&gt; &amp; more</title>');
    expect(page).toContain(`content="default-src 'none';`);
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('@media print');
  });
});
