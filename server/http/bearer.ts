/** The role an API request's `Authorization: Bearer <token>` grants on a board, or a 401. */
import type { IncomingMessage } from 'node:http';
import { roleOfToken, type Role } from '../capability-tokens';
import { HttpError } from './responses';

export function requireRole(req: IncomingMessage, secret: string, boardId: string): Role {
  const header = req.headers.authorization ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const role = roleOfToken(secret, boardId, token);
  if (!role)
    throw new HttpError(401, 'A valid token for this board is required (Authorization: Bearer <token>)', {
      'WWW-Authenticate': 'Bearer',
    });
  return role;
}
