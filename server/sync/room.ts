/**
 * One loaded document and the connections on it. The room is where
 * write-through happens: an update is applied to the doc, the doc emits what
 * it actually integrated, and that is appended to storage (durable when
 * append returns) and only then fanned out. A malformed update therefore
 * never reaches storage or another client, and a part of an update that Yjs
 * did integrate before failing is persisted and sent like any edit, so every
 * replica keeps agreeing with the server.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CLOSE_BOARD_DAMAGED, CLOSE_STORAGE_FAILURE } from '../../src/protocol/close-codes';
import type { Logger } from '../logger';
import type { ServerMetrics } from '../metrics';
import { coarsenStoredHistory } from '../history/coarsen';
import { BoardDamagedError, type BoardStorage } from '../storage/storage';
import type { Connection } from './connection';
import type { MessageKind } from '../metrics';
import { HistoryRecorder } from './history-recorder';
import type { ServerLimits } from '../server-limits';
import { DocumentBudget } from './update-admission';
import {
  encodeAwareness,
  encodeAwarenessMessage,
  encodeAwarenessRemovals,
  encodeSyncStep1,
  encodeUpdate,
} from './protocol';

/** The origin of updates and awareness that other server processes made durable and sent: not persisted again, not sent back. */
export const REMOTE_ORIGIN = Symbol('another server process');
/** The origin of the changes the server makes itself (applyServerChange). */
const SERVER_ORIGIN = Symbol('the server');

/**
 * The other server processes serving the same documents (shared mode). The
 * room tells them what it does; they hand it what they did through
 * applyRemoteUpdate and applyRemoteAwareness.
 */
export interface RoomPeers {
  /** Before the room loads: starts hearing the peers, so nothing sent during the load is missed. */
  join(room: Room): Promise<void>;
  /** The room has loaded what storage held. */
  ready(room: Room): void;
  /** An awareness change of this process's clients (a Yjs awareness update). */
  awarenessChanged(room: Room, update: Uint8Array): void;
  /** The room is gone from this process. */
  leave(room: Room): void;
  /**
   * Whether one more connection fits the document across every process (the
   * per-room limit is global). Resolves true when that cannot be known (Redis
   * away): the process's own limit still applies.
   */
  admit(docKey: string, connectionId: string, max: number): Promise<boolean>;
  /** A connection that admit() let in has left. */
  release(docKey: string, connectionId: string): void;
}

/** What a room needs from the server. */
export interface RoomServices {
  storage: BoardStorage;
  metrics: ServerMetrics;
  logger: Logger;
  limits: ServerLimits;
  /** The room has failed (storage); the registry must forget it. */
  onFailure(room: Room): void;
  /** Handles one message of a connection in a loaded room. */
  receive(room: Room, conn: Connection, message: Uint8Array): void;
  /** Other processes on the same documents; absent in the embedded (one-process) mode. */
  peers?: RoomPeers;
}

type RoomStatus = 'loading' | 'ready' | 'failed' | 'unloaded';

/** A document in memory with its connections and awareness. */
export class Room {
  /** Replaced by a fresh load from storage when applying an update failed midway (see reloadAfterFailure). */
  private currentDoc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.currentDoc);
  readonly connections = new Set<Connection>();
  private readonly history = new HistoryRecorder(this.awareness);
  /** Awareness client ids shown here for another process's clients, by that process (shared mode). */
  private readonly remoteAwareness = new Map<number, string>();
  /** The process whose awareness update is being applied now. */
  private remoteSender: string | undefined;
  private status: RoomStatus = 'loading';
  /** Fields of every log line about this room (plain fields rather than a child logger per room). */
  private readonly logFields: { board: string; doc: string };
  /** Entries storage held at load; more than one means a compaction is worth it. */
  private loadedEntries = 0;
  private changedSinceLoad = false;
  /**
   * The latest append a shared store has not yet made durable (true once it
   * has, false if it failed); null when none is pending. What is sent after an
   * update waits for it, so nothing leaves the room before it is durable.
   */
  private lastWrite: Promise<boolean> | null = null;

  /** The document's size and held-back updates, checked before each client update (update-admission.ts). */
  readonly budget: DocumentBudget;

  constructor(
    readonly docKey: string,
    readonly boardId: string,
    private readonly services: RoomServices,
  ) {
    this.budget = new DocumentBudget(services.limits);
    this.logFields = { board: boardId, doc: docKey === boardId ? 'board' : docKey.slice(boardId.length + 1) };
    // The server is no participant: it has no awareness state of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** The document as the server holds it: always what storage holds. */
  get doc(): Y.Doc {
    return this.currentDoc;
  }

  get isReady(): boolean {
    return this.status === 'ready';
  }

  /**
   * Loads the document (after `previousUnload`, the compaction of this
   * document's last room, if one is running), then greets the connections
   * that arrived meanwhile and lets their queued messages through.
   */
  async load(previousUnload: Promise<void> | undefined, reloading = false): Promise<void> {
    const started = performance.now();
    let updates: Uint8Array[];
    try {
      await previousUnload;
      // A reload keeps the room's place among the peers: it still hears them (their updates are in storage).
      if (!reloading) await this.services.peers?.join(this);
      updates = await this.services.storage.loadUpdates(this.docKey);
    } catch (err) {
      return this.fail('load', err);
    }
    if (this.status !== 'loading') return;
    this.applyStoredUpdates(updates);
    this.loadedEntries = updates.length;
    this.budget.reset(updates.reduce((sum, u) => sum + u.byteLength, 0));
    this.doc.on('update', this.onDocUpdate);
    this.status = 'ready';
    const seconds = (performance.now() - started) / 1000;
    this.services.metrics.roomLoadSeconds.observe(seconds);
    this.services.logger.info({
      ...this.logFields,
      event: 'room.loaded',
      entries: updates.length,
      ms: Math.round(seconds * 1000),
    });
    if (!reloading) this.services.peers?.ready(this);
    for (const conn of this.connections) this.start(conn);
  }

  /** Adds a connection; it is greeted at once if the document is loaded, else when it is. */
  add(conn: Connection): void {
    this.connections.add(conn);
    if (this.status === 'ready') this.start(conn);
  }

  /** Removes a connection and the awareness states it announced. */
  remove(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    if (conn.awarenessClients.size > 0 && this.status !== 'unloaded') {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessClients], 'left');
    }
  }

  /**
   * Applies a client's update (admitted by the budget first). Throws what Yjs
   * throws for an update it cannot apply, after starting a reload: whatever
   * state Yjs was left in, the room then holds exactly what storage holds.
   */
  applyClientUpdate(conn: Connection, update: Uint8Array): void {
    try {
      // onDocUpdate persists and fans out, inside this call.
      Y.applyUpdate(this.doc, update, conn);
    } catch (err) {
      this.reloadAfterFailure(err);
      throw err;
    }
  }

  /**
   * A change the server makes itself (a peer round's links, a template picked
   * later): applied in one transaction, stored with no author and sent to
   * everyone like any edit. Resolves once it is durable; false if the room
   * is not ready.
   */
  async applyServerChange(change: (doc: Y.Doc) => void): Promise<boolean> {
    if (this.status !== 'ready') return false;
    this.doc.transact(() => change(this.doc), SERVER_ORIGIN);
    return (await this.lastWrite) ?? this.status === 'ready';
  }

  /** Applies a client's awareness update; it is fanned out to everyone by onAwarenessUpdate. Throws on a malformed one. */
  applyClientAwareness(conn: Connection, update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn);
  }

  /** The connection that introduced an awareness client id, if one in this room did. */
  ownerOf(clientId: number): Connection | undefined {
    for (const conn of this.connections) if (conn.introducedAwarenessIds.has(clientId)) return conn;
    return undefined;
  }

  /** Whether the room shows a state for a client id now (a local connection's, or another process's in shared mode). */
  hasState(clientId: number): boolean {
    return this.awareness.getStates().has(clientId);
  }

  /** The awareness clock the room has for a client id (kept after its state is removed). */
  clockOf(clientId: number): number | undefined {
    return this.awareness.meta.get(clientId)?.clock;
  }

  /** Applies an update another process has made durable, and sends it to this process's clients. */
  applyRemoteUpdate(update: Uint8Array): void {
    if (this.status === 'ready') Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
  }

  /** Applies another process's awareness change (`sender`: that process), and sends it to this process's clients. */
  applyRemoteAwareness(update: Uint8Array, sender: string): void {
    if (this.status !== 'ready') return;
    const stale = this.staleRemoteStates(update);
    this.remoteSender = sender;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_ORIGIN);
    } finally {
      this.remoteSender = undefined;
    }
    // States this process removed at a newer clock (their process died): the process now holding
    // such a client tells it, and the client announces itself anew, with a clock everyone accepts.
    if (stale.length > 0) this.services.peers?.awarenessChanged(this, encodeAwarenessRemovals(stale));
  }

  /** The live states in another process's awareness update that this room removed at a newer clock. */
  private staleRemoteStates(update: Uint8Array): Array<[number, number]> {
    const stale: Array<[number, number]> = [];
    const decoder = decoding.createDecoder(update);
    for (let i = decoding.readVarUint(decoder); i > 0; i--) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const live = decoding.readVarString(decoder) !== 'null';
      const known = this.clockOf(clientId);
      if (live && known !== undefined && clock <= known && !this.hasState(clientId)) stale.push([clientId, known]);
    }
    return stale;
  }

  /** Removes the states another process's clients announced (that process is gone), and tells this process's clients. */
  dropRemoteAwarenessOf(sender: string): void {
    if (this.status !== 'ready') return;
    const gone = [...this.remoteAwareness].filter(([id, by]) => by === sender && this.hasState(id)).map(([id]) => id);
    for (const [id, by] of this.remoteAwareness) if (by === sender) this.remoteAwareness.delete(id);
    if (gone.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, gone, REMOTE_ORIGIN);
  }

  /** The awareness states of this process's own clients, as one awareness update (for a peer that asks). */
  localAwareness(): Uint8Array | null {
    const clients = [...this.connections].flatMap((conn) => [...conn.awarenessClients]);
    const known = clients.filter((client) => this.awareness.getStates().has(client));
    return known.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, known) : null;
  }

  /** Sends once every update the doc held when this was called is durable (at once with an embedded store). */
  sendAfterWrites(conn: Connection, message: Uint8Array, kind: MessageKind): void {
    if (!this.lastWrite) return conn.send(message, kind);
    void this.lastWrite.then((durable) => durable && conn.send(message, kind));
  }

  /** The awareness message with every known state (the answer to query-awareness). */
  allAwareness(): Uint8Array {
    return encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]);
  }

  /**
   * Unloads: stops taking updates, compacts storage to one re-encoded state
   * when it holds more than that, coarsens old history, and frees the doc. Resolves when storage
   * is done with this document.
   */
  async unload(): Promise<void> {
    const wasReady = this.status === 'ready';
    this.status = 'unloaded';
    this.doc.off('update', this.onDocUpdate);
    try {
      if (wasReady && (this.changedSinceLoad || this.loadedEntries > 1)) {
        await this.services.storage.compact(this.docKey, Y.encodeStateAsUpdate(this.doc));
        this.services.logger.info({ ...this.logFields, event: 'room.compacted' });
      }
      if (wasReady && this.changedSinceLoad) {
        const merged = await coarsenStoredHistory(this.services.storage, this.docKey, Date.now());
        if (merged.after < merged.before)
          this.services.logger.info({ ...this.logFields, event: 'history.coarsened', ...merged });
      }
    } catch (err) {
      // Nothing is lost: the uncompacted entries are still there and still load.
      this.services.metrics.storageErrors.inc();
      this.services.logger.error({
        ...this.logFields,
        event: 'storage.error',
        operation: 'compact',
        err: (err as Error).message,
      });
    } finally {
      this.destroy();
    }
  }

  /** Frees the doc and awareness without touching storage (shutdown, failure). */
  destroy(): void {
    this.services.peers?.leave(this);
    this.status = this.status === 'failed' ? 'failed' : 'unloaded';
    this.doc.off('update', this.onDocUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  /**
   * A throw inside Yjs can leave the document half-changed and its
   * transaction bookkeeping stuck (later edits then emit nothing, so the room
   * silently stops storing and broadcasting). Nothing that was not stored was
   * sent, so storage holds everything anyone received: the room drops the
   * document, loads it again from storage, and greets every connection anew
   * (sync step 1, so each sends back whatever it has that storage lacks).
   * Messages that arrive meanwhile wait in their connections.
   */
  private reloadAfterFailure(err: unknown): void {
    if (this.status !== 'ready') return;
    this.services.logger.error({ ...this.logFields, event: 'room.reload', err: (err as Error)?.message });
    this.doc.off('update', this.onDocUpdate);
    this.status = 'loading';
    this.currentDoc = new Y.Doc();
    this.awareness.doc = this.currentDoc;
    for (const conn of this.connections) conn.detach();
    void this.load(undefined, true);
  }

  private start(conn: Connection): void {
    conn.send(encodeSyncStep1(this.doc), 'sync_step1');
    if (this.awareness.getStates().size > 0) conn.send(this.allAwareness(), 'awareness');
    conn.attach((message) => this.services.receive(this, conn, message));
  }

  private applyStoredUpdates(updates: Uint8Array[]): void {
    if (updates.length === 0) return;
    try {
      Y.applyUpdate(this.doc, updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
    } catch {
      // One bad entry must not make the whole board unreadable: apply them one by one, skip the bad ones.
      let skipped = 0;
      for (const update of updates) {
        try {
          Y.applyUpdate(this.doc, update);
        } catch {
          skipped++;
        }
      }
      this.services.metrics.storageErrors.inc();
      this.services.logger.error({
        ...this.logFields,
        event: 'storage.error',
        operation: 'load',
        skippedEntries: skipped,
      });
    }
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.status !== 'ready') return;
    if (origin === REMOTE_ORIGIN) {
      // Durable already (the sending process waited for it); every client here lacks it.
      const message = encodeUpdate(update);
      for (const conn of this.connections) conn.send(message, 'update');
      return;
    }
    let written: void | Promise<void>;
    try {
      const sender = this.connections.has(origin as Connection) ? (origin as Connection) : null;
      written = this.services.storage.append(this.docKey, update, this.history.originOf(sender));
    } catch (err) {
      // Not durable, so not sent: the clients still hold the edit and resend it when they reconnect.
      this.fail('append', err);
      return;
    }
    this.changedSinceLoad = true;
    this.budget.add(update.byteLength);
    const message = encodeUpdate(update);
    if (!written) return this.broadcast(message, origin);
    const durable = written.then(
      () => true,
      (err: unknown) => {
        this.fail('append', err);
        return false;
      },
    );
    this.lastWrite = durable;
    void durable.then((ok) => {
      if (this.lastWrite === durable) this.lastWrite = null;
      if (ok && this.status === 'ready') this.broadcast(message, origin);
    });
  };

  private broadcast(message: Uint8Array, origin: unknown): void {
    // The sender has it already.
    for (const conn of this.connections) if (conn !== origin) conn.send(message, 'update');
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const conn = origin as Connection | undefined;
    if (conn && this.connections.has(conn)) {
      for (const client of added) conn.awarenessClients.add(client);
      for (const client of removed) conn.awarenessClients.delete(client);
    }
    // Which process announced each remote state, so a process that dies takes its clients' presence with it.
    if (origin === REMOTE_ORIGIN && this.remoteSender !== undefined)
      for (const client of added.concat(updated)) this.remoteAwareness.set(client, this.remoteSender);
    else for (const client of added.concat(updated)) this.remoteAwareness.delete(client);
    for (const client of removed) this.remoteAwareness.delete(client);
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, added.concat(updated, removed));
    // A state that timed out here times out at every peer by itself.
    if (origin !== REMOTE_ORIGIN && origin !== 'timeout') this.services.peers?.awarenessChanged(this, update);
    const message = encodeAwarenessMessage(update);
    // Everyone, the sender too: its echo is what keeps a lone client's 30 s silence watchdog quiet.
    for (const other of this.connections) other.send(message, 'awareness');
  };

  private fail(operation: string, err: unknown): void {
    if (this.status === 'failed' || this.status === 'unloaded') return;
    this.status = 'failed';
    this.services.metrics.storageErrors.inc();
    const damaged = err instanceof BoardDamagedError;
    this.services.logger.error({
      ...this.logFields,
      event: damaged ? 'storage.board_damaged' : 'storage.error',
      operation,
      err: (err as Error)?.message,
      ...(damaged && { fix: 'stop the server and run `archboard repair DATA_DIR`' }),
    });
    for (const conn of this.connections) conn.close(damaged ? CLOSE_BOARD_DAMAGED : CLOSE_STORAGE_FAILURE);
    this.services.onFailure(this);
  }
}
