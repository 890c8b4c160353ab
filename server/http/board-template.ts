/**
 * GET /api/boards/<id>/template with `Authorization: Bearer <interviewer token>`
 * (a contract; server/README.md): the template the board was made from, in
 * full: requirements, questions and reference design. These are the answers
 * the interviewer reveals as the candidate asks, so any other role gets 403
 * and no token 401. The template is the one the control document names (which
 * only interviewers may write); a board made before there was one names it in
 * its shared document.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as Y from 'yjs';
import { sessionOf } from '../../src/doc/board-doc';
import { readControls } from '../../src/doc/control-doc';
import type { BoardStorage } from '../storage/storage';
import type { TemplateLibrary } from '../templates';
import { requireRole } from './bearer';
import { HttpError, sendJson } from './responses';

async function loadDoc(storage: BoardStorage, docKey: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const update of await storage.loadUpdates(docKey)) Y.applyUpdate(doc, update);
  return doc;
}

/** The id of the template board `boardId` was made from, if any. */
export async function boardTemplateId(storage: BoardStorage, boardId: string): Promise<string | undefined> {
  const control = await loadDoc(storage, `${boardId}/control`);
  const fromControl = readControls(control).templateId;
  control.destroy();
  if (fromControl) return fromControl;
  const board = await loadDoc(storage, boardId);
  const fromBoard = sessionOf(board).get('templateId');
  board.destroy();
  return typeof fromBoard === 'string' ? fromBoard : undefined;
}

export async function sendBoardTemplate(
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  services: { secret: string; storage: BoardStorage; templates: TemplateLibrary },
): Promise<void> {
  const role = requireRole(req, services.secret, boardId);
  if (role !== 'interviewer') throw new HttpError(403, "Only the interviewer may read the board's template");
  const templateId = await boardTemplateId(services.storage, boardId);
  if (!templateId) throw new HttpError(404, 'This board was not made from a template');
  const board = await services.templates.get(templateId);
  if (!board) throw new HttpError(404, `The template "${templateId}" is no longer on this server`);
  sendJson(res, 200, board);
}
