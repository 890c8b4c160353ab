/** The role an API request's `Authorization: Bearer <token>` grants on a board, or a 401. */
import type { IncomingMessage } from 'node:http';
import { roleOfToken } from '../capability-tokens';
import type { ParticipantRole } from '../../src/protocol/roles';
import { HttpError } from './responses';

export function requireRole(req: IncomingMessage, secret: string, boardId: string): ParticipantRole {
  const role = roleOfToken(secret, boardId, bearerToken(req));
  if (!role)
    throw new HttpError(401, 'A valid token for this board is required (Authorization: Bearer <token>)', {
      'WWW-Authenticate': 'Bearer',
    });
  return role;
}

/** The token of an `Authorization: Bearer <token>` header, if the request has one. */
export function bearerToken(req: IncomingMessage): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
}
