/**
 * Capability links: a token is the HMAC-SHA256 of `<boardId>:<role>` under the
 * server secret, so whoever holds it has that role on that board and nobody
 * can forge one for another board or a higher role. The server keeps no list
 * of boards or people; the token is the permission.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { PARTICIPANT_ROLES, type ParticipantRole } from '../src/protocol/roles';

/** 32 base64url characters: 192 of the HMAC's 256 bits, far beyond guessing, short enough for a link. */
const TOKEN_CHARS = 32;

/** The token that grants `role` on `boardId`. */
export function tokenFor(secret: string, boardId: string, role: ParticipantRole): string {
  return createHmac('sha256', secret).update(`${boardId}:${role}`).digest('base64url').slice(0, TOKEN_CHARS);
}

/** The role a token grants on a board, or undefined for a missing, malformed or foreign token. Constant-time per role. */
export function roleOfToken(secret: string, boardId: string, token: unknown): ParticipantRole | undefined {
  if (typeof token !== 'string' || token.length !== TOKEN_CHARS) return undefined;
  const given = Buffer.from(token, 'utf8');
  if (given.length !== TOKEN_CHARS) return undefined;
  let found: ParticipantRole | undefined;
  // Every role is compared, matched or not, so timing tells nothing about which one came close.
  for (const role of PARTICIPANT_ROLES) {
    if (timingSafeEqual(given, Buffer.from(tokenFor(secret, boardId, role), 'utf8'))) found = role;
  }
  return found;
}

/**
 * The documents of a board: `board` (`<id>`, the design everyone works on),
 * `private` (`<id>/private`, the interviewer's notes and scorecard) and
 * `control` (`<id>/control`, the interviewer's settings of the room: timer,
 * findings shown, rules, locks, answers given; see src/doc/control-doc.ts).
 */
export const DOCUMENT_KINDS = ['board', 'private', 'control'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Whether a role may open (read) a document of the board. */
export function canOpen(role: ParticipantRole, kind: DocumentKind): boolean {
  return kind !== 'private' || role === 'interviewer';
}

/** Whether the server applies a role's writes to a document; anyone else's are dropped before they reach anyone. */
export function canWrite(role: ParticipantRole, kind: DocumentKind): boolean {
  if (kind === 'board') return role !== 'observer';
  return role === 'interviewer';
}

/** The roles whose links a role may hand on: never one above its own. */
export function shareableRoles(role: ParticipantRole): ParticipantRole[] {
  return PARTICIPANT_ROLES.slice(PARTICIPANT_ROLES.indexOf(role));
}

/** The page link of a role: `/b/<id>#token=<token>`; the token rides in the fragment, so it never reaches a server log through a page load. */
export function linkFor(secret: string, boardId: string, role: ParticipantRole): string {
  return `/b/${boardId}#token=${tokenFor(secret, boardId, role)}`;
}

/** The links of the given roles, keyed by role. */
export function linksFor(
  secret: string,
  boardId: string,
  roles: readonly ParticipantRole[],
): Partial<Record<ParticipantRole, string>> {
  return Object.fromEntries(roles.map((role) => [role, linkFor(secret, boardId, role)]));
}
