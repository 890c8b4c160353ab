/**
 * Quick fixes that add blocks put them where no card is: on every template's
 * starter and reference design and on the traffic examples, each block a fix
 * adds overlaps none of the board's cards nor another block of the same fix.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasRole, kindInfo } from '../board/catalog';
import { parseBoardJson } from '../board/format';
import { absolutePosition, overlaps, type Rect } from '../board/geometry';
import type { Block, Board } from '../board/types';
import { PLACED_CARD_SIZE } from './fixes';
import { lint } from './lint';
import { sketch } from './testing';

const root = join(import.meta.dirname, '../..');

function boards(): [string, Board][] {
  const out: [string, Board][] = [];
  for (const file of readdirSync(join(root, 'templates')).filter((f) => f.endsWith('.json'))) {
    const board = parseBoardJson(readFileSync(join(root, 'templates', file), 'utf8'), file);
    out.push([`${file} starter`, board]);
    const ref = board.template!.reference;
    out.push([`${file} reference`, { ...board, template: undefined, blocks: ref.blocks, links: ref.links }]);
  }
  for (const file of readdirSync(join(root, 'examples/traffic')))
    out.push([file, parseBoardJson(readFileSync(join(root, 'examples/traffic', file), 'utf8'), file)]);
  // A crowded board: every spot next to the database is taken.
  out.push([
    'crowded',
    sketch('client:client app:service db:sql-db a:note b:note c:note d:note e:note f:note', 'client>app app>db', {
      scale: { dau: 1_000_000, readsPerUserPerDay: 10, writesPerUserPerDay: 1 },
      availability: 99.99,
    }),
  ]);
  return out;
}

function rectOf(block: Block, byId: Map<string, Block>): Rect {
  const size = kindInfo(block.kind).defaultSize ?? PLACED_CARD_SIZE;
  const at = absolutePosition(block.id, byId);
  return { x: at.x, y: at.y, width: block.width ?? size.width, height: block.height ?? size.height };
}

describe('quick fixes place new blocks on free ground', () => {
  it.each(boards())('%s', (name, board) => {
    let added = 0;
    for (const finding of lint(board, { disabledRules: [] })) {
      for (const fix of finding.fixes ?? []) {
        const newBlocks = fix.ops.flatMap((op) => (op.op === 'add-block' ? [op.block] : []));
        const all = [...board.blocks, ...newBlocks];
        const byId = new Map(all.map((b) => [b.id, b]));
        const cards = board.blocks.filter((b) => !hasRole(b.kind, 'frame'));
        for (const [k, block] of newBlocks.entries()) {
          added++;
          const rect = rectOf(block, byId);
          for (const other of [...cards, ...newBlocks.slice(0, k)])
            expect(overlaps(rect, rectOf(other, byId)), `${fix.title}: ${block.id} on ${other.id}`).toBe(false);
        }
      }
    }
    // The crowded board's fixes add blocks (a cache, monitoring): the check above had something to check.
    if (name === 'crowded') expect(added).toBeGreaterThan(0);
  });
});
