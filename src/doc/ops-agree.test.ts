/**
 * The two interpreters of board ops agree: random op sequences applied to a
 * plain board (`applyOps`) and through the Y.Doc (the editing API, read back
 * both by `docToBoard` and by the board store) give the same board.
 */
import type * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../board/catalog';
import { applyOps, canonicalBoard, type BoardOp, type ScalarRequirement } from '../board/ops';
import { emptyBoard, FEATURE_FLAGS, NOTE_TOPICS, SCALE_FIELDS, type Block, type Board } from '../board/types';
import { checkReferences } from '../board/sanitize';
import { docToBoard } from './board-doc';
import { openTestBoard } from '../sync/test-board';

// Few ids, so ops often hit what earlier ops made (and sometimes what earlier ops removed).
const blockId = fc.constantFrom('b1', 'b2', 'b3', 'b4', 'g1');
const linkId = fc.constantFrom('l1', 'l2', 'l3');
const text = fc.string({ maxLength: 6 });
const coordinate = fc.integer({ min: -500, max: 500 });

const block: fc.Arbitrary<Block> = fc.record(
  {
    id: blockId,
    kind: fc.constantFrom(...KINDS),
    x: coordinate,
    y: coordinate,
    label: text,
    parent: blockId,
    replicas: fc.integer({ min: 1, max: 9 }),
    managed: fc.boolean(),
  },
  { requiredKeys: ['id', 'kind', 'x', 'y'] },
);

const blockFields = fc.record(
  { label: fc.option(text, { nil: undefined }), x: coordinate, tech: fc.option(text, { nil: undefined }) },
  { requiredKeys: [] },
);

const link = fc.record(
  { id: linkId, from: blockId, to: blockId, protocol: fc.constantFrom('http', 'grpc', 'event'), async: fc.boolean() },
  { requiredKeys: ['id', 'from', 'to'] },
);

const scalarRequirement: fc.Arbitrary<BoardOp> = fc
  .oneof(
    fc.record({ field: fc.constant<ScalarRequirement>('prompt'), value: fc.option(text, { nil: undefined }) }),
    fc.record({
      field: fc.constantFrom<ScalarRequirement>('latencyP99Ms', 'availability'),
      value: fc.option(fc.integer({ min: 1, max: 999 }), { nil: undefined }),
    }),
    fc.record({ field: fc.constant<ScalarRequirement>('consistency'), value: fc.constantFrom('strong', 'eventual') }),
    fc.record({ field: fc.constant<ScalarRequirement>('assumptions'), value: fc.array(text, { maxLength: 3 }) }),
  )
  .map((r): BoardOp => ({ op: 'set-requirement', ...r }));

const smallBoard: fc.Arbitrary<Board> = fc
  .record({
    title: fc.option(text, { nil: undefined }),
    blocks: fc.uniqueArray(block, { selector: (b) => b.id, maxLength: 3 }),
    notes: fc.option(fc.record({ api: text }), { nil: undefined }),
  })
  .map(({ title, blocks, notes }) => ({
    ...emptyBoard(),
    ...(title !== undefined ? { title } : { title: undefined }),
    blocks,
    ...(notes ? { notes } : {}),
  }));

const op: fc.Arbitrary<BoardOp> = fc.oneof(
  { weight: 4, arbitrary: block.map((b): BoardOp => ({ op: 'add-block', block: b })) },
  {
    weight: 3,
    arbitrary: fc.record({ id: blockId, set: blockFields }).map((r): BoardOp => ({ op: 'update-block', ...r })),
  },
  { weight: 2, arbitrary: blockId.map((id): BoardOp => ({ op: 'remove-block', id })) },
  { weight: 3, arbitrary: link.map((l): BoardOp => ({ op: 'add-link', link: l })) },
  {
    weight: 1,
    arbitrary: fc
      .record({ id: linkId, set: fc.record({ label: fc.option(text, { nil: undefined }) }) })
      .map((r): BoardOp => ({ op: 'update-link', ...r })),
  },
  { weight: 1, arbitrary: linkId.map((id): BoardOp => ({ op: 'remove-link', id })) },
  { weight: 1, arbitrary: fc.option(text, { nil: undefined }).map((title): BoardOp => ({ op: 'set-title', title })) },
  {
    weight: 1,
    arbitrary: fc
      .record(
        {
          disabledRules: fc.option(fc.array(text, { maxLength: 2 }), { nil: undefined }),
          findingsVisibleToCandidate: fc.boolean(),
        },
        { requiredKeys: [] },
      )
      .map((set): BoardOp => ({ op: 'set-settings', set })),
  },
  { weight: 2, arbitrary: scalarRequirement },
  {
    weight: 1,
    arbitrary: fc
      .record({ flag: fc.constantFrom(...FEATURE_FLAGS), on: fc.boolean() })
      .map((r): BoardOp => ({ op: 'set-feature', ...r })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        field: fc.constantFrom(...SCALE_FIELDS),
        value: fc.option(fc.integer({ min: 0, max: 1e6 }), { nil: undefined }),
      })
      .map((r): BoardOp => ({ op: 'set-scale', ...r })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ index: fc.integer({ min: -1, max: 4 }), text })
      .map((r): BoardOp => ({ op: 'insert-functional', ...r })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ index: fc.integer({ min: -1, max: 4 }), text })
      .map((r): BoardOp => ({ op: 'update-functional', ...r })),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: -1, max: 4 }).map((index): BoardOp => ({ op: 'remove-functional', index })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ from: fc.integer({ min: -1, max: 4 }), to: fc.integer({ min: -1, max: 4 }) })
      .map((r): BoardOp => ({ op: 'move-functional', ...r })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ topic: fc.constantFrom(...NOTE_TOPICS.map((t) => t.id), 'extra'), text })
      .map((r): BoardOp => ({ op: 'set-note', ...r })),
  },
  { weight: 1, arbitrary: smallBoard.map((board): BoardOp => ({ op: 'replace-board', board })) },
);

/**
 * The board as the store shows it: the ops may make references that cannot
 * hold (a parent that is no group, a link to a removed block), which the store
 * leaves out (`checkReferences`).
 */
function asStoreShows(board: Board): Board {
  const bad = checkReferences(
    new Map(board.blocks.map((b) => [b.id, b])),
    new Map(board.links.map((l) => [l.id, l])),
    () => {},
  );
  const blocks = board.blocks.map((b) => {
    if (!bad.parents.has(b.id)) return b;
    const copy = { ...b };
    delete copy.parent;
    return copy;
  });
  return { ...board, blocks, links: board.links.filter((l) => !bad.links.has(l.id)) };
}

/** Both read-backs of the doc, compared with the plain board in canonical form. */
function expectSameBoard(plain: Board, doc: Y.Doc, storeBoard: Board): void {
  expect(canonicalBoard(docToBoard(doc))).toEqual(canonicalBoard(plain));
  expect(canonicalBoard(storeBoard)).toEqual(canonicalBoard(asStoreShows(plain)));
}

describe('applyOps and the Y.Doc interpreter', () => {
  it('find the same board for any sequence of ops, applied one call at a time or all at once', () => {
    fc.assert(
      fc.property(fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { maxLength: 25 }), (steps) => {
        const { doc, store, editor } = openTestBoard();
        let plain: Board = emptyBoard();
        plain = { ...plain, title: undefined };
        for (const ops of steps) {
          editor.apply(ops);
          plain = applyOps(plain, ops);
          expectSameBoard(plain, doc, store.getBoard());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('undo of every step, in reverse, gives back the empty board', () => {
    fc.assert(
      fc.property(fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { maxLength: 10 }), (steps) => {
        const { doc, store, editor } = openTestBoard();
        const before = canonicalBoard(docToBoard(doc));
        for (const ops of steps) editor.step(ops);
        for (let i = 0; i < steps.length; i++) editor.undo();
        expect(canonicalBoard(docToBoard(doc))).toEqual(before);
        expect(canonicalBoard(store.getBoard())).toEqual(asStoreShows(before));
      }),
      { numRuns: 100 },
    );
  });
});
