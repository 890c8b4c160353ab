import { describe, expect, it } from 'vitest';
import type { Block, Link } from './types';
import { BLOCK_FIELD_TYPES, LINK_FIELD_TYPES } from './format';
import {
  checkReferences,
  readBlock,
  readLink,
  readNotes,
  readOptionalObject,
  readOptionalString,
  readRequirements,
  readSettings,
} from './sanitize';
import { kindDrawnAs } from './catalog';

/** A warn that collects "where: problem". */
function collector() {
  const seen: string[] = [];
  return { seen, warn: (where: string, problem: string) => seen.push(`${where}: ${problem}`) };
}

const KIND = kindDrawnAs('card');
const WRONG: Record<string, unknown> = { string: 42, number: 'x', boolean: 'yes' };

describe('readBlock', () => {
  it('keeps a good block as it is, unknown fields included', () => {
    const { seen, warn } = collector();
    const raw = { id: 'a', kind: KIND, x: 1, y: 2, label: 'API', replicas: 3, future: { any: 'thing' } };
    expect(readBlock(raw, 'a', warn)).toEqual(raw);
    expect(seen).toEqual([]);
  });

  it('drops each known field of the wrong type, once reported, and keeps the rest', () => {
    const { seen, warn } = collector();
    const block = readBlock({ id: 'a', kind: KIND, x: 1, y: 2, label: { evil: true }, tech: 'Go' }, 'a', warn);
    expect(block).toEqual({ id: 'a', kind: KIND, x: 1, y: 2, tech: 'Go' });
    expect(seen).toEqual(['block a.label: is an object']);
  });

  it('checks every field the file format types, so the server and the store cannot disagree', () => {
    for (const [field, type] of Object.entries(BLOCK_FIELD_TYPES)) {
      if (field === 'id' || field === 'kind' || field === 'x' || field === 'y') continue;
      const { seen, warn } = collector();
      const block = readBlock({ id: 'a', kind: KIND, x: 0, y: 0, [field]: WRONG[type] }, 'a', warn);
      expect(block, field).not.toHaveProperty(field);
      expect(seen, field).toHaveLength(1);
    }
  });

  it('checks the drawing fields that are lists and choices', () => {
    const { seen, warn } = collector();
    const block = readBlock(
      {
        id: 's',
        kind: KIND,
        x: 0,
        y: 0,
        points: [0, 0, 1],
        pressures: 'evil',
        shape: 'star',
        heads: { evil: true },
        route: 'curvy',
      },
      's',
      warn,
    );
    expect(block).toEqual({ id: 's', kind: KIND, x: 0, y: 0 });
    expect(seen).toHaveLength(5);
    expect(readBlock({ id: 's', kind: KIND, x: 0, y: 0, points: [0, 0, 4, 4] }, 's', warn)?.points).toEqual([
      0, 0, 4, 4,
    ]);
  });

  it('leaves out what cannot be drawn: no object, an unknown kind; a position that is no number reads as 0', () => {
    const { seen, warn } = collector();
    expect(readBlock('evil', 'a', warn)).toBeNull();
    expect(readBlock({ id: 'a', kind: 'no-such-kind', x: 0, y: 0 }, 'a', warn)).toBeNull();
    expect(readBlock({ id: 'a', kind: 42, x: 0, y: 0 }, 'a', warn)).toBeNull();
    expect(readBlock({ id: 'b', kind: KIND, x: 'left' }, 'a', warn)).toMatchObject({ id: 'a', x: 0, y: 0 });
    expect(seen).toEqual([
      'block a: is a string, not a block',
      'block a.kind: "no-such-kind" is no known kind',
      'block a.kind: is a number',
      'block a.id: does not match its key',
      'block a.x: is a string',
    ]);
  });
});

describe('readLink', () => {
  it('needs both ends as text and checks the typed fields', () => {
    const { seen, warn } = collector();
    expect(readLink({ id: 'l', from: 'a' }, 'l', warn)).toBeNull();
    expect(readLink({ id: 'l', from: 'a', to: 'b', async: 'yes', label: 'reads' }, 'l', warn)).toEqual({
      id: 'l',
      from: 'a',
      to: 'b',
      label: 'reads',
    });
    expect(seen).toEqual(['link l: has no string `from` and `to`', 'link l.async: is a string']);
  });

  it('checks every field the file format types', () => {
    for (const [field, type] of Object.entries(LINK_FIELD_TYPES)) {
      if (field === 'id' || field === 'from' || field === 'to') continue;
      const { seen, warn } = collector();
      expect(readLink({ id: 'l', from: 'a', to: 'b', [field]: WRONG[type] }, 'l', warn), field).not.toHaveProperty(
        field,
      );
      expect(seen, field).toHaveLength(1);
    }
  });
});

describe('checkReferences', () => {
  const frame = kindDrawnAs('frame');
  const block = (id: string, extra: Partial<Block> = {}): [string, Block] => [
    id,
    { id, kind: KIND, x: 0, y: 0, ...extra },
  ];
  const frameBlock = (id: string, parent?: string): [string, Block] => [
    id,
    { id, kind: frame, x: 0, y: 0, ...(parent ? { parent } : {}) },
  ];
  const link = (id: string, from: string, to: string): [string, Link] => [id, { id, from, to }];

  it('finds parents that are missing, no group or in a cycle, and links with a missing end', () => {
    const { seen, warn } = collector();
    const blocks = new Map([
      frameBlock('g1'),
      block('inG1', { parent: 'g1' }),
      block('lost', { parent: 'gone' }),
      block('inCard', { parent: 'inG1' }),
      frameBlock('c1', 'c2'),
      frameBlock('c2', 'c1'),
      block('inCycle', { parent: 'c1' }),
    ]);
    const links = new Map([link('ok', 'inG1', 'lost'), link('dangling', 'inG1', 'gone')]);
    const bad = checkReferences(blocks, links, warn);
    expect([...bad.parents].sort()).toEqual(['c1', 'c2', 'inCard', 'lost']);
    expect([...bad.links]).toEqual(['dangling']);
    expect(seen).toContain('block lost.parent: names no block ("gone")');
    expect(seen).toContain('block inCard.parent: "inG1" is not a group');
    expect(seen).toContain('block c1.parent: groups hold each other in a cycle');
    expect(seen).toContain('link dangling: has an end that is no block');
  });
});

describe('the other parts of a board', () => {
  it('requirements: known fields checked, features and scale entry by entry', () => {
    const { seen, warn } = collector();
    expect(
      readRequirements(
        { prompt: { evil: true }, functional: ['post', 3], scale: { dau: 1e6, peakFactor: 'high' }, features: 'x' },
        warn,
      ),
    ).toEqual({ scale: { dau: 1e6 } });
    expect(seen).toEqual([
      'requirements.prompt: is an object',
      'requirements.functional: is a list',
      'requirements.features: is a string',
      'requirements.scale.peakFactor: is a string',
    ]);
    expect(readRequirements('evil', warn)).toEqual({});
  });

  it('settings: the title apart, wrong types dropped', () => {
    const { seen, warn } = collector();
    expect(readSettings({ title: { evil: true }, disabledRules: ['a'], findingsVisibleToCandidate: 1 }, warn)).toEqual({
      title: undefined,
      settings: { disabledRules: ['a'] },
    });
    expect(seen).toEqual(['settings.title: is an object', 'settings.findingsVisibleToCandidate: is a number']);
    expect(readSettings(null, warn)).toEqual({ title: undefined, settings: {} });
  });

  it('notes: only text topics', () => {
    const { seen, warn } = collector();
    expect(readNotes({ api: 'POST /x', data: 42 }, warn)).toEqual({ api: 'POST /x' });
    expect(seen).toEqual(['notes.data: is a number']);
  });

  it('optional strings and objects', () => {
    const { seen, warn } = collector();
    expect(readOptionalString('t', 'w', warn)).toBe('t');
    expect(readOptionalString(undefined, 'w', warn)).toBeUndefined();
    expect(readOptionalString(5, 'w', warn)).toBeUndefined();
    expect(readOptionalObject({ a: 1 }, 'o', warn)).toEqual({ a: 1 });
    expect(readOptionalObject([1], 'o', warn)).toBeUndefined();
    expect(seen).toEqual(['w: is a number', 'o: is a list']);
  });
});
