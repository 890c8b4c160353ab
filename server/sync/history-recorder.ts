/**
 * The origin of each update a room persists: the server's time (never going
 * backwards within a room, so history stays in the order it happened) and
 * who sent it, the connection's role and the name its person announced in
 * awareness (`user.name`). Updates the server makes itself have no author.
 */
import type { Awareness } from 'y-protocols/awareness';
import { MAX_AUTHOR_NAME_CHARS } from '../../src/limits';
import type { UpdateOrigin } from '../storage/storage';
import type { Connection } from './connection';

export class HistoryRecorder {
  private lastT = 0;

  constructor(
    private readonly awareness: Awareness,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The origin of an update from `sender` (null: the server itself). */
  originOf(sender: Connection | null): UpdateOrigin {
    this.lastT = Math.max(this.clock(), this.lastT);
    return { t: this.lastT, by: sender ? { role: sender.role, name: this.nameOf(sender) } : null };
  }

  /** The name the connection's person gave; awareness is client input, so only a string, trimmed and bounded. */
  private nameOf(conn: Connection): string {
    for (const clientId of conn.awarenessClients) {
      const user = (this.awareness.getStates().get(clientId) as { user?: { name?: unknown } } | undefined)?.user;
      if (typeof user?.name === 'string' && user.name.trim() !== '')
        return user.name.trim().slice(0, MAX_AUTHOR_NAME_CHARS);
    }
    return '';
  }
}
