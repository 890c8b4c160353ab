/**
 * The REST API (a contract; server/README.md describes it):
 *   POST /api/boards            { template?, title? } -> 201 { id, links }
 *   GET  /api/boards/<id>       Authorization: Bearer <token> -> { id, role, links }
 *   GET  /api/templates         -> [{ id, title, difficulty, summary, prompt }]
 *   GET  /api/templates/<id>    -> the template board, reference included
 *   GET  /api/time              -> { now } (clients correct their clocks for the shared timer)
 *   GET  /api/boards/<id>/history  Authorization: Bearer <token> -> { entries } (history-api.ts)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_LABEL_CHARS } from '../../src/limits';
import { isBoardId, newBoardId } from '../board-ids';
import { linksFor, shareableRoles } from '../capability-tokens';
import { PARTICIPANT_ROLES } from '../../src/protocol/roles';
import type { Logger } from '../logger';
import { initialBoardUpdate } from '../new-board';
import type { BoardStorage } from '../storage/storage';
import type { TemplateLibrary } from '../templates';
import { requireRole } from './bearer';
import { sendHistory } from './history-api';
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
    const board = await services.templates.get(id);
    if (!board) throw new HttpError(404, `No template "${id}"`);
    sendJson(res, 200, board);
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
    throw new HttpError(400, 'The body must be a JSON object: { "template"?: id, "title"?: text }');
  const { template: templateId, title } = body as { template?: unknown; title?: unknown };
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
  const update = initialBoardUpdate({ template, title });
  // Durable before the links go out: append returns (or, for a shared store, resolves) once the state survives a crash.
  if (update) await services.storage.append(id, update, { t: Date.now(), by: null });
  services.logger.info({ event: 'board.created', board: id, template: templateId });
  sendJson(res, 201, { id, links: linksFor(services.secret, id, PARTICIPANT_ROLES) });
}

function describeBoard(req: IncomingMessage, res: ServerResponse, id: string, services: ApiServices): void {
  if (!isBoardId(id)) throw new HttpError(404, 'No such board');
  const role = requireRole(req, services.secret, id);
  sendJson(res, 200, { id, role, links: linksFor(services.secret, id, shareableRoles(role)) });
}
