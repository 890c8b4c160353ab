/**
 * Edits to the requirements, as LOCAL transactions. The list types and the
 * features and scale maps are the doc skeleton's nested types (created with
 * the board), so concurrent edits to different entries merge.
 */
import * as Y from 'yjs';
import type { FeatureFlag, ScaleField } from '../board/types';
import { nestedMap, requirementsOf, settingsOf } from '../doc/board-doc';
import { LOCAL } from './origin';

type ScalarField = 'prompt' | 'latencyP99Ms' | 'availability' | 'consistency';

function edit(doc: Y.Doc, fn: () => void): void {
  doc.transact(fn, LOCAL);
}

/** Sets (or with undefined, clears) a scalar requirement. */
export function setRequirement(doc: Y.Doc, field: ScalarField, value: string | number | undefined): void {
  const req = requirementsOf(doc);
  edit(doc, () => {
    if (value === undefined || value === '') req.delete(field);
    else if (req.get(field) !== value) req.set(field, value);
  });
}

export function setFeature(doc: Y.Doc, flag: FeatureFlag, on: boolean): void {
  edit(doc, () => {
    const features = nestedMap(requirementsOf(doc), 'features');
    if (on) features.set(flag, true);
    else features.delete(flag);
  });
}

export function setScale(doc: Y.Doc, field: ScaleField, value: number | undefined): void {
  edit(doc, () => {
    const scale = nestedMap(requirementsOf(doc), 'scale');
    if (value === undefined) scale.delete(field);
    else if (scale.get(field) !== value) scale.set(field, value);
  });
}

/** The functional requirements list, created when a board from an older version lacks it. */
function functionalList(doc: Y.Doc): Y.Array<string> {
  const req = requirementsOf(doc);
  const existing = req.get('functional');
  if (existing instanceof Y.Array) return existing as Y.Array<string>;
  const list = new Y.Array<string>();
  req.set('functional', list);
  return list;
}

/** The list edits people make to functional requirements. */
export const functionalRequirements = {
  add(doc: Y.Doc, text: string): void {
    edit(doc, () => functionalList(doc).push([text]));
  },
  update(doc: Y.Doc, index: number, text: string): void {
    edit(doc, () => {
      const list = functionalList(doc);
      if (index < 0 || index >= list.length || list.get(index) === text) return;
      list.delete(index, 1);
      list.insert(index, [text]);
    });
  },
  remove(doc: Y.Doc, index: number): void {
    edit(doc, () => {
      const list = functionalList(doc);
      if (index >= 0 && index < list.length) list.delete(index, 1);
    });
  },
  move(doc: Y.Doc, from: number, to: number): void {
    edit(doc, () => {
      const list = functionalList(doc);
      if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return;
      const item = list.get(from);
      list.delete(from, 1);
      list.insert(to, [item]);
    });
  },
};

/** Assumptions are a plain list (short and rarely edited at once by two people). */
export function setAssumptions(doc: Y.Doc, assumptions: string[]): void {
  edit(doc, () => {
    const req = requirementsOf(doc);
    if (assumptions.length === 0) req.delete('assumptions');
    else req.set('assumptions', assumptions);
  });
}

/** Switches a lint rule off or on for this board. */
export function setRuleEnabled(doc: Y.Doc, ruleId: string, enabled: boolean): void {
  edit(doc, () => {
    const settings = settingsOf(doc);
    const current = new Set((settings.get('disabledRules') as string[] | undefined) ?? []);
    if (enabled) current.delete(ruleId);
    else current.add(ruleId);
    if (current.size === 0) settings.delete('disabledRules');
    else settings.set('disabledRules', [...current].sort());
  });
}

/** Whether candidates and observers see the linter's findings: the interviewer's call. */
export function setFindingsVisibleToCandidate(doc: Y.Doc, visible: boolean): void {
  edit(doc, () => settingsOf(doc).set('findingsVisibleToCandidate', visible));
}
