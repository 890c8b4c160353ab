import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBoardJson } from '../board/format';
import type { Block, Link } from '../board/types';
import { boardToMermaid, mermaidLimitWarnings, mermaidText } from './mermaid';

const examples = join(import.meta.dirname, '../../examples');
const readExample = (name: string) => parseBoardJson(readFileSync(join(examples, name), 'utf8'), name);

const block = (id: string, kind: string, extra: Partial<Block> = {}): Block => ({ id, kind, x: 0, y: 0, ...extra });
const link = (from: string, to: string, extra: Partial<Link> = {}): Link => ({
  id: `${from}-${to}`,
  from,
  to,
  ...extra,
});
/** Mermaid text without the comments that carry the kinds back to an import (tested on their own). */
const withoutKinds = (text: string) => text.replace(/^ {2}%% archboard-kinds .*\n/gm, '');
/** The lines of a board's Mermaid text after the header, trimmed. */
const body = (blocks: Block[], links: Link[] = []) =>
  withoutKinds(boardToMermaid({ blocks, links }))
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((l) => l.trim());

describe('boardToMermaid on the examples', () => {
  it('draws the URL shortener: shapes from the catalog, tech on a second line, async links dotted', () => {
    expect(withoutKinds(boardToMermaid(readExample('url-shortener.json')))).toBe(
      [
        'flowchart TD',
        '  n_client(["Browser"])',
        '  n_dns(("DNS"))',
        '  n_lb{{"Load balancer"}}',
        '  n_app("Shortener API<br/>Node.js")',
        '  n_cache[("Hot links<br/>Redis")]',
        '  n_db[("Links<br/>Cassandra")]',
        '  n_q[["Click events<br/>Kafka"]]',
        '  n_an[("Click analytics<br/>ClickHouse")]',
        '  n_mon("Metrics #38; alerts<br/>Prometheus")',
        '  n_client -->|"resolve"| n_dns',
        '  n_client -->|"HTTPS"| n_lb',
        '  n_lb -->|"HTTP"| n_app',
        '  n_app -->|"read-through"| n_cache',
        '  n_app -->|"Query"| n_db',
        '  n_app -.->|"click"| n_q',
        '  n_q -.->|"Event"| n_an',
        '',
      ].join('\n'),
    );
  });

  it("writes each node's kind in a comment, eight to a line, so an import gets them back", () => {
    const kinds = boardToMermaid(readExample('url-shortener.json'))
      .split('\n')
      .filter((l) => l.startsWith('  %% archboard-kinds '));
    expect(kinds).toEqual([
      '  %% archboard-kinds n_client=client n_dns=dns n_lb=load-balancer n_app=service n_cache=cache n_db=nosql-db n_q=queue n_an=analytics',
      '  %% archboard-kinds n_mon=monitoring',
    ]);
  });

  it('draws the draft with every block and link', () => {
    const text = boardToMermaid(readExample('url-shortener-draft.json'));
    expect(text.split('\n').filter((l) => /^ {2}n_\w+[([{>]/.test(l))).toHaveLength(4);
    expect(text).toContain('n_client -->|"HTTP"| n_app');
    expect(text).toContain('n_cache[("Cache")]');
  });
});

describe('mermaidText', () => {
  it.each([
    ['plain text', 'plain text'],
    ['say "hi"', 'say #quot;hi#quot;'],
    ['<script>alert(1)</script>', '#60;script#62;alert(1)#60;/script#62;'],
    ['#1; is not an entity', '#35;1; is not an entity'],
    ['R&D', 'R#38;D'],
    ['a|b', 'a#124;b'],
    ['`md`', '#96;md#96;'],
    ['%% comment', '#37;#37; comment'],
    ['back\\slash', 'back#92;slash'],
    ['two\nlines', 'two<br/>lines'],
    ['crlf\r\nline', 'crlf<br/>line'],
    ['tab\there', 'tab here'],
    ['[brackets] (parens) {braces} end', '[brackets] (parens) {braces} end'],
    ['ünïcødé ✓', 'ünïcødé ✓'],
  ])('%j → %j', (input, output) => {
    expect(mermaidText(input)).toBe(output);
  });
});

describe('boardToMermaid', () => {
  it.each([
    ['client', 'n_a(["Client"])'],
    ['service', 'n_a("Service")'],
    ['sql-db', 'n_a[("Relational DB")]'],
    ['load-balancer', 'n_a{{"Load balancer"}}'],
    ['queue', 'n_a[["Queue"]]'],
    ['dns', 'n_a(("DNS"))'],
    ['mystery-kind', 'n_a["mystery-kind"]'],
  ])('shapes a %s by its catalog entry', (kind, line) => {
    expect(body([block('a', kind)])).toEqual([line]);
  });

  it('nests groups as subgraphs, children inside their group', () => {
    expect(
      body([
        block('region', 'group', { label: 'us-east-1' }),
        block('az', 'group', { label: 'AZ a', parent: 'region' }),
        block('app', 'service', { parent: 'az' }),
        block('db', 'sql-db', { parent: 'region' }),
        block('client', 'client'),
      ]),
    ).toEqual([
      'subgraph n_region ["us-east-1"]',
      'subgraph n_az ["AZ a"]',
      'n_app("Service")',
      'end',
      'n_db[("Relational DB")]',
      'end',
      'n_client(["Client"])',
    ]);
  });

  it('indents by depth', () => {
    const text = boardToMermaid({ blocks: [block('g', 'group'), block('a', 'service', { parent: 'g' })], links: [] });
    expect(text).toContain('\n  subgraph n_g ["Group"]\n    n_a("Service")\n  end\n');
  });

  it('keeps blocks whose parent is missing, not a group, or in a loop at the top level', () => {
    const lines = body([
      block('a', 'service', { parent: 'nowhere' }),
      block('b', 'service', { parent: 'a' }),
      block('g1', 'group', { parent: 'g2' }),
      block('g2', 'group', { parent: 'g1' }),
    ]);
    expect(lines).toEqual([
      'n_a("Service")',
      'n_b("Service")',
      'subgraph n_g1 ["Group"]',
      'end',
      'subgraph n_g2 ["Group"]',
      'end',
    ]);
  });

  it('draws sticky notes as note-styled flags with their text', () => {
    expect(body([block('n1', 'note', { notes: 'Assume 10:1\nreads "hot"' }), block('n2', 'note')])).toEqual([
      'n_n1>"Assume 10:1<br/>reads #quot;hot#quot;"]',
      'n_n2>"Note"]',
      'classDef note fill:#fff8c5,stroke:#d4a72c,color:#3b2f00',
      'class n_n1,n_n2 note',
    ]);
  });

  it.each<[string, Partial<Link>, string]>([
    ['a sync link with a label', { protocol: 'http', label: 'HTTPS' }, 'n_a -->|"HTTPS"| n_b'],
    ['a link named by its protocol', { protocol: 'grpc' }, 'n_a -->|"gRPC"| n_b'],
    ['an async protocol', { protocol: 'event' }, 'n_a -.->|"Event"| n_b'],
    ['an async flag on a sync protocol', { protocol: 'http', async: true }, 'n_a -.->|"HTTP"| n_b'],
    ['a free-text protocol', { protocol: 'AMQP 0-9-1' }, 'n_a -->|"AMQP 0-9-1"| n_b'],
    ['no label, no protocol', {}, 'n_a --> n_b'],
    ['a label with a pipe and quotes', { label: 'a|"b"' }, 'n_a -->|"a#124;#quot;b#quot;"| n_b'],
  ])('draws %s', (_name, extra, line) => {
    expect(body([block('a', 'service'), block('b', 'service')], [link('a', 'b', extra)]).at(-1)).toBe(line);
  });

  it('leaves out links to blocks that do not exist', () => {
    expect(body([block('a', 'service')], [link('a', 'ghost')])).toEqual(['n_a("Service")']);
  });

  it('makes ids safe and unique, and never a keyword or an edge letter', () => {
    const lines = body(
      [
        block('end', 'service'),
        block('o', 'service'),
        block('x', 'service'),
        block('a-b', 'service'),
        block('a_b', 'service'),
        block('größe 1', 'service'),
      ],
      [link('o', 'x'), link('a-b', 'a_b')],
    );
    expect(lines).toEqual([
      'n_end("Service")',
      'n_o("Service")',
      'n_x("Service")',
      'n_a_b("Service")',
      'n_a_b_2("Service")',
      'n_gr__e_1("Service")',
      'n_o --> n_x',
      'n_a_b --> n_a_b_2',
    ]);
  });

  it('uses the kind label when a block has none, and ignores blank labels and tech', () => {
    expect(body([block('a', 'cache', { label: '  ', tech: '' })])).toEqual(['n_a[("Cache")]']);
  });

  it('escapes every label, title and tech', () => {
    const nasty = '"]) --> x; <b>';
    const text = boardToMermaid({
      blocks: [
        block('g', 'group', { label: nasty }),
        block('a', 'service', { label: nasty, tech: nasty, parent: 'g' }),
      ],
      links: [link('a', 'g', { label: nasty })],
    });
    expect(text).not.toMatch(/<b>|"\]\)/);
    expect(text).toContain('#quot;]) --#62; x; #60;b#62;');
  });

  it('can flow left to right', () => {
    expect(boardToMermaid({ blocks: [], links: [] }, { direction: 'LR' })).toBe('flowchart LR\n');
  });
});

/** Mermaid's first pass (its encodeEntities), as Mermaid 11 and 12 write it: the cause of the raw escapes below. */
function firstPass(text: string): string {
  const cut = (s: string) => s.slice(0, -1);
  return text.replace(/style.*:\S*#.*;/g, cut).replace(/classDef.*:\S*#.*;/g, cut);
}
/** The entities of a text: what Mermaid decodes back into characters after its first pass. */
const entities = (text: string) => text.match(/#\w+;/g) ?? [];

describe('boardToMermaid and what Mermaid does to the text', () => {
  const service = (id: string, label: string) => block(id, 'service', { label });

  it('keeps every escape whole on lines where "style" or "classDef" comes before a colon', () => {
    const text = boardToMermaid({
      blocks: [
        service('a', 'Lifestyle:R&D'),
        service('stylesheet', 'CSS: a&b'),
        service('c', 'classDef style:R&D "q"'),
        service('plain', 'R&D'),
      ],
      links: [link('a', 'stylesheet', { label: 'style:x&y' })],
    });
    for (const line of text.split('\n')) expect(entities(firstPass(line)), line).toEqual(entities(line));
    // Without the guard the pass would have cut them: the test would fail on the old export.
    expect(firstPass('  n_a("Lifestyle:R#38;D")')).toBe('  n_a("Lifestyle:R#38D")');
    expect(text).toContain('  n_plain("R#38;D")\n'); // lines the pass leaves alone are unchanged
  });

  it('turns a literal \\n in a label into a line break', () => {
    expect(body([service('a', 'Line one\\nLine two')])).toEqual(['n_a("Line one<br/>Line two")']);
    expect(mermaidText('C:\\\\temp')).toBe('C:#92;#92;temp');
  });

  it('keeps fa:fa-… as text, not a Font Awesome icon', () => {
    const text = mermaidText('Car fa:fa-car and fab:fa-github');
    expect(text).toBe('Car fa#58;fa-car and fab#58;fa-github');
    expect(text).not.toMatch(/fa[a-z]?:fa-/);
    expect(mermaidText('sofa: a seat')).toBe('sofa: a seat');
  });
});

describe('mermaidLimitWarnings', () => {
  it("warns past Mermaid's default 500 edges and 50,000 characters, naming the setting", () => {
    const blocks = Array.from({ length: 502 }, (_, i) => block(`b${i}`, 'service'));
    const links = blocks.slice(1).map((b, i) => link(`b${i}`, b.id));
    const [edges] = mermaidLimitWarnings(boardToMermaid({ blocks, links }));
    expect(edges).toMatch(/^501 links: .*500 edges.*maxEdges/);
    const wordy = Array.from({ length: 60 }, (_, i) => block(`w${i}`, 'service', { label: 'x'.repeat(900) }));
    const warnings = mermaidLimitWarnings(boardToMermaid({ blocks: wordy, links: [] }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/characters: .*50,000.*maxTextSize/);
  });

  it('says nothing within the limits', () => {
    const blocks = Array.from({ length: 501 }, (_, i) => block(`b${i}`, 'service'));
    const links = blocks.slice(1).map((b, i) => link(`b${i}`, b.id));
    expect(mermaidLimitWarnings(boardToMermaid({ blocks, links }))).toEqual([]);
  });
});
