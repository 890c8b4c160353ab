/**
 * The REST API (a contract; server/README.md describes it):
 *   POST /api/boards            { template?, title?, mode? } -> 201 { id, links }; mode "solo" (with a
 *                               template): solo practice, the board plays the interviewer for one person
 *   GET  /api/boards/<id>       Authorization: Bearer <token> -> { id, role, links }
 *   GET  /api/templates         -> [{ id, title, difficulty, summary, prompt }]
 *   GET  /api/templates/<id>    -> { id, title, difficulty, summary, prompt } (what the gallery shows; never the answers)
 *   GET  /api/boards/<id>/template  Authorization: Bearer <interviewer token> -> the board's template in full
 *                               (requirements, questions, reference); 403 for any other role (board-template.ts)
 *   POST /api/boards/<id>/next-round, GET /api/boards/<id>/rounds, POST /api/boards/<id>/template:
 *                               peer rounds and a problem picked later (rounds-api.ts)
 *   GET  /api/time              -> { now } (clients correct their clocks for the shared timer)
 *   GET  /api/boards/<id>/history  Authorization: Bearer <token> -> { entries } (history-api.ts)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_LABEL_CHARS } from '../../src/limits';
import { isBoardId, newBoardId } from '../board-ids';
import { linksFor, shareableRoles } from '../capability-tokens';
import { PARTICIPANT_ROLES } from '../../src/protocol/roles';
import type { Logger } from '../logger';
import { initialBoardUpdates } from '../new-board';
import { BOARD_MODES, type BoardMode } from '../../src/doc/control-doc';
import type { BoardStorage } from '../storage/storage';
import type { TemplateLibrary } from '../templates';
import { requireRole } from './bearer';
import { sendBoardTemplate } from './board-template';
import { sendHistory } from './history-api';
import { createNextRound, pickTemplate, sendRounds } from './rounds-api';
import type { RoomRegistry } from '../sync/room-registry';
import type { CreationGuard } from './creation-guard';
import { readJsonBody } from './request-body';
import { HttpError, sendJson } from './responses';

/** What the API needs from the server. */
export interface ApiServices {
  secret: string;
  storage: BoardStorage;
  templates: TemplateLibrary;
  logger: Logger;
  maxBodyBytes: number;
  creationGuard: CreationGuard;
  rooms: RoomRegistry;
}

/** Answers a request under /api; throws HttpError for the client's mistakes. Returns the route, for logs. */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  services: ApiServices,
): Promise<string> {
  const parts = pathname.split('/').slice(2); // '', 'api', ...
  const [resource, id, ...rest] = parts;
  if (resource === 'boards' && id !== undefined && rest.length === 1 && rest[0] === 'history') {
    allow(req, 'GET');
    if (!isBoardId(id)) throw new HttpError(404, 'No such board');
    await sendHistory(req, res, id, services);
    return 'GET /api/boards/:id/history';
  }
  if (resource === 'boards' && id !== undefined && rest.length === 1 && rest[0] === 'next-round') {
    allow(req, 'POST');
    if (!isBoardId(id)) throw new HttpError(404, 'No such board');
    await createNextRound(req, res, id, services);
    return 'POST /api/boards/:id/next-round';
  }
  if (resource === 'boards' && id !== undefined && rest.length === 1 && rest[0] === 'rounds') {
    allow(req, 'GET');
    if (!isBoardId(id)) throw new HttpError(404, 'No such board');
    await sendRounds(req, res, id, services);
    return 'GET /api/boards/:id/rounds';
  }
  if (
    resource === 'boards' &&
    id !== undefined &&
    rest.length === 1 &&
    rest[0] === 'template' &&
    req.method === 'POST'
  ) {
    if (!isBoardId(id)) throw new HttpError(404, 'No such board');
    await pickTemplate(req, res, id, services);
    return 'POST /api/boards/:id/template';
  }
  if (resource === 'boards' && id !== undefined && rest.length === 1 && rest[0] === 'template') {
    allow(req, 'GET');
    if (!isBoardId(id)) throw new HttpError(404, 'No such board');
    await sendBoardTemplate(req, res, id, services);
    return 'GET /api/boards/:id/template';
  }
  if (rest.length > 0) throw new HttpError(404, 'No such API route');
  if (resource === 'boards' && id === undefined) {
    allow(req, 'POST');
    await createBoard(req, res, services);
    return 'POST /api/boards';
  }
  if (resource === 'boards' && id !== undefined) {
    allow(req, 'GET');
    describeBoard(req, res, id, services);
    return 'GET /api/boards/:id';
  }
  if (resource === 'templates' && id === undefined) {
    allow(req, 'GET');
    sendJson(res, 200, await services.templates.list());
    return 'GET /api/templates';
  }
  if (resource === 'templates' && id !== undefined) {
    allow(req, 'GET');
    const summary = await services.templates.summary(id);
    if (!summary) throw new HttpError(404, `No template "${id}"`);
    // The requirements, questions and reference are the interviewer's: GET /api/boards/<id>/template.
    sendJson(res, 200, summary);
    return 'GET /api/templates/:id';
  }
  if (resource === 'time' && id === undefined) {
    allow(req, 'GET');
    sendJson(res, 200, { now: Date.now() });
    return 'GET /api/time';
  }
  throw new HttpError(404, 'No such API route');
}

function allow(req: IncomingMessage, method: 'GET' | 'POST'): void {
  const accepted = method === 'GET' ? ['GET', 'HEAD'] : [method];
  if (!accepted.includes(req.method ?? '')) throw new HttpError(405, `Use ${method} here`, { Allow: method });
}

async function createBoard(req: IncomingMessage, res: ServerResponse, services: ApiServices): Promise<void> {
  await services.creationGuard.check(req);
  const body = (await readJsonBody(req, services.maxBodyBytes)) ?? {};
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new HttpError(400, 'The body must be a JSON object: { "template"?: id, "title"?: text, "mode"?: "solo" }');
  const { template: templateId, title, mode } = body as { template?: unknown; title?: unknown; mode?: unknown };
  if (mode !== undefined && !BOARD_MODES.includes(mode as BoardMode))
    throw new HttpError(400, `"mode" must be one of ${BOARD_MODES.map((m) => `"${m}"`).join(', ')}`);
  if (mode === 'solo' && templateId === undefined)
    throw new HttpError(400, 'Solo practice needs a template: the board plays its interviewer');
  if (title !== undefined && (typeof title !== 'string' || title.length > MAX_LABEL_CHARS)) {
    throw new HttpError(400, `"title" must be text of at most ${MAX_LABEL_CHARS} characters`);
  }
  let template;
  if (templateId !== undefined) {
    if (typeof templateId !== 'string') throw new HttpError(400, '"template" must be a template id');
    const board = await services.templates.get(templateId);
    if (!board) throw new HttpError(400, `Unknown template "${templateId}"`);
    template = { id: templateId, board };
  }
  const id = newBoardId();
  const updates = initialBoardUpdates({ template, title, mode: mode as BoardMode | undefined });
  // Durable before the links go out: append returns (or, for a shared store, resolves) once the state survives a crash.
  const t = Date.now();
  if (updates.board) await services.storage.append(id, updates.board, { t, by: null });
  if (updates.control) await services.storage.append(`${id}/control`, updates.control, { t, by: null });
  services.logger.info({ event: 'board.created', board: id, template: templateId, mode: mode ?? 'interview' });
  sendJson(res, 201, { id, links: linksFor(services.secret, id, PARTICIPANT_ROLES) });
}

function describeBoard(req: IncomingMessage, res: ServerResponse, id: string, services: ApiServices): void {
  if (!isBoardId(id)) throw new HttpError(404, 'No such board');
  const role = requireRole(req, services.secret, id);
  sendJson(res, 200, { id, role, links: linksFor(services.secret, id, shareableRoles(role)) });
}
