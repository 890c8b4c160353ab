/**
 * Who a person is on a board, shared by the server (capability tokens, the
 * history's authors, presence stamping) and the client (links, presence,
 * what the page offers). A block's role in a design is another thing: the
 * catalog's `BlockRole`.
 */

/** The participant roles, in decreasing power. */
export const PARTICIPANT_ROLES = ['interviewer', 'candidate', 'observer'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

/** Whether a value read from the network is a participant role. */
export function isParticipantRole(value: unknown): value is ParticipantRole {
  return (PARTICIPANT_ROLES as readonly unknown[]).includes(value);
}
