/**
 * Reads a board's history from the server (GET /api/boards/<id>/history, a
 * contract described in server/README.md) and validates it once, here.
 */
import { PARTICIPANT_ROLES, type ParticipantRole } from '../protocol/roles';

/** Who sent an update, as the server recorded it. */
export interface HistoryAuthor {
  name: string;
  role: ParticipantRole;
}

/** One update of the history, decoded. */
export interface HistoryEntry {
  t: number;
  by: HistoryAuthor | null;
  update: Uint8Array;
}

const ROLES: readonly string[] = PARTICIPANT_ROLES;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Uint8Array.fromBase64 where the engine has it (Chromium 140+): native, no string walk. */
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array }).fromBase64;

function fromBase64(text: string): Uint8Array {
  if (nativeFromBase64) return nativeFromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

class Malformed extends Error {
  constructor(path: string, message: string) {
    super(`The server's history is malformed at ${path}: ${message}`);
  }
}

function author(value: unknown, path: string): HistoryAuthor | null {
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw new Malformed(path, 'expected an object or null');
  const { name, role } = value as Record<string, unknown>;
  if (typeof name !== 'string') throw new Malformed(`${path}.name`, 'expected a string');
  if (typeof role !== 'string' || !ROLES.includes(role))
    throw new Malformed(`${path}.role`, `expected one of ${ROLES.join(', ')}`);
  return { name, role: role as ParticipantRole };
}

/**
 * Validates the endpoint's JSON; throws with the first bad field's path.
 * Written out rather than a schema: a 45-minute interview is some 10,000
 * entries, and this check runs while the person waits for the replay.
 */
export function parseHistory(json: unknown): HistoryEntry[] {
  const list = typeof json === 'object' && json !== null ? (json as { entries?: unknown }).entries : undefined;
  if (!Array.isArray(list)) throw new Malformed('entries', 'expected an array');
  const entries = new Array<HistoryEntry>(list.length);
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    const path = `entries.${i}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw new Malformed(path, 'expected an object');
    const { t, by, update } = item as Record<string, unknown>;
    if (typeof t !== 'number' || !Number.isSafeInteger(t) || t < 0)
      throw new Malformed(`${path}.t`, 'expected a non-negative integer');
    if (typeof update !== 'string' || update.length % 4 !== 0 || !BASE64.test(update))
      throw new Malformed(`${path}.update`, 'expected base64');
    entries[i] = { t, by: author(by, `${path}.by`), update: fromBase64(update) };
  }
  return entries;
}

/** The history of the board (or of the interviewer's private document). */
export async function fetchHistory(
  boardId: string,
  token: string,
  doc: 'board' | 'private' = 'board',
): Promise<HistoryEntry[]> {
  const query = doc === 'private' ? '?doc=private' : '';
  const res = await fetch(`/api/boards/${encodeURIComponent(boardId)}/history${query}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`The history could not be read (the server answered ${res.status}).`);
  return parseHistory(await res.json());
}
