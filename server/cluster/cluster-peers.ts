/**
 * Shared mode's cross-process fan-out on Redis pub/sub (ioredis). Each
 * process subscribes to the channel of every document it has loaded and
 * publishes there what its own clients did:
 *
 *   - an update, once PostgreSQL has committed it (PgStorage's onCommitted),
 *     with the sequence numbers it was given; the receivers apply it to their
 *     room and send it to their clients at once, without storing it again;
 *   - awareness changes (cursors, presence); a process that loads a room asks
 *     the others for their clients' states ("query").
 *
 * Pub/sub may drop messages (a Redis restart, a reconnect). The sequence
 * numbers show it: a receiver that has 1..n and hears of n + 2 reads the
 * missing numbers from PostgreSQL; after its subscriber reconnects it reads
 * everything past n for every room it holds and asks for presence again; a
 * publisher that could not publish announces its last number ("head") once
 * it is back. PostgreSQL stays the truth; Redis only makes it fast.
 *
 * Redis also holds each document's members, the connections on it in every
 * process (a sorted set scored by expiry, refreshed while they live), so the
 * per-room connection limit holds across processes; a killed process's
 * members expire by themselves.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../logger';
import type { ServerMetrics } from '../metrics';
import type { CommittedUpdates, PgStorage } from '../storage/pg-storage';
import type { Room, RoomPeers } from '../sync/room';
import { takeRedisToken } from './redis-token-bucket';
import { channelOf, decodePeerMessage, docKeyOfChannel, encodePeerMessage, type PeerMessage } from './peer-messages';

/** How long a receiver waits for a missing number to arrive by itself (pub/sub of two publishers may cross) before reading it from PostgreSQL. */
const GAP_WAIT_MS = 150;
/** A member not refreshed for this long is gone (its process died). */
const MEMBERSHIP_TTL_MS = 30_000;
const MEMBERSHIP_REFRESH_MS = 10_000;
/** Every process says it is alive on BEATS_CHANNEL this often... */
const BEAT_INTERVAL_MS = 1_000;
/** ...and one not heard for this long is gone: its clients' presence is dropped (rather than lingering for the 30 s awareness timeout). */
const PEER_GONE_AFTER_MS = 3_500;
const BEATS_CHANNEL = 'archboard:beats';

/**
 * Adds ARGV[3] to the members in KEYS[1], expiring ARGV[1] ms from now (Redis's
 * clock, the same for every process), unless ARGV[2] others are already there.
 * 1 if it is a member now, 0 if the room is full.
 */
const ADMIT_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[3]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]))
return 1`;
/** Past any room limit: a refresh re-adds a member that was admitted before. */
const NO_LIMIT = 1_000_000_000;

const membersKey = (docKey: string) => `archboard:members:${docKey}`;

/** What this process knows of one loaded document. */
interface PeerRoom {
  room: Room;
  /** Every update numbered up to here is in the room. */
  seq: number;
  /** Numbers seen beyond `seq` (other processes' messages that overtook one), first -> count. */
  ahead: Map<number, number>;
  /** Messages that arrived while the room loaded. */
  early: PeerMessage[] | null;
  catchUp: NodeJS.Timeout | null;
  readingBack: boolean;
}

/** What the peers need from the server. */
export interface ClusterPeersServices {
  storage: PgStorage;
  metrics: ServerMetrics;
  logger: Logger;
}

/** The other processes of a shared deployment, reached through Redis. */
export class ClusterPeers implements RoomPeers {
  /** This process among its peers: random, so a restarted process is a new peer. */
  readonly processId = randomBytes(6).toString('hex');
  private readonly rooms = new Map<string, PeerRoom>();
  /** Documents whose last publish failed, with their last stored number: announced once Redis is back. */
  private readonly unannounced = new Map<string, number>();
  /** This process's connections by document, as members in Redis. */
  private readonly members = new Map<string, Set<string>>();
  private readonly membershipTimer: NodeJS.Timeout;
  private readonly beatTimer: NodeJS.Timeout;
  /** When each other process was last heard (a beat or any message), by its id. */
  private readonly lastHeard = new Map<string, number>();
  /** When this process last heard its own beat: while it does not, the silence is ours, not theirs. */
  private ownBeatHeardAt = 0;
  private subscriberWasLost = false;
  private closed = false;

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly services: ClusterPeersServices,
  ) {
    subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      const name = channel.toString();
      if (name === BEATS_CHANNEL) this.heard(message.toString());
      else this.receive(name, message);
    });
    for (const [name, connection] of [
      ['publisher', publisher],
      ['subscriber', subscriber],
    ] as const) {
      connection.on('error', (err: Error) => {
        services.metrics.redisErrors.labels(name).inc();
        services.logger.warn({ event: 'redis.error', connection: name, err: err.message });
      });
    }
    subscriber.on('close', () => {
      if (!this.closed) this.subscriberWasLost = true;
    });
    subscriber.on('ready', () => {
      if (!this.subscriberWasLost) return;
      this.subscriberWasLost = false;
      services.logger.info({ event: 'redis.reconnected', connection: 'subscriber', rooms: this.rooms.size });
      // Whatever was published while this process was not listening is in PostgreSQL.
      for (const [docKey, entry] of this.rooms) {
        if (entry.early) continue;
        void this.readBack(docKey, entry);
        this.publish(docKey, { kind: 'query', sender: this.processId });
        const local = entry.room.localAwareness();
        if (local) this.publish(docKey, { kind: 'awareness', sender: this.processId, update: local });
      }
    });
    publisher.on('ready', () => {
      for (const [docKey, seq] of this.unannounced) this.publish(docKey, { kind: 'head', sender: this.processId, seq });
      this.unannounced.clear();
      // A restarted Redis has forgotten who is where.
      void this.refreshMembership();
    });
    this.membershipTimer = setInterval(() => void this.refreshMembership(), MEMBERSHIP_REFRESH_MS);
    this.membershipTimer.unref();
    this.beatTimer = setInterval(() => this.beat(), BEAT_INTERVAL_MS);
    this.beatTimer.unref();
  }

  /** Connects the publishing and the subscribing connection (a subscribed connection can do nothing else). */
  static async connect(url: string, services: ClusterPeersServices): Promise<ClusterPeers> {
    // No offline queue on the publisher: a message that cannot go now is announced later by number, not replayed late.
    // Auto-pipelined: the publishes of one tick (a group commit's documents, awareness) leave in one write.
    const publisher = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
      enableAutoPipelining: true,
    });
    const subscriber = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
    try {
      await Promise.all([publisher.connect(), subscriber.connect()]);
      // Resubscribed by ioredis after a reconnect, like the documents' channels.
      await subscriber.subscribe(BEATS_CHANNEL);
    } catch (err) {
      publisher.disconnect();
      subscriber.disconnect();
      throw new Error(`Redis at ARCHBOARD_REDIS_URL is not reachable: ${(err as Error).message}`, { cause: err });
    }
    return new ClusterPeers(publisher, subscriber, services);
  }

  async join(room: Room): Promise<void> {
    const entry: PeerRoom = { room, seq: 0, ahead: new Map(), early: [], catchUp: null, readingBack: false };
    this.rooms.set(room.docKey, entry);
    const subscribed = this.timed('subscribe', () => this.subscriber.subscribe(channelOf(room.docKey)));
    // With Redis away the room still loads from PostgreSQL; the subscription goes out on reconnect.
    if (this.subscriber.status === 'ready') await subscribed.catch(() => {});
    else void subscribed.catch(() => {});
  }

  ready(room: Room): void {
    const entry = this.rooms.get(room.docKey);
    if (!entry || entry.room !== room) return;
    entry.seq = this.services.storage.takeLoadedSeq(room.docKey) ?? 0;
    const early = entry.early ?? [];
    entry.early = null;
    for (const message of early) this.handle(room.docKey, entry, message);
    this.publish(room.docKey, { kind: 'query', sender: this.processId });
  }

  awarenessChanged(room: Room, update: Uint8Array): void {
    if (this.rooms.get(room.docKey)?.room !== room) return;
    this.publish(room.docKey, { kind: 'awareness', sender: this.processId, update });
  }

  leave(room: Room): void {
    const entry = this.rooms.get(room.docKey);
    if (!entry || entry.room !== room) return;
    if (entry.catchUp) clearTimeout(entry.catchUp);
    this.rooms.delete(room.docKey);
    if (!this.closed)
      void this.timed('unsubscribe', () => this.subscriber.unsubscribe(channelOf(room.docKey))).catch(() => {});
  }

  async admit(docKey: string, connectionId: string, max: number): Promise<boolean> {
    const member = `${this.processId}:${connectionId}`;
    let admitted = true;
    if (this.publisher.status === 'ready') {
      try {
        admitted =
          (await this.timed('admit', () =>
            this.publisher.eval(ADMIT_SCRIPT, 1, membersKey(docKey), MEMBERSHIP_TTL_MS, max, member),
          )) === 1;
      } catch {
        // Unknown: the process's own limit decides.
      }
    }
    if (admitted) {
      let local = this.members.get(docKey);
      if (!local) this.members.set(docKey, (local = new Set()));
      local.add(connectionId);
    }
    return admitted;
  }

  release(docKey: string, connectionId: string): void {
    const local = this.members.get(docKey);
    if (!local?.delete(connectionId)) return;
    if (local.size === 0) this.members.delete(docKey);
    if (this.closed || this.publisher.status !== 'ready') return;
    void this.timed('release', () =>
      this.publisher.zrem(membersKey(docKey), `${this.processId}:${connectionId}`),
    ).catch(() => {});
  }

  /**
   * Takes one token of a limit shared by every process (board creation by
   * address): whether there was one, or undefined when Redis cannot say now,
   * and the process's own limit decides.
   */
  async takeSharedToken(name: string, ratePerSecond: number, burst: number): Promise<boolean | undefined> {
    if (this.publisher.status !== 'ready') return undefined;
    try {
      return await this.timed('limit', () =>
        takeRedisToken(this.publisher, `archboard:limit:${name}`, ratePerSecond, burst),
      );
    } catch {
      return undefined;
    }
  }

  /** PgStorage's onCommitted: this process's updates are durable; tell the others. */
  committed({ docKey, firstSeq, updates }: CommittedUpdates): void {
    const entry = this.rooms.get(docKey);
    if (entry) this.saw(docKey, entry, firstSeq, updates.length);
    this.publish(docKey, { kind: 'update', sender: this.processId, firstSeq, sentAt: Date.now(), updates });
    if (this.unannounced.has(docKey)) this.unannounced.set(docKey, firstSeq + updates.length - 1);
  }

  /** Whether Redis answers (readiness). */
  async ping(): Promise<void> {
    if (this.publisher.status !== 'ready' || this.subscriber.status !== 'ready')
      throw new Error('Redis is not connected');
    await this.timed('ping', () => this.publisher.ping());
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.membershipTimer);
    clearInterval(this.beatTimer);
    // Gone at once rather than at expiry, so the room's limit counts only live connections.
    if (this.publisher.status === 'ready' && this.members.size > 0) {
      const pipeline = this.publisher.pipeline();
      for (const [docKey, ids] of this.members)
        pipeline.zrem(membersKey(docKey), ...[...ids].map((id) => `${this.processId}:${id}`));
      await pipeline.exec().catch(() => {});
    }
    this.members.clear();
    for (const entry of this.rooms.values()) if (entry.catchUp) clearTimeout(entry.catchUp);
    this.rooms.clear();
    await Promise.all([
      this.publisher.quit().catch(() => this.publisher.disconnect()),
      this.subscriber.quit().catch(() => this.subscriber.disconnect()),
    ]);
  }

  private async refreshMembership(): Promise<void> {
    if (this.closed || this.publisher.status !== 'ready' || this.members.size === 0) return;
    const pipeline = this.publisher.pipeline();
    for (const [docKey, ids] of this.members)
      for (const id of ids)
        pipeline.eval(ADMIT_SCRIPT, 1, membersKey(docKey), MEMBERSHIP_TTL_MS, NO_LIMIT, `${this.processId}:${id}`);
    await this.timed('refresh', () => pipeline.exec()).catch(() => {});
  }

  /** Says this process is alive, and drops the presence of processes no longer heard. */
  private beat(): void {
    if (this.closed || this.publisher.status !== 'ready') return;
    this.timed('publish', () => this.publisher.publish(BEATS_CHANNEL, this.processId)).catch(() => {});
    const now = Date.now();
    // Not hearing ourselves means we are the one cut off: the others may be well.
    if (now - this.ownBeatHeardAt > PEER_GONE_AFTER_MS) return;
    for (const [peer, at] of this.lastHeard) {
      if (now - at <= PEER_GONE_AFTER_MS) continue;
      this.lastHeard.delete(peer);
      this.services.logger.info({ event: 'cluster.peer_gone', peer, silentMs: now - at });
      for (const entry of this.rooms.values()) if (!entry.early) entry.room.dropRemoteAwarenessOf(peer);
    }
  }

  private heard(processId: string): void {
    if (processId === this.processId) this.ownBeatHeardAt = Date.now();
    else this.lastHeard.set(processId, Date.now());
  }

  private publish(docKey: string, message: PeerMessage): void {
    if (this.closed) return;
    const failed = () => {
      if (message.kind === 'update') this.unannounced.set(docKey, message.firstSeq + message.updates.length - 1);
    };
    if (this.publisher.status !== 'ready') return failed();
    this.timed('publish', () => this.publisher.publish(channelOf(docKey), encodePeerMessage(message))).catch(failed);
  }

  private receive(channel: string, bytes: Buffer): void {
    const docKey = docKeyOfChannel(channel);
    const entry = docKey === null ? undefined : this.rooms.get(docKey);
    if (!entry || docKey === null) return;
    let message: PeerMessage;
    try {
      // A copy: a decoder reading a pooled Buffer past its end would read another message's bytes.
      message = decodePeerMessage(new Uint8Array(bytes));
    } catch (err) {
      this.services.metrics.peerMessagesDropped.inc();
      this.services.logger.warn({ event: 'cluster.bad_message', board: docKey, err: (err as Error).message });
      return;
    }
    if (message.sender === this.processId) return;
    this.heard(message.sender);
    if (entry.early) entry.early.push(message);
    else this.handle(docKey, entry, message);
  }

  private handle(docKey: string, entry: PeerRoom, message: PeerMessage): void {
    const { room } = entry;
    switch (message.kind) {
      case 'update': {
        try {
          for (const update of message.updates) room.applyRemoteUpdate(update);
        } catch (err) {
          this.services.metrics.peerMessagesDropped.inc();
          this.services.logger.warn({ event: 'cluster.bad_update', board: docKey, err: (err as Error).message });
        }
        this.services.metrics.clusterFanoutSeconds.observe(Math.max(0, Date.now() - message.sentAt) / 1000);
        this.saw(docKey, entry, message.firstSeq, message.updates.length);
        return;
      }
      case 'awareness':
        try {
          room.applyRemoteAwareness(message.update, message.sender);
        } catch {
          this.services.metrics.peerMessagesDropped.inc();
        }
        return;
      case 'query': {
        const local = room.localAwareness();
        if (local) this.publish(docKey, { kind: 'awareness', sender: this.processId, update: local });
        return;
      }
      case 'head':
        if (message.seq > entry.seq) this.scheduleReadBack(docKey, entry);
        return;
    }
  }

  /** Records that numbers first..first+count-1 are in the room, and looks for a gap. */
  private saw(docKey: string, entry: PeerRoom, first: number, count: number): void {
    const last = first + count - 1;
    if (last <= entry.seq) return;
    if (first <= entry.seq + 1) entry.seq = last;
    else entry.ahead.set(first, count);
    for (let next = entry.ahead.get(entry.seq + 1); next !== undefined; next = entry.ahead.get(entry.seq + 1)) {
      entry.ahead.delete(entry.seq + 1);
      entry.seq += next;
    }
    for (const [start, n] of entry.ahead) if (start + n - 1 <= entry.seq) entry.ahead.delete(start);
    if (entry.ahead.size > 0) this.scheduleReadBack(docKey, entry);
  }

  private scheduleReadBack(docKey: string, entry: PeerRoom): void {
    if (entry.catchUp || this.closed) return;
    entry.catchUp = setTimeout(() => {
      entry.catchUp = null;
      if (this.rooms.get(docKey) === entry) void this.readBack(docKey, entry);
    }, GAP_WAIT_MS);
    entry.catchUp.unref();
  }

  /** Reads from PostgreSQL every update numbered after what the room has, and applies it. */
  private async readBack(docKey: string, entry: PeerRoom): Promise<void> {
    if (entry.readingBack) return this.scheduleReadBack(docKey, entry);
    entry.readingBack = true;
    try {
      const from = entry.seq;
      const { updates, seq } = await this.services.storage.loadSince(docKey, from);
      if (this.rooms.get(docKey) !== entry) return;
      for (const update of updates) entry.room.applyRemoteUpdate(update);
      this.services.metrics.peerReadBacks.inc();
      this.services.logger.info({ event: 'cluster.read_back', board: docKey, from, to: seq, updates: updates.length });
      entry.seq = Math.max(entry.seq, seq);
      for (const [start, n] of entry.ahead) if (start + n - 1 <= entry.seq) entry.ahead.delete(start);
    } catch (err) {
      this.services.logger.warn({ event: 'cluster.read_back_failed', board: docKey, err: (err as Error).message });
      this.scheduleReadBack(docKey, entry);
    } finally {
      entry.readingBack = false;
    }
  }

  private async timed<T>(command: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await run();
    } catch (err) {
      this.services.metrics.redisErrors.labels(command).inc();
      throw err;
    } finally {
      this.services.metrics.redisSeconds.labels(command).observe((performance.now() - started) / 1000);
    }
  }
}
