/**
 * The first state of a new board's document: a template's title,
 * requirements, notes and starter blocks and links, or just a title. Never
 * the template's `template` field: its reference design must not reach the
 * candidate's document, so the doc only names the template (`session.templateId`).
 */
import * as Y from 'yjs';
import type { Board } from '../src/board/types';
import { boardToDoc, ensureDocSkeleton, sessionOf, settingsOf } from '../src/doc/board-doc';

/** What a new board starts from. */
export interface NewBoardInput {
  template?: { id: string; board: Board };
  title?: string;
}

/**
 * The Yjs update holding the new board's initial document. Every board starts
 * with the doc skeleton (ensureDocSkeleton): if two clients created a nested
 * type under the same key at once, one of them would lose its edits.
 */
export function initialBoardUpdate({ template, title }: NewBoardInput): Uint8Array | undefined {
  const doc = new Y.Doc();
  ensureDocSkeleton(doc);
  if (template) {
    const { template: _reference, ...starter } = template.board;
    boardToDoc({ ...starter, ...(title !== undefined ? { title } : {}) }, doc);
    sessionOf(doc).set('templateId', template.id);
  } else if (title !== undefined) {
    doc.transact(() => settingsOf(doc).set('title', title));
  }
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
