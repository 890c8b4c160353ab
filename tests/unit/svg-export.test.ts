/**
 * The native SVG export (src/export/svg.ts): every template's reference design
 * renders through rsvg-convert (Debian's librsvg2-bin, which `npm test`
 * installs) to a picture that is not blank, and the SVG's text is the boards'
 * labels; a 15-block board stays under 100 KB; hostile labels keep the file
 * well-formed; the icon paths match the lucide-react installed.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { drawnAs, kindDrawnAs, kindInfo, PALETTE_KINDS } from '../../src/board/catalog';
import { parseBoardJson } from '../../src/board/format';
import { protocolInfo } from '../../src/board/protocols';
import type { Block, Board } from '../../src/board/types';
import { boardToSvg } from '../../src/export/svg';
import { ICON_PATHS } from '../../src/export/svg-icons';
import { iconPathsSource } from '../../scripts/icon-paths';
import { decodePng, luminanceVariance, transparentShare } from '../helpers/png';

const TEMPLATES = join(import.meta.dirname, '../../templates');

function referenceBoards(): { name: string; board: Board }[] {
  return readdirSync(TEMPLATES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const t = parseBoardJson(readFileSync(join(TEMPLATES, f), 'utf8'), f);
      const ref = t.template!.reference;
      return { name: f, board: { ...t, blocks: ref.blocks, links: ref.links } };
    });
}

function rasterise(svg: string): Buffer {
  return execFileSync('rsvg-convert', ['--format', 'png'], { input: svg, maxBuffer: 64 * 1024 * 1024 });
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The content of every <text> element, its lines (tspans) joined by spaces. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) =>
    unescape(m[1]!.replace(/<\/tspan><tspan[^>]*>/g, ' ').replace(/<[^>]+>/g, '')),
  );
}

/** The texts inside one block's group. */
function blockTexts(svg: string, id: string): string[] {
  const start = svg.indexOf(`<g data-block-id="${id}">`);
  if (start === -1) return [];
  const end = svg.indexOf('</g>', start);
  return svgTexts(svg.slice(start, end + 4));
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** What a block shows as its text, as the canvas shows it. */
function shownText(b: Block): string | undefined {
  const drawn = drawnAs(b.kind);
  if (drawn === 'note') return b.notes;
  if (drawn === 'sketch' || drawn === 'arrow') return undefined;
  if (drawn === 'card' || drawn === 'frame') return b.label || kindInfo(b.kind).label;
  return b.label;
}

describe('SVG export', () => {
  const boards = referenceBoards();

  it('finds the templates', () => expect(boards.length).toBeGreaterThanOrEqual(12));

  it.each(boards.map((b) => [b.name, b.board] as const))(
    '%s: the reference design renders through rsvg-convert, and its text is the labels',
    (_name, board) => {
      const svg = boardToSvg(board);
      expect(XMLValidator.validate(svg)).toBe(true);
      const pixels = decodePng(rasterise(svg));
      expect(pixels.width).toBeGreaterThan(200);
      expect(transparentShare(pixels)).toBe(0); // the background covers the whole picture
      expect(luminanceVariance(pixels)).toBeGreaterThan(50);
      for (const block of board.blocks) {
        const text = shownText(block);
        if (!text) continue;
        expect(blockTexts(svg, block.id).map(squash), block.id).toContain(squash(text));
      }
      const texts = svgTexts(svg).map(squash);
      for (const link of board.links) {
        const text = link.label || protocolInfo(link.protocol)?.label || link.protocol;
        if (text)
          expect(
            texts.some((t) => t.endsWith(squash(text))),
            link.id,
          ).toBe(true);
      }
    },
  );

  it('keeps a 15-block board under 100 KB', () => {
    const blocks: Block[] = PALETTE_KINDS.slice(0, 15).map((e, i) => ({
      id: `b${i}`,
      kind: e.kind,
      x: (i % 5) * 240,
      y: Math.floor(i / 5) * 160,
      label: `${e.label} with a longer label to wrap`,
      tech: 'Some technology',
      replicas: 3,
      managed: i % 2 === 0,
    }));
    const links = blocks.slice(1).map((b, i) => ({ id: `l${i}`, from: `b${i}`, to: b.id, label: 'reads and writes' }));
    const svg = boardToSvg({ format: 'archboard/v1', title: 'Fifteen', blocks, links });
    expect(blocks).toHaveLength(15);
    expect(Buffer.byteLength(svg)).toBeLessThan(100 * 1024);
    expect(luminanceVariance(decodePng(rasterise(svg)))).toBeGreaterThan(50);
  });

  it('draws groups, notes and the drawing kinds, and keeps hostile text well-formed', () => {
    const hostile = `<script>alert("x")</script> & ' \u0000\u001b ]]> \ud800 R&D`;
    const board: Board = {
      format: 'archboard/v1',
      title: hostile,
      blocks: [
        { id: 'g', kind: kindDrawnAs('frame'), x: 0, y: 0, width: 500, height: 300, label: 'Region <eu>' },
        { id: 'c', kind: PALETTE_KINDS[0]!.kind, x: 40, y: 60, parent: 'g', label: hostile },
        { id: 'n', kind: kindDrawnAs('note'), x: 600, y: 0, notes: 'Line one\nLine "two" & <three>' },
        { id: 't', kind: kindDrawnAs('text'), x: 0, y: -60, label: 'Write path', fontSize: 24, color: '#e11d48' },
        { id: 's', kind: kindDrawnAs('shape'), shape: 'diamond', x: 300, y: 400, label: 'Cache hit?' },
        { id: 'e', kind: kindDrawnAs('shape'), shape: 'ellipse', x: 520, y: 400, label: 'Done' },
        { id: 'k', kind: kindDrawnAs('sketch'), x: 40, y: 500, points: [0, 0, 30, 10, 80, 40], color: '#0ea5e9' },
        {
          id: 'p',
          kind: kindDrawnAs('sketch'),
          x: 40,
          y: 560,
          points: [0, 0, 30, 10, 80, 40],
          pressures: [0.2, 0.8, 1],
        },
        {
          id: 'a',
          kind: kindDrawnAs('arrow'),
          x: 0,
          y: 0,
          points: [0, 0, 300, 420],
          heads: 'both',
          fromBlock: 'c',
          toBlock: 's',
        },
        { id: 'b', kind: kindDrawnAs('arrow'), x: 0, y: 0, points: [600, 200, 560, 420], route: 'elbow' },
      ],
      links: [{ id: 'l', from: 's', to: 'e', label: '<yes> & "no"' }],
    };
    const svg = boardToSvg(board);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain('<script');
    expect(svgTexts(svg)).toContain('Region <eu>');
    expect(svgTexts(svg)).toContain('Line one Line "two" & <three>');
    expect(blockTexts(svg, 'k')).toEqual([]);
    expect(svg).toMatch(/<g data-block-id="k"><path d="M/);
    expect(svg).toMatch(/<g data-block-id="a"><path d="M[^"]+"[^>]*\/><path d="M[^"]+ Z"[^>]*\/><path d="M[^"]+ Z"/);
    expect(luminanceVariance(decodePng(rasterise(svg)))).toBeGreaterThan(50);
  });

  it('has the icon paths of the lucide-react installed (npx tsx scripts/icon-paths.ts rewrites them)', async () => {
    const file = readFileSync(join(import.meta.dirname, '../../src/export/svg-icons.ts'), 'utf8');
    expect(file).toBe(await iconPathsSource());
    for (const entry of PALETTE_KINDS) expect(ICON_PATHS[entry.icon], entry.icon).toMatch(/^M/);
  });
});
