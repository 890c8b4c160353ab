import { marked } from 'marked';
import { micromark } from 'micromark';
import { describe, expect, it } from 'vitest';
import { doc } from './document';
import { escapeMarkdown, toMarkdown } from './markdown';

describe('escapeMarkdown', () => {
  it.each([
    ['plain words', 'plain words'],
    ['*bold* _em_', '\\*bold\\* \\_em\\_'],
    ['`code`', '\\`code\\`'],
    ['<script>alert(1)</script>', '\\<script\\>alert(1)\\</script\\>'],
    ['[link](x)', '\\[link\\](x)'],
    ['a | b', 'a \\| b'],
    ['R&D', 'R\\&D'],
    ['~~gone~~', '\\~\\~gone\\~\\~'],
    ['$5 and $10', '\\$5 and \\$10'],
    ['back\\slash', 'back\\\\slash'],
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['---', '\\---'],
    ['===', '\\==='],
    ['1. first', '1\\. first'],
    ['2) second', '2\\) second'],
    ['> quote', '\\> quote'],
    ['#hashtag', '#hashtag'],
    ['-1 ms', '-1 ms'],
    ['99.99%', '99.99%'],
    ['Node.js', 'Node.js'],
    ['two\nlines', 'two lines'],
    ['say "hi"', 'say &quot;hi&quot;'],
    ['"quoted" & "&quot;"', '&quot;quoted&quot; \\& &quot;\\&quot;&quot;'],
  ])('%j → %j', (input, output) => {
    expect(escapeMarkdown(input)).toBe(output);
  });
});

describe('hostile text in the report', () => {
  const hostile = 'x" onerror="alert(1)"](javascript:alert(1)) <img src=x onerror=alert(1)> [a]: http://evil';
  it('keeps an image alt text inside its brackets and out of any attribute', () => {
    const markdown = toMarkdown([doc.image('board.png', hostile)]);
    const alt = /^!\[(.*)\]\(board\.png\)\n$/.exec(markdown)?.[1];
    expect(alt).toBeDefined();
    // Nothing in the alt text is left unescaped that could end the brackets, a quoted attribute or start a tag.
    expect(alt!.replace(/\\./g, '')).not.toMatch(/["[\]<>]/);
  });
  // Two common renderers turn the report into HTML: the image must keep exactly its two attributes, alt holding the text.
  const decode = (text: string) =>
    text.replace(/&(quot|amp|lt|gt|#34|#39);/g, (_, name: string) =>
      name === 'quot' || name === '#34' ? '"' : name === 'amp' ? '&' : name === 'lt' ? '<' : name === 'gt' ? '>' : "'",
    );
  it.each([
    ['marked', (markdown: string) => marked.parse(markdown, { async: false })],
    ['micromark', (markdown: string) => micromark(markdown)],
  ])('keeps the alt text one attribute when %s renders it', (_, render) => {
    const html = render(toMarkdown([doc.image('board.png', hostile)]));
    const img = /<img src="board\.png" alt="([^"]*)"\s*\/?>/.exec(html);
    expect(img, html).not.toBeNull();
    expect(decode(img![1]!)).toBe(hostile);
  });
  it('escapes the same text in headings, paragraphs and tables', () => {
    for (const block of [doc.heading(2, hostile), doc.paragraph(hostile), doc.table([hostile], [[hostile]])]) {
      expect(toMarkdown([block]).replace(/\\./g, '')).not.toMatch(/["[\]<>]/);
    }
  });
});

describe('toMarkdown', () => {
  it.each([
    ['a heading', [doc.heading(2, 'Notes')], '## Notes\n'],
    [
      'styled spans',
      [doc.paragraph(doc.strong('Needs:'), ' search ', doc.emphasis('soon'), ' ', doc.inlineCode('x'))],
      '**Needs:** search _soon_ `x`\n',
    ],
    ['a code span holding backticks', [doc.paragraph(doc.inlineCode('a`b'))], '``a`b``\n'],
    ['a list', [doc.list([['a'], ['b']])], '- a\n- b\n'],
    ['an ordered list', [doc.list([['a'], ['b']], true)], '1. a\n2. b\n'],
    [
      'a table',
      [
        doc.table(
          ['Figure', 'Value'],
          [
            ['Peak', '1|2'],
            ['Empty', ''],
          ],
          ['left', 'right'],
        ),
      ],
      '| Figure | Value |\n| --- | ---: |\n| Peak | 1\\|2 |\n| Empty | |\n',
    ],
    [
      'free text',
      [doc.text('line one\nline *two*\n\nnext paragraph')],
      'line one\\\nline \\*two\\*\n\nnext paragraph\n',
    ],
    ['a code block', [doc.code('text', 'GET /x\n')], '```text\nGET /x\n```\n'],
    ['a code block holding a fence', [doc.code('text', 'a\n```\nb')], '````text\na\n```\nb\n````\n'],
    ['an image', [doc.image('board.png', 'The [design]')], '![The \\[design\\]](board.png)\n'],
    ['an image name with spaces', [doc.image('my board.png', 'x')], '![x](<my board.png>)\n'],
    ['an unsafe image is left out', [doc.image('javascript:alert(1)', 'x'), doc.paragraph('after')], 'after\n'],
    ['blocks separated by blank lines', [doc.heading(1, 'T'), doc.paragraph('p')], '# T\n\np\n'],
  ])('%s', (_name, blocks, markdown) => {
    expect(toMarkdown(blocks)).toBe(markdown);
  });
});
