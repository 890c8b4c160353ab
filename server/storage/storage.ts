/**
 * The one interface every document store implements. A document is named by
 * its key: the board id for the board's document, `<id>/private` for the
 * interviewer's. The server only ever appends Yjs updates and, when a room
 * unloads, replaces them with one re-encoded state. Yjs updates commute and
 * are idempotent, so a store may return them in any order and may return one
 * twice (after a crash replay); applying them all gives the same document.
 */
export interface BoardStorage {
  /** Every stored update of the document; empty for a document never written. */
  loadUpdates(docKey: string): Promise<Uint8Array[]>;
  /**
   * Appends one update. An embedded store is synchronous on purpose: when it
   * returns, the update survives a kill of the process, so the caller may
   * broadcast it at once. A shared store (PostgreSQL) returns a promise
   * instead, resolved once the update survives the process; the caller
   * broadcasts only then. Throws (or rejects) when it cannot persist: the
   * caller must then not broadcast.
   */
  append(docKey: string, update: Uint8Array): void | Promise<void>;
  /**
   * Replaces every update stored so far for the document with `state`, which
   * must contain them all (Y.encodeStateAsUpdate of the loaded document).
   * Updates appended after the call are kept.
   */
  compact(docKey: string, state: Uint8Array): Promise<void>;
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
