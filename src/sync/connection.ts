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
import { closeText, isFinalClose, REFUSAL_TEXTS } from '../protocol/close-codes';
import type { ConnectionProblem, ConnectionStatus } from './connection-status';
import type { ParticipantRole } from '../protocol/roles';
import { guardRemoteStates } from './presence';

export type { ConnectionProblem, ConnectionStatus } from './connection-status';

/** The server's answer to GET /api/boards/<id>: this person's role and the links they may share. */
export interface BoardAccess {
  id: string;
  role: ParticipantRole;
  links: Partial<Record<ParticipantRole, string>>;
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
    throw new BoardAccessError(REFUSAL_TEXTS[response.status].text, 'invalid-link');
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
  /** What the server's last close said, until the connection is up again. */
  problem: ConnectionProblem | null = null;

  constructor(room: string, token: string) {
    this.local = new IndexeddbPersistence(`archboard:${room}`, this.doc);
    this.provider = new WebsocketProvider(syncServerUrl(), room, this.doc, {
      params: { token },
      maxBackoffTime: 5_000,
    });
    // Before anything else listens to the awareness: they read checked states.
    this.stopGuard = guardRemoteStates(this.provider.awareness);
    this.provider.on('status', () => this.updateStatus(false));
    this.provider.on('connection-close', (event) => {
      const said = event && closeText(event.code, event.reason);
      if (!event || !said) return;
      this.problem = { ...said, code: event.code, final: isFinalClose(event.code) };
      this.updateStatus(true);
    });
    // The server may accept a connection and close it at once (a full board): only a sync says the problem is over.
    this.provider.on('sync', (isSynced) => {
      if (!isSynced || !this.problem) return;
      this.problem = null;
      this.updateStatus(true);
    });
    window.addEventListener('online', this.onNetworkChange);
    window.addEventListener('offline', this.onNetworkChange);
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

  /** Resolves once the server has synced the doc: a copy from IndexedDB alone does not count. */
  whenServerSynced(): Promise<void> {
    if (this.provider.synced) return Promise.resolve();
    return new Promise((resolve) => {
      const onSync = (synced: boolean) => {
        if (!synced) return;
        this.provider.off('sync', onSync);
        resolve();
      };
      this.provider.on('sync', onSync);
    });
  }

  /** Connects again after the server closed the connection for good (a 44xx close code). */
  reconnect(): void {
    this.problem = null;
    this.provider.connect();
    this.updateStatus(true);
  }

  onStatus(listener: (s: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private onNetworkChange = () => this.updateStatus(false);

  /** Listeners hear every change of the status, and of the problem when `problemChanged`. */
  private updateStatus(problemChanged: boolean): void {
    let status: ConnectionStatus;
    if (this.provider.wsconnected) {
      status = 'connected';
      this.everConnected = true;
    } else if (!navigator.onLine || this.problem?.final) status = 'offline';
    else status = this.everConnected ? 'reconnecting' : 'connecting';
    if (status === this.status && !problemChanged) return;
    this.status = status;
    for (const l of this.statusListeners) l(status);
  }

  destroy(): void {
    this.stopLiveness();
    this.stopGuard();
    window.removeEventListener('online', this.onNetworkChange);
    window.removeEventListener('offline', this.onNetworkChange);
    this.provider.destroy();
    void this.local.destroy();
    this.doc.destroy();
  }
}
