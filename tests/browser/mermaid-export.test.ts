/**
 * The Mermaid export read by the real Mermaid (the `mermaid` package, in
 * headless Chromium): every template's starter and reference design, and a
 * board of hostile labels, parse and render, and the text Mermaid draws in
 * each node and on each link is the board's label, character for character
 * (no raw escapes, no icons, no lost line breaks).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { kindInfo } from '../../src/board/catalog';
import { parseBoardJson } from '../../src/board/format';
import { protocolInfo } from '../../src/board/protocols';
import type { Block, Board, Link } from '../../src/board/types';
import { boardToMermaid } from '../../src/export/mermaid';
import { useServerAndBrowser } from '../helpers/browser-suite';

const suite = useServerAndBrowser();
const mermaidScript = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');
const templates = join(import.meta.dirname, '../../templates');

interface Drawn {
  nodes: string[];
  edges: string[];
}

/** A page with Mermaid loaded, rendering with HTML labels as the sites that show Markdown do. */
async function mermaidPage(): Promise<Page> {
  const context = await suite.newContext();
  const page = await context.newPage();
  await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
  await page.addScriptTag({ path: mermaidScript });
  await page.evaluate(() => {
    (window as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
    });
  });
  return page;
}

/** Renders Mermaid text in the page; the text of each node label and edge label drawn. */
async function render(page: Page, text: string, id: string): Promise<Drawn> {
  return page.evaluate(
    async ([source, name]) => {
      const m = (window as unknown as { mermaid: { render(id: string, t: string): Promise<{ svg: string }> } }).mermaid;
      const { svg } = await m.render(name, source);
      const out = document.getElementById('out')!;
      out.innerHTML = svg;
      // A <br> is a line break: read it as a newline, as a person reads the label.
      const read = (el: Element) => {
        const copy = el.cloneNode(true) as Element;
        copy.querySelectorAll('br').forEach((br) => br.replaceWith('\n'));
        return (copy.textContent ?? '').trim();
      };
      const nodes = [...out.querySelectorAll('g.node')].map((n) => read(n.querySelector('.nodeLabel') ?? n));
      const edges = [...out.querySelectorAll('g.edgeLabel')].map(read).filter((t) => t !== '');
      return { nodes, edges };
    },
    [text, id] as const,
  );
}

/** What a block should read as in Mermaid: its label (or its kind's) and its technology, one a line. */
function expectedNode(b: Block): string {
  const entry = kindInfo(b.kind);
  if (entry.mermaidShape === 'note') return (b.notes ?? b.label ?? entry.label).trim();
  const title = b.label?.trim() || entry.label;
  const lines = b.tech?.trim() ? [title, b.tech.trim()] : [title];
  return lines.join('\n').replace(/\\n/g, '\n');
}

function expectedEdge(l: Link): string | undefined {
  return l.label?.trim() || (l.protocol ? (protocolInfo(l.protocol)?.label ?? l.protocol) : undefined);
}

const sorted = (xs: string[]) => [...xs].sort();

function check(board: Pick<Board, 'blocks' | 'links'>, drawn: Drawn) {
  const shown = board.blocks.filter((b) => !['subgraph', 'none'].includes(kindInfo(b.kind).mermaidShape));
  expect(sorted(drawn.nodes)).toEqual(sorted(shown.map(expectedNode)));
  const ids = new Set(shown.map((b) => b.id));
  const edges = board.links.filter((l) => ids.has(l.from) && ids.has(l.to)).map(expectedEdge);
  expect(sorted(drawn.edges)).toEqual(sorted(edges.filter((e): e is string => e !== undefined)));
}

const boards = readdirSync(templates)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => {
    const t = parseBoardJson(readFileSync(join(templates, f), 'utf8'), f);
    return [
      [`${f} starter`, { blocks: t.blocks, links: t.links }],
      [`${f} reference`, { blocks: t.template!.reference.blocks, links: t.template!.reference.links }],
    ] as const;
  });

describe('the Mermaid export in the real Mermaid', () => {
  it('renders every template, and the drawn text is the labels', async () => {
    const page = await mermaidPage();
    expect(boards.length).toBeGreaterThanOrEqual(24);
    let n = 0;
    for (const [name, board] of boards) {
      const drawn = await render(page, boardToMermaid(board), `t${n++}`);
      try {
        check(board, drawn);
      } catch (err) {
        throw new Error(`${name}: ${(err as Error).message}`, { cause: err });
      }
    }
  });

  it('draws hostile labels as text, exactly', async () => {
    const page = await mermaidPage();
    const service = (id: string, label: string, extra: Partial<Block> = {}): Block => ({
      id,
      kind: 'service',
      x: 0,
      y: 0,
      label,
      ...extra,
    });
    const board = {
      blocks: [
        service('a', 'Lifestyle:R&D'),
        service('styles', 'CSS: a&b #1;'),
        service('style', 'style'),
        service('c', 'classDef x:R&D "q"'),
        service('d', 'Line one\\nLine two'),
        service('e', 'Car fa:fa-car'),
        service('f', '<b>bold</b> & <script>x</script>'),
        service('g', 'end'),
        service('h', 'a|b %% c `d` [e] {f} (g) \\ h', { tech: 'Node.js & "Go"' }),
        service('i', 'graph TD; A-->B'),
      ],
      links: [
        { id: 'l1', from: 'a', to: 'styles', label: 'style:x&y' },
        { id: 'l2', from: 'styles', to: 'c', label: '|pipe| & "quote"' },
        { id: 'l3', from: 'c', to: 'e', label: 'fa:fa-bolt' },
      ],
    };
    check(board, await render(page, boardToMermaid(board), 'hostile'));
  });
});
