import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { emptyBoard, type Board } from '../board/types';
import { reportZip } from './report-bundle';

const board: Board = {
  ...emptyBoard(),
  title: 'Zip',
  blocks: [{ id: 'a', kind: 'service', x: 0, y: 0, label: 'API' }],
};
/** The 8-byte PNG signature and a little more: the zip must keep these bytes as they are. */
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 250]);
const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>';

describe('reportZip', () => {
  it('holds report.md, diagram.png and diagram.svg, the Markdown pointing at the picture beside it', () => {
    const files = unzipSync(reportZip({ board }, { png, svg }, { privateNotes: 'private' }));
    expect(Object.keys(files).sort()).toEqual(['diagram.png', 'diagram.svg', 'report.md']);
    expect(files['diagram.png']).toEqual(png);
    expect(strFromU8(files['diagram.svg']!)).toBe(svg);
    const markdown = strFromU8(files['report.md']!);
    expect(markdown).toContain('![The design](diagram.png)');
    expect(markdown).not.toContain('base64');
    expect(markdown).toContain("## Interviewer's notes\n\nprivate");
  });

  it('is an archive the system unzip reads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archboard-zip-'));
    try {
      writeFileSync(join(dir, 'r.zip'), reportZip({ board }, { png, svg }));
      const python =
        'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip()); print(sorted(z.namelist()))';
      expect(execFileSync('python3', ['-c', python, join(dir, 'r.zip')], { encoding: 'utf8' })).toBe(
        "None\n['diagram.png', 'diagram.svg', 'report.md']\n",
      );
      expect(readFileSync(join(dir, 'r.zip')).subarray(0, 2).toString()).toBe('PK');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('points the Markdown at diagram.svg when there is no PNG', () => {
    const files = unzipSync(reportZip({ board }, { svg }));
    expect(Object.keys(files).sort()).toEqual(['diagram.svg', 'report.md']);
    expect(strFromU8(files['report.md']!)).toContain('![The design](diagram.svg)');
  });

  it('holds the Markdown alone when there is no picture', () => {
    const files = unzipSync(reportZip({ board: emptyBoard() }, null));
    expect(Object.keys(files)).toEqual(['report.md']);
    expect(strFromU8(files['report.md']!)).toContain('The board is empty.');
  });
});
