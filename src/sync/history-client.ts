/**
 * Reads a board's history from the server (GET /api/boards/<id>/history, a
 * contract described in server/README.md) and validates it once, here.
 */
import { z } from '../board/zod';
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

const wireSchema = z.object({
  entries: z.array(
    z.object({
      t: z.number().int().nonnegative(),
      by: z.object({ name: z.string(), role: z.enum(PARTICIPANT_ROLES) }).nullable(),
      update: z.base64(),
    }),
  ),
});

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Validates the endpoint's JSON; throws with the first bad field's path. */
export function parseHistory(json: unknown): HistoryEntry[] {
  const parsed = wireSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`The server's history is malformed at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}`);
  }
  return parsed.data.entries.map(({ t, by, update }) => ({ t, by, update: fromBase64(update) }));
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
