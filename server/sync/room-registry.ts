/**
 * The rooms in memory: loads a document on its first connection, unloads it a
 * grace period after its last one leaves, enforces the room and connection
 * limits, and makes a reload wait for the previous unload's compaction.
 */
import { CLOSE_ROOM_FULL, CLOSE_SERVER_AT_CAPACITY } from '../../src/protocol/close-codes';
import type { Logger } from '../logger';
import type { ServerMetrics } from '../metrics';
import type { ServerLimits } from '../server-limits';
import type { BoardStorage } from '../storage/storage';
import type { Connection } from './connection';
import type * as Y from 'yjs';
import { readControls, type BoardControls } from '../../src/doc/control-doc';
import { handleMessage } from './message-handler';
import { Room, type RoomPeers, type RoomServices } from './room';

/** What the registry needs from the server. */
export interface RoomRegistryServices {
  storage: BoardStorage;
  metrics: ServerMetrics;
  logger: Logger;
  limits: ServerLimits;
  /** The other processes on the same documents (shared mode). */
  peers?: RoomPeers;
}

/** The loaded rooms of one server. */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  /** Empty rooms waiting out their grace period, longest idle first (Map keeps insertion order). */
  private readonly idleTimers = new Map<Room, NodeJS.Timeout>();
  /** Compactions under way, by document: a reload of that document waits for its own. */
  private readonly unloading = new Map<string, Promise<void>>();
  private closed = false;
  /** Each room's load, so a board room can wait for its control room's. */
  private readonly loads = new WeakMap<Room, Promise<void>>();
  /** What every room is given. Built once: a closure made inside join() would keep that join's connection alive as long as the room. */
  private readonly roomServices: RoomServices;

  constructor(private readonly services: RoomRegistryServices) {
    this.roomServices = {
      ...services,
      onFailure: (room) => this.forget(room),
      receive: (room, conn, message) =>
        handleMessage(room, conn, message, services.metrics, services.limits, () => this.controlsOf(room)),
    };
  }

  /**
   * The controls that govern a board room's writes: its control room's, loaded
   * beside it (see roomOf). Null, so every lock holds, if that room failed.
   */
  private controlsOf(room: Room): BoardControls | null {
    const control = this.rooms.get(controlKey(room.boardId));
    return control?.isReady ? readControls(control.doc) : null;
  }

  /** Rooms in memory. */
  get size(): number {
    return this.rooms.size;
  }

  /** Whether a document is loaded (tests, health). */
  isLoaded(docKey: string): boolean {
    return this.rooms.has(docKey);
  }

  /** Puts a new connection in its document's room, loading the room if needed; closes it with a limit code if it does not fit. */
  join(conn: Connection): void {
    const peers = this.services.peers;
    if (!peers) return this.place(conn);
    // Shared mode: the room's connections on every process count against its limit.
    const { docKey } = conn.target;
    void peers.admit(docKey, conn.id, this.services.limits.maxConnectionsPerRoom).then((admitted) => {
      if (conn.isClosing || this.closed) return admitted && peers.release(docKey, conn.id);
      if (!admitted) return conn.close(CLOSE_ROOM_FULL);
      conn.onClose(() => peers.release(docKey, conn.id));
      this.place(conn);
    });
  }

  private place(conn: Connection): void {
    const { docKey, boardId } = conn.target;
    const room = this.roomOf(docKey, boardId);
    if (!room) {
      conn.close(CLOSE_SERVER_AT_CAPACITY);
      return;
    }
    if (room.connections.size >= this.services.limits.maxConnectionsPerRoom) {
      conn.close(CLOSE_ROOM_FULL);
      return;
    }
    this.cancelIdle(room);
    room.add(conn);
    conn.onClose(() => this.leave(room, conn));
  }

  /**
   * The room of a document, created and loading if it was not in memory (null
   * when the server is full). A board's room brings its control room with it
   * and starts only once that has loaded: the locks there decide which of the
   * candidate's writes the board takes, from the first message on.
   */
  private roomOf(docKey: string, boardId: string): Room | null {
    const existing = this.rooms.get(docKey);
    if (existing) return existing;
    if (this.rooms.size >= this.services.limits.maxLoadedRooms && !this.unloadLongestIdle()) return null;
    const room = new Room(docKey, boardId, this.roomServices);
    this.rooms.set(docKey, room);
    this.services.metrics.roomsLoaded.set(this.rooms.size);
    const waits: Promise<void>[] = [this.unloading.get(docKey) ?? Promise.resolve()];
    if (docKey === boardId) {
      const control = this.roomOf(controlKey(boardId), boardId);
      if (control) {
        this.cancelIdle(control);
        waits.push(this.loads.get(control) ?? Promise.resolve());
      }
    }
    const loaded = room.load(Promise.all(waits).then(() => undefined));
    this.loads.set(room, loaded);
    return room;
  }

  /**
   * Makes a change to a document as the server, through its room (loaded for
   * it if need be, then left to unload when idle), so connected clients and
   * the other processes get it like any edit. Resolves once it is durable;
   * rejects when the room cannot load or store it.
   */
  async change(docKey: string, boardId: string, edit: (doc: Y.Doc) => void): Promise<void> {
    const room = this.roomOf(docKey, boardId);
    if (!room) throw new Error('the server holds as many boards as it can');
    this.cancelIdle(room);
    try {
      await this.loads.get(room);
      if (!(await room.applyServerChange(edit))) throw new Error(`the document ${docKey} could not be changed`);
    } finally {
      this.idleLater(room);
    }
  }

  /** Unloads every room now (tests, eviction); resolves when their storage work is done. */
  async unloadIdleRooms(): Promise<void> {
    for (const room of [...this.idleTimers.keys()]) this.unload(room);
    await Promise.all(this.unloading.values());
  }

  /** Shutdown: frees every room without compacting (storage flushes its log separately) and waits for running compactions. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    for (const room of this.rooms.values()) room.destroy();
    this.rooms.clear();
    this.services.metrics.roomsLoaded.set(0);
    await Promise.all(this.unloading.values());
  }

  private leave(room: Room, conn: Connection): void {
    room.remove(conn);
    this.idleLater(room);
  }

  /** Starts an empty room's grace period; a control room stays while its board's room is loaded. */
  private idleLater(room: Room): void {
    if (this.closed || room.connections.size > 0 || this.rooms.get(room.docKey) !== room) return;
    if (this.idleTimers.has(room)) return;
    if (room.docKey === controlKey(room.boardId) && this.rooms.has(room.boardId)) return;
    const timer = setTimeout(() => this.unload(room), this.services.limits.roomUnloadGraceMs);
    timer.unref();
    this.idleTimers.set(room, timer);
  }

  private cancelIdle(room: Room): void {
    const timer = this.idleTimers.get(room);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.idleTimers.delete(room);
  }

  private unloadLongestIdle(): boolean {
    const [room] = this.idleTimers.keys();
    if (!room) return false;
    this.unload(room);
    return true;
  }

  private unload(room: Room): void {
    this.cancelIdle(room);
    if (this.rooms.get(room.docKey) !== room) return;
    this.rooms.delete(room.docKey);
    this.services.metrics.roomsLoaded.set(this.rooms.size);
    const docKey = room.docKey;
    const done: Promise<void> = room.unload().finally(() => {
      if (this.unloading.get(docKey) === done) this.unloading.delete(docKey);
    });
    this.unloading.set(docKey, done);
    this.services.logger.debug({ event: 'room.unloaded', board: room.boardId });
    if (docKey === room.boardId) {
      const control = this.rooms.get(controlKey(room.boardId));
      if (control) this.idleLater(control);
    }
  }

  private forget(room: Room): void {
    this.cancelIdle(room);
    if (this.rooms.get(room.docKey) === room) this.rooms.delete(room.docKey);
    this.services.metrics.roomsLoaded.set(this.rooms.size);
    // Not now: this may run inside the doc's own update event.
    setImmediate(() => room.destroy());
  }
}

/** The document key of a board's control document. */
function controlKey(boardId: string): string {
  return `${boardId}/control`;
}
