/**
 * The first state of a new board's documents. From a template, the shared
 * document gets the title, the prompt and the starter blocks and links only:
 * the template's requirements, scale, assumptions, questions and reference are
 * the interviewer's, who reveals them as the candidate asks
 * (`GET /api/boards/<id>/template`, interviewer token only). The control
 * document, which only interviewers may write, names the template and, for
 * solo practice, the mode.
 */
import * as Y from 'yjs';
import type { Board } from '../src/board/types';
import { boardToDoc, ensureDocSkeleton, settingsOf } from '../src/doc/board-doc';
import { setControl, type BoardMode } from '../src/doc/control-doc';

/** What a new board starts from. */
export interface NewBoardInput {
  template?: { id: string; board: Board };
  title?: string;
  /** `solo`: solo practice (needs a template); the default is an interview. */
  mode?: BoardMode;
}

/** The initial updates of a new board's document and of its control document (none when there is nothing to say). */
export interface NewBoardUpdates {
  board: Uint8Array | undefined;
  control: Uint8Array | undefined;
}

/** The part of a template the candidate starts with: everything else is revealed by the interviewer. */
export function templateStarter(template: Board, title?: string): Board {
  const prompt = template.requirements?.prompt;
  return {
    format: template.format,
    title: title ?? template.title,
    ...(prompt ? { requirements: { prompt } } : {}),
    blocks: template.blocks,
    links: template.links,
  };
}

function encode(doc: Y.Doc): Uint8Array {
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/**
 * Every board starts with the doc skeleton (ensureDocSkeleton): if two clients
 * created a nested type under the same key at once, one of them would lose its edits.
 */
export function initialBoardUpdates({ template, title, mode }: NewBoardInput): NewBoardUpdates {
  const doc = new Y.Doc();
  ensureDocSkeleton(doc);
  let control: Uint8Array | undefined;
  if (template) {
    boardToDoc(templateStarter(template.board, title), doc);
    const controlDoc = new Y.Doc();
    setControl(controlDoc, 'templateId', template.id, 'the server');
    if (mode === 'solo') setControl(controlDoc, 'mode', 'solo', 'the server');
    control = encode(controlDoc);
  } else if (title !== undefined) {
    doc.transact(() => settingsOf(doc).set('title', title));
  }
  return { board: encode(doc), control };
}
