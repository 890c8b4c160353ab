import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLOCK_FIELD_TYPES, BoardFormatError, LINK_FIELD_TYPES, parseBoardJson, readBoard, writeBoard } from './format';

const examplesDir = join(__dirname, '../../examples');
const exampleFiles = readdirSync(examplesDir).filter((f) => f.endsWith('.json'));

function expectIssue(input: unknown, path: string, message: RegExp) {
  try {
    readBoard(input);
  } catch (err) {
    expect(err).toBeInstanceOf(BoardFormatError);
    const issues = (err as BoardFormatError).issues;
    expect(
      issues.some((i) => i.path === path && message.test(i.message)),
      JSON.stringify(issues),
    ).toBe(true);
    expect((err as Error).message).toContain(path);
    return;
  }
  throw new Error('expected the board to be rejected');
}

const minimal = () => ({
  format: 'archboard/v1',
  blocks: [
    { id: 'a', kind: 'client', x: 0, y: 0 },
    { id: 'b', kind: 'service', x: 0, y: 100 },
  ],
  links: [{ id: 'l', from: 'a', to: 'b' }],
});

describe('board format v1', () => {
  it('finds the shared examples', () => expect(exampleFiles.length).toBeGreaterThanOrEqual(2));

  it.each(exampleFiles)('round-trips %s: read, write, read gives the same board', (file) => {
    const text = readFileSync(join(examplesDir, file), 'utf8');
    const first = parseBoardJson(text, file);
    const second = parseBoardJson(writeBoard(first), file);
    expect(second).toEqual(first);
    expect(first).toEqual(JSON.parse(text));
  });

  it('keeps fields it does not know', () => {
    const board = { ...minimal(), futureField: { a: 1 } };
    (board.blocks[0] as Record<string, unknown>).glow = 'round';
    const read = readBoard(board);
    expect(read.futureField).toEqual({ a: 1 });
    expect(read.blocks[0]!.glow).toBe('round');
  });

  it('defaults missing links to none', () => {
    const { links: _l, ...noLinks } = minimal();
    expect(readBoard(noLinks).links).toEqual([]);
  });

  it('rejects text that is not JSON, naming the file', () => {
    expect(() => parseBoardJson('{"format": ', 'broken.json')).toThrow(/broken\.json.*not JSON/);
  });

  it('rejects a wrong format tag', () =>
    expectIssue({ ...minimal(), format: 'excalidraw' }, 'format', /archboard\/v1/));

  it('rejects a position that is not a number', () => {
    const board = minimal();
    (board.blocks[1] as Record<string, unknown>).x = '12';
    expectIssue(board, 'blocks[1].x', /expected number/);
  });

  it('rejects an unknown kind', () => {
    const board = minimal();
    board.blocks[0]!.kind = 'mainframe';
    expectIssue(board, 'blocks[0].kind', /unknown kind/);
  });

  it('rejects replicas below one', () => {
    const board = minimal();
    (board.blocks[1] as Record<string, unknown>).replicas = 0;
    expectIssue(board, 'blocks[1].replicas', /.+/);
  });

  it('rejects a link to a block that does not exist', () => {
    const board = minimal();
    board.links[0]!.to = 'ghost';
    expectIssue(board, 'links[0].to', /no block with id "ghost"/);
  });

  it('rejects duplicate block ids', () => {
    const board = minimal();
    board.blocks[1]!.id = 'a';
    expectIssue(board, 'blocks[1].id', /duplicate block id/);
  });

  it('rejects a parent that is not a group, and a cycle of groups', () => {
    const board = minimal();
    (board.blocks[1] as Record<string, unknown>).parent = 'a';
    expectIssue(board, 'blocks[1].parent', /not a group/);
    const cyclic = {
      format: 'archboard/v1',
      blocks: [
        { id: 'g1', kind: 'group', x: 0, y: 0, parent: 'g2' },
        { id: 'g2', kind: 'group', x: 0, y: 0, parent: 'g1' },
      ],
      links: [],
    };
    expectIssue(cyclic, 'blocks[0].parent', /cycle/);
  });

  it('rejects a bad consistency value with its path', () => {
    expectIssue({ ...minimal(), requirements: { consistency: 'sometimes' } }, 'requirements.consistency', /.+/);
  });

  it('rejects something that is not an object', () => {
    expect(() => readBoard(null)).toThrow(BoardFormatError);
    expect(() => readBoard([1, 2])).toThrow(BoardFormatError);
  });
});

describe('nesting depth and field types of a hostile file', () => {
  it('refuses a board whose unknown fields nest 5,000 levels deep, before walking them', () => {
    // Written as text: JSON.stringify itself would overflow the stack on such a value.
    const deep = '{"a":'.repeat(5_000) + '{}' + '}'.repeat(5_000);
    const file = `{"format":"archboard/v1","blocks":[],"links":[],"extra":${deep}}`;
    expect(() => parseBoardJson(file)).toThrow(/nest more than 32 levels/);
  });

  it('keeps unknown fields of ordinary depth', () => {
    const board = readBoard({ format: 'archboard/v1', blocks: [], links: [], extra: { a: { b: [1, { c: 2 }] } } });
    expect(board.extra).toEqual({ a: { b: [1, { c: 2 }] } });
  });

  it('reads the known field types from the schemas', () => {
    expect(BLOCK_FIELD_TYPES).toMatchObject({ id: 'string', kind: 'string', label: 'string', x: 'number' });
    expect(BLOCK_FIELD_TYPES).toMatchObject({ managed: 'boolean', replicas: 'number' });
    expect(LINK_FIELD_TYPES).toMatchObject({ from: 'string', to: 'string', async: 'boolean' });
  });
});
