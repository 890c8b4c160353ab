/**
 * One client's WebSocket: the checks every incoming message passes before the
 * room sees it (binary, size, rate), the queue that holds messages while the
 * room loads, and sending with a guard against clients that stop reading.
 */
import { randomBytes } from 'node:crypto';
import { WebSocket, type RawData } from 'ws';
import {
  CLOSE_BYTE_RATE_LIMITED,
  CLOSE_MALFORMED_MESSAGE,
  CLOSE_MESSAGE_TOO_LARGE,
  CLOSE_RATE_LIMITED,
  CLOSE_SLOW_CONSUMER,
  closeReason,
  type CloseCode,
} from '../../src/protocol/close-codes';
import type { DocumentKind } from '../capability-tokens';
import type { ParticipantRole } from '../../src/protocol/roles';
import type { Logger } from '../logger';
import type { MessageKind, ServerMetrics } from '../metrics';
import type { ServerLimits } from '../server-limits';
import { TokenBucket } from './token-bucket';

/** How long a closed connection waits for the client's answer to the close before the socket is cut. */
const CLOSE_LINGER_MS = 1_000;

/** What a connection is for: decided at the upgrade, from the path and the token. */
export interface ConnectionTarget {
  boardId: string;
  /** `<boardId>`, `<boardId>/private` or `<boardId>/control`. */
  docKey: string;
  /** Which of the board's documents. */
  kind: DocumentKind;
  role: ParticipantRole;
}

/** A client connection to one document. */
export class Connection {
  /** Random, for logs only: ties a connection's log lines together without naming anyone. */
  readonly id = randomBytes(4).toString('hex');
  /** Awareness client ids this connection has announced; removed when it leaves. */
  readonly awarenessClients = new Set<number>();
  /** Awareness client ids this connection introduced: its own for as long as it is open (awareness-admission.ts). */
  readonly introducedAwarenessIds = new Set<number>();
  readonly log: Logger;
  /** Whether it answered the last ping. */
  alive = true;
  private closing = false;
  private readonly bucket: TokenBucket;
  /** Bytes, by the same rule: a few huge messages cost as much as many small ones. */
  private readonly byteBucket: TokenBucket;
  private handler: ((message: Uint8Array) => void) | null = null;
  private waiting: Uint8Array[] = [];
  private waitingBytes = 0;
  private closeListeners: Array<() => void> = [];
  private hasLeft = false;

  constructor(
    private readonly ws: WebSocket,
    readonly target: ConnectionTarget,
    private readonly metrics: ServerMetrics,
    private readonly limits: ServerLimits,
    logger: Logger,
  ) {
    this.log = logger.child({
      conn: this.id,
      board: target.boardId,
      doc: target.kind === 'board' ? undefined : target.kind,
    });
    this.bucket = new TokenBucket(limits.messageRatePerSecond, limits.messageBurst);
    this.byteBucket = new TokenBucket(limits.bytesPerSecondPerConnection, limits.bytesBurstPerConnection);
    ws.on('message', (data, isBinary) => this.receive(data, isBinary));
    ws.on('pong', () => (this.alive = true));
    ws.on('error', (err) => this.log.warn({ event: 'connection.error', err: err.message }));
    ws.on('close', (code) => {
      this.closing = true;
      this.log.info({ event: 'connection.closed', code });
      this.left();
    });
  }

  get role(): ParticipantRole {
    return this.target.role;
  }

  /** Starts handing messages to the room (those that arrived while it loaded first, in order). */
  attach(handler: (message: Uint8Array) => void): void {
    this.handler = handler;
    const waiting = this.waiting;
    this.waiting = [];
    this.waitingBytes = 0;
    for (const message of waiting) {
      if (this.closing) return;
      this.dispatch(message);
    }
  }

  /** Stops handing messages to the room (it reloads); they queue, bounded, until attach() again. */
  detach(): void {
    this.handler = null;
  }

  /** Runs the close listeners, once: when the socket has closed, or when the server refused the client (44xx). */
  private left(): void {
    this.hasLeft = true;
    const listeners = this.closeListeners;
    this.closeListeners = [];
    for (const listener of listeners) listener();
  }

  /** Runs `listener` once the socket has closed (whoever closed it), or the server refused the client (44xx). */
  onClose(listener: () => void): void {
    if (this.hasLeft) listener();
    else this.closeListeners.push(listener);
  }

  /** Sends a message unless the connection is closing; a client that stopped reading is let go. */
  send(message: Uint8Array, kind: MessageKind): void {
    if (this.closing || this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytesPerConnection) {
      this.close(CLOSE_SLOW_CONSUMER);
      return;
    }
    this.ws.send(message);
    this.metrics.traffic.sent[kind]++;
    this.metrics.traffic.bytesSent += message.byteLength;
  }

  /** Closes with a code and its reason from the protocol module, with a detail when there is one. Later messages are ignored. */
  close(code: CloseCode, detail?: string): void {
    if (this.closing) return;
    this.closing = true;
    this.metrics.connectionsClosed.labels(String(code)).inc();
    const reason = closeReason(code, detail);
    this.log.info({ event: 'connection.closing', code, reason });
    this.ws.close(code, reason);
    // A client at fault (44xx) is read no more: one closed for flooding would otherwise be read, and its data
    // discarded, until it stops. The close frame with the code is out; the socket is cut soon after.
    if (code >= 4400 && code < 4500) {
      this.ws.pause();
      setTimeout(() => this.ws.terminate(), CLOSE_LINGER_MS).unref();
      // It has left the room now: a refused client that reconnects at once must not find its
      // lingering sockets holding the room's places (the protocol fuzzer met 4503 that way).
      this.left();
    }
  }

  /** Drops a dead connection without a closing handshake. */
  terminate(): void {
    this.closing = true;
    this.ws.terminate();
  }

  /** Pings; `alive` turns true again when the pong comes back. */
  ping(): void {
    this.alive = false;
    if (this.ws.readyState === WebSocket.OPEN) this.ws.ping();
  }

  get isClosing(): boolean {
    return this.closing;
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.closing) return;
    // With the default binaryType every message arrives as one Buffer.
    const message = data as Buffer;
    this.metrics.traffic.bytesReceived += message.byteLength;
    if (!isBinary) return this.reject(CLOSE_MALFORMED_MESSAGE, 'a text frame');
    if (message.byteLength > this.limits.maxMessageBytes)
      return this.reject(CLOSE_MESSAGE_TOO_LARGE, `the limit is ${this.limits.maxMessageBytes} bytes`);
    if (!this.bucket.take())
      return this.reject(CLOSE_RATE_LIMITED, `more than ${this.limits.messageRatePerSecond} per second`);
    if (!this.byteBucket.take(message.byteLength))
      return this.reject(CLOSE_BYTE_RATE_LIMITED, `more than ${this.limits.bytesPerSecondPerConnection}`);
    if (this.handler) return this.dispatch(message);
    // Bounded like a slow reader's queue: the rate limit alone would let a burst of full-size messages pile up while the room loads.
    this.waitingBytes += message.byteLength;
    if (this.waitingBytes > this.limits.maxBufferedBytesPerConnection)
      return this.reject(CLOSE_RATE_LIMITED, 'too much sent before the board loaded');
    this.waiting.push(message);
  }

  private dispatch(message: Uint8Array): void {
    try {
      this.handler!(message);
    } catch (err) {
      // The room's handler reports protocol errors itself; anything reaching here is a bug, contained to this client.
      this.log.error({ event: 'message.failed', err: (err as Error).message });
      this.reject(CLOSE_MALFORMED_MESSAGE, 'the message could not be handled');
    }
  }

  private reject(code: CloseCode, detail: string): void {
    this.metrics.traffic.received.invalid++;
    this.close(code, detail);
  }
}
