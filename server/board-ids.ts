/** Board ids: random, URL-safe, checked by shape wherever one comes in. */
import { randomBytes } from 'node:crypto';

/** The shape of a board id everywhere it is accepted (paths, storage keys, tokens). */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/;

/** Whether a value is a well-formed board id. */
export function isBoardId(value: unknown): value is string {
  return typeof value === 'string' && BOARD_ID_PATTERN.test(value);
}

/** A new board id: 12 base64url characters, 72 random bits, unguessable and collision-free in practice. */
export function newBoardId(): string {
  return randomBytes(9).toString('base64url');
}
