import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BoardFormatError } from '../format';
import { detectFormat, importDiagram, ImportError, importSummary } from './index';
import { frontMatter, mermaidBlocks } from './markdown';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../tests/fixtures/import', name), 'utf8');
const example = readFileSync(join(__dirname, '../../../examples/url-shortener.json'), 'utf8');

describe('importDiagram: one entry for every format', () => {
  it.each([
    ['every-construct.mmd', 'mermaid'],
    ['every-construct.excalidraw', 'excalidraw'],
    ['clipboard.excalidraw.json', 'excalidraw'],
    ['every-construct.drawio', 'drawio'],
    ['plain-model.xml', 'drawio'],
  ])('knows %s as %s by its content', (name, format) => {
    expect(detectFormat(fixture(name))).toBe(format);
    expect(importDiagram(fixture(name), name).report.format).toBe(format);
  });

  it('reads its own boards unchanged', () => {
    const { board, report } = importDiagram(example, 'url-shortener.json');
    expect(report.format).toBe('archboard');
    expect(board.blocks.length).toBe(report.blocks);
    expect(() => importDiagram('{"format":"archboard/v1","blocks":[{"id":"a"}]}', 'bad.json')).toThrow(
      BoardFormatError,
    );
  });

  it('reads the first flowchart of Markdown, and draw.io XML as the clipboard carries it (URL-encoded)', () => {
    const md =
      'Intro\n\n```mermaid\nsequenceDiagram\n  A->>B: x\n```\n\n```mermaid\nflowchart LR\n  a[Redis] --> b[Kafka]\n```\n';
    expect(detectFormat(md, 'design.md')).toBe('markdown');
    expect(importSummary(importDiagram(md, 'design.md').report)).toBe(
      '2 blocks, 2 recognised, 0 kept as shapes; 1 link',
    );
    const encoded = encodeURIComponent(fixture('plain-model.xml'));
    expect(importDiagram(encoded).report.format).toBe('drawio');
  });

  it('says which formats it reads for anything else', () => {
    expect(() => importDiagram('just some words', 'notes.txt')).toThrow(ImportError);
    expect(() => importDiagram('just some words', 'notes.txt')).toThrow(/notes.txt is not a format Archboard imports/);
  });

  it('says an Excalidraw file cut short is broken JSON, by its name or by its content', () => {
    const cut = '{"type":"excalidraw","version":2,"elements":[{"id":"a","type":"rect';
    expect(() => importDiagram(cut, 'design.excalidraw')).toThrow(ImportError);
    expect(() => importDiagram(cut, 'design.excalidraw')).toThrow(
      /design.excalidraw is not valid JSON, perhaps cut short/,
    );
    expect(() => importDiagram(cut, 'download')).toThrow(/download is not valid JSON, perhaps cut short/);
  });
});

describe('Markdown flowcharts', () => {
  it('finds every flowchart block with the line it starts on, skipping other diagrams', () => {
    const md = [
      '# Design',
      '',
      '```mermaid',
      'flowchart TD',
      '  a --> b',
      '```',
      '',
      '~~~mermaid',
      'pie',
      '~~~',
      '```mermaid',
      'graph LR',
      '  c --> d',
      '```',
    ].join('\n');
    expect(mermaidBlocks(md)).toEqual([
      { line: 4, source: 'flowchart TD\n  a --> b' },
      { line: 12, source: 'graph LR\n  c --> d' },
    ]);
  });

  it('reads YAML front matter', () => {
    expect(frontMatter('---\nrequirements:\n  availability: 99.9\n---\n# x')).toEqual({
      requirements: { availability: 99.9 },
    });
    expect(frontMatter('# no front matter')).toBeUndefined();
  });
});
