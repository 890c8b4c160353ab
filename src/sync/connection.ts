/**
 * One open board: its Y.Doc kept in the browser by y-indexeddb (offline edits
 * survive a reload and merge on reconnect) and synced with the server through
 * the stock y-websocket provider. Interviewers also open the private document.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import { watchLiveness } from './liveness';
import { guardRemoteStates } from './presence';

export type Role = 'interviewer' | 'candidate' | 'observer';
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** The server's answer to GET /api/boards/<id>: this person's role and the links they may share. */
export interface BoardAccess {
  id: string;
  role: Role;
  links: Partial<Record<Role, string>>;
}

/** Why a board cannot open: a link that is not valid for it, or a server we cannot reach with no copy here. */
export class BoardAccessError extends Error {
  constructor(
    message: string,
    readonly kind: 'invalid-link' | 'unreachable',
  ) {
    super(message);
  }
}

const accessCacheKey = (id: string) => `archboard:access:${id}`;

/**
 * Asks the server who this token makes us. Offline, falls back to the answer
 * remembered from the last visit, so a board opened before still opens.
 */
export async function fetchBoardAccess(id: string, token: string): Promise<BoardAccess> {
  let response: Response;
  try {
    response = await fetch(`/api/boards/${encodeURIComponent(id)}`, { headers: { Authorization: `Bearer ${token}` } });
  } catch {
    const cached = localStorage.getItem(accessCacheKey(id));
    if (cached) return JSON.parse(cached) as BoardAccess;
    throw new BoardAccessError(
      'The server cannot be reached, and this board has not been opened on this browser before.',
      'unreachable',
    );
  }
  if (response.status === 401 || response.status === 403 || response.status === 404) {
    throw new BoardAccessError('This link is not valid for this board. Ask for a new link.', 'invalid-link');
  }
  if (!response.ok) throw new BoardAccessError(`The server answered ${response.status}.`, 'unreachable');
  const access = (await response.json()) as BoardAccess;
  localStorage.setItem(accessCacheKey(id), JSON.stringify(access));
  return access;
}

function syncServerUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/sync`;
}

/** A Y.Doc kept in IndexedDB and synced with one room of the server. */
export class SyncedDoc {
  readonly doc = new Y.Doc();
  readonly local: IndexeddbPersistence;
  readonly provider: WebsocketProvider;
  private statusListeners = new Set<(s: ConnectionStatus) => void>();
  private everConnected = false;
  status: ConnectionStatus = 'connecting';
  /** Why the server closed the connection for good, if it did. */
  closedReason: string | null = null;

  constructor(room: string, token: string) {
    this.local = new IndexeddbPersistence(`archboard:${room}`, this.doc);
    this.provider = new WebsocketProvider(syncServerUrl(), room, this.doc, {
      params: { token },
      maxBackoffTime: 5_000,
    });
    // Before anything else listens to the awareness: they read checked states.
    this.stopGuard = guardRemoteStates(this.provider.awareness);
    this.provider.on('status', () => this.updateStatus());
    this.provider.on('closed', (event) => {
      this.closedReason = event.reason || `closed (${event.code})`;
      this.updateStatus();
    });
    window.addEventListener('online', this.updateStatus);
    window.addEventListener('offline', this.updateStatus);
    this.stopLiveness = watchLiveness(this.provider);
  }

  private readonly stopLiveness: () => void;
  private readonly stopGuard: () => void;

  get awareness(): Awareness {
    return this.provider.awareness;
  }

  /** Resolves once the doc holds the board: from IndexedDB if it was here before, else from the server. */
  whenLoaded(): Promise<void> {
    return new Promise((resolve) => {
      let done = false;
      const finish = () => {
        if (!done) {
          done = true;
          this.provider.off('sync', onSync);
          resolve();
        }
      };
      const onSync = (synced: boolean) => {
        if (synced) finish();
      };
      this.provider.on('sync', onSync);
      if (this.provider.synced) finish();
      // IndexedDB only counts when it had something: a first visit must wait for the server.
      void this.local.whenSynced.then(() => {
        if (this.doc.store.clients.size > 0) finish();
      });
    });
  }

  /** Connects again after the server closed the connection for good (a 44xx close code). */
  reconnect(): void {
    this.closedReason = null;
    this.provider.connect();
    this.updateStatus();
  }

  onStatus(listener: (s: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private updateStatus = () => {
    let status: ConnectionStatus;
    if (this.provider.wsconnected) {
      status = 'connected';
      this.everConnected = true;
    } else if (!navigator.onLine || this.closedReason) status = 'offline';
    else status = this.everConnected ? 'reconnecting' : 'connecting';
    if (status === this.status) return;
    this.status = status;
    for (const l of this.statusListeners) l(status);
  };

  destroy(): void {
    this.stopLiveness();
    this.stopGuard();
    window.removeEventListener('online', this.updateStatus);
    window.removeEventListener('offline', this.updateStatus);
    this.provider.destroy();
    void this.local.destroy();
    this.doc.destroy();
  }
}
