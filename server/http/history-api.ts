/**
 * GET /api/boards/<id>/history[?doc=private][&since=<ms>][&until=<ms>]
 * with `Authorization: Bearer <token>` (a contract; server/README.md):
 * `{ entries: [{ t, by: { name, role } | null, update: <base64> }] }`, oldest
 * first. The private document's history is the interviewer's alone.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { canOpen } from '../capability-tokens';
import type { BoardStorage, HistoryRange } from '../storage/storage';
import { requireRole } from './bearer';
import { HttpError, sendJson } from './responses';

/** A `since`/`until` parameter: a whole number of milliseconds since the epoch. */
function timeParam(params: URLSearchParams, name: 'since' | 'until'): number | undefined {
  const value = params.get(name);
  if (value === null) return undefined;
  if (!/^\d{1,16}$/.test(value) || !Number.isSafeInteger(Number(value)))
    throw new HttpError(400, `"${name}" must be milliseconds since the epoch (a whole number)`);
  return Number(value);
}

/** Answers the history of a board's document (the id already checked by shape). */
export async function sendHistory(
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  services: { secret: string; storage: BoardStorage },
): Promise<void> {
  const role = requireRole(req, services.secret, boardId);
  const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const doc = params.get('doc');
  if (doc !== null && doc !== 'private' && doc !== 'board')
    throw new HttpError(400, '"doc" must be "board" (the default) or "private"');
  if (doc === 'private' && !canOpen(role, 'private'))
    throw new HttpError(403, "Only the interviewer may read the private document's history");
  const range: HistoryRange = { since: timeParam(params, 'since'), until: timeParam(params, 'until') };
  const docKey = doc === 'private' ? `${boardId}/private` : boardId;
  const entries = await services.storage.loadHistory(docKey, range);
  sendJson(res, 200, {
    entries: entries.map(({ t, by, update }) => ({
      t,
      by,
      update: Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString('base64'),
    })),
  });
}
