/**
 * The boards this browser opened before, for the home page: session scope,
 * in localStorage. Tokens stay in this browser; they never go into URLs the
 * server logs (links carry them in the fragment).
 */
import type { ParticipantRole } from '../../protocol/roles';

export interface RecentBoard {
  id: string;
  token: string;
  role: ParticipantRole;
  title: string;
  openedAt: number;
}

const KEY = 'archboard:recent';
const MAX_RECENT = 50;

export function recentBoards(): RecentBoard[] {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(list)
      ? (list as RecentBoard[]).filter((b) => typeof b?.id === 'string' && typeof b.token === 'string')
      : [];
  } catch {
    return [];
  }
}

/** Adds or refreshes a board, newest first. */
export function rememberBoard(entry: Omit<RecentBoard, 'openedAt'> & { openedAt?: number }): void {
  const rest = recentBoards().filter((b) => !(b.id === entry.id && b.role === entry.role));
  const next = [{ ...entry, openedAt: entry.openedAt ?? Date.now() }, ...rest].slice(0, MAX_RECENT);
  localStorage.setItem(KEY, JSON.stringify(next));
}

export function forgetBoard(id: string): void {
  localStorage.setItem(KEY, JSON.stringify(recentBoards().filter((b) => b.id !== id)));
}

/** The token this browser holds for a board, the most powerful role first. */
export function storedToken(id: string): string | undefined {
  const rank: Record<ParticipantRole, number> = { interviewer: 0, candidate: 1, observer: 2 };
  return recentBoards()
    .filter((b) => b.id === id)
    .sort((a, b) => rank[a.role] - rank[b.role])[0]?.token;
}
