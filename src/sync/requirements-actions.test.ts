import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { docToBoard, ensureDocSkeleton } from '../doc/board-doc';
import {
  functionalRequirements,
  setAssumptions,
  setFeature,
  setFindingsVisibleToCandidate,
  setRequirement,
  setRuleEnabled,
  setScale,
} from './requirements-actions';

function fresh(): Y.Doc {
  const doc = new Y.Doc();
  ensureDocSkeleton(doc);
  return doc;
}

describe('requirements edits', () => {
  it('sets and clears scalars, flags and scale', () => {
    const doc = fresh();
    setRequirement(doc, 'prompt', 'Design X');
    setRequirement(doc, 'availability', 99.9);
    setFeature(doc, 'search', true);
    setScale(doc, 'dau', 1_000_000);
    expect(docToBoard(doc).requirements).toEqual({
      prompt: 'Design X',
      availability: 99.9,
      features: { search: true },
      scale: { dau: 1_000_000 },
    });
    setFeature(doc, 'search', false);
    setScale(doc, 'dau', undefined);
    setRequirement(doc, 'prompt', '');
    expect(docToBoard(doc).requirements).toEqual({ availability: 99.9 });
  });

  it('adds, edits, removes and reorders functional requirements', () => {
    const doc = fresh();
    for (const t of ['a', 'b', 'c']) functionalRequirements.add(doc, t);
    functionalRequirements.update(doc, 1, 'B');
    functionalRequirements.move(doc, 2, 0);
    expect(docToBoard(doc).requirements?.functional).toEqual(['c', 'a', 'B']);
    functionalRequirements.remove(doc, 1);
    expect(docToBoard(doc).requirements?.functional).toEqual(['c', 'B']);
  });

  it('merges two people adding requirements at once', () => {
    const a = fresh();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    functionalRequirements.add(a, 'from a');
    functionalRequirements.add(b, 'from b');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(docToBoard(a).requirements?.functional?.sort()).toEqual(['from a', 'from b']);
    expect(docToBoard(a)).toEqual(docToBoard(b));
  });

  it('keeps assumptions and board settings', () => {
    const doc = fresh();
    setAssumptions(doc, ['1M DAU']);
    setRuleEnabled(doc, 'orphan-block', false);
    setRuleEnabled(doc, 'missing-cdn', false);
    setRuleEnabled(doc, 'orphan-block', true);
    setFindingsVisibleToCandidate(doc, true);
    const board = docToBoard(doc);
    expect(board.requirements?.assumptions).toEqual(['1M DAU']);
    expect(board.settings).toEqual({ disabledRules: ['missing-cdn'], findingsVisibleToCandidate: true });
  });
});
