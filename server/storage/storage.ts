import type { ParticipantRole } from '../../src/protocol/roles';

/** Who sent an update: the connection's role and the name its person gave (awareness `user.name`). */
export interface HistoryAuthor {
  name: string;
  role: ParticipantRole;
}

/** When an update reached the server and who sent it; `by` is null for the server's own writes (a new board). */
export interface UpdateOrigin {
  /** Server time, milliseconds since the epoch. */
  t: number;
  by: HistoryAuthor | null;
}

/** One update of a document's history. */
export interface HistoryEntry extends UpdateOrigin {
  update: Uint8Array;
}

/** Bounds of a history query, both inclusive, in milliseconds since the epoch. */
export interface HistoryRange {
  since?: number;
  until?: number;
}

/**
 * The one interface every document store implements. A document is named by
 * its key: the board id for the board's document, `<id>/private` for the
 * interviewer's. The server only ever appends Yjs updates and, when a room
 * unloads, replaces them with one re-encoded state. Yjs updates commute and
 * are idempotent, so a store may return them in any order and may return one
 * twice (after a crash replay); applying them all gives the same document.
 *
 * Beside the updates a store keeps the document's history: every appended
 * update with its origin, untouched by compact(). Only replaceHistory()
 * rewrites it (the history recorder coarsens old entries with it). Applying
 * the updates of every entry with `t <= T` to an empty Y.Doc gives the
 * document as it was at T.
 */
export interface BoardStorage {
  /** Every stored update of the document; empty for a document never written. */
  loadUpdates(docKey: string): Promise<Uint8Array[]>;
  /**
   * Appends one update, and one history entry with its origin. An embedded
   * store is synchronous on purpose: when it returns, both survive a kill of
   * the process, so the caller may broadcast it at once. A shared store
   * (PostgreSQL) returns a promise instead, resolved once both survive the
   * process; the caller broadcasts only then. Throws (or rejects) when it
   * cannot persist: the caller must then not broadcast.
   */
  append(docKey: string, update: Uint8Array, origin: UpdateOrigin): void | Promise<void>;
  /**
   * Replaces every update stored so far for the document with `state`, which
   * must contain them all (Y.encodeStateAsUpdate of the loaded document).
   * Updates appended after the call are kept.
   */
  compact(docKey: string, state: Uint8Array): Promise<void>;
  /**
   * The document's history entries within `range`, oldest first (by `t`;
   * entries with equal `t` in the order they were appended). Empty for a
   * document never written. A crash replay may return an entry twice.
   */
  loadHistory(docKey: string, range?: HistoryRange): Promise<HistoryEntry[]>;
  /**
   * Replaces every history entry with `t < before` by `entries` (each with
   * `t < before`, e.g. the same updates merged per second). Entries at or after
   * `before`, and those appended after the call, are kept.
   */
  replaceHistory(docKey: string, before: number, entries: readonly HistoryEntry[]): Promise<void>;
  /** Moves everything appended so far to the store's final place (e.g. before a shutdown). */
  flush(): Promise<void>;
  /** Flushes and releases the store; later calls throw. */
  close(): Promise<void>;
}

/** Thrown by a store used after close(). */
export class StorageClosedError extends Error {
  constructor() {
    super('The storage is closed');
    this.name = 'StorageClosedError';
  }
}

/**
 * Thrown by a load when the document's stored records are damaged (a failed
 * checksum, an unreadable block). Only this document is affected; retrying
 * cannot help until the store is repaired (`archboard repair DATA_DIR`).
 */
export class BoardDamagedError extends Error {
  constructor(
    readonly docKey: string,
    detail: string,
  ) {
    super(`the stored records of ${docKey} are damaged (${detail})`);
    this.name = 'BoardDamagedError';
  }
}
