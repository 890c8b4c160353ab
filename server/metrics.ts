/**
 * The server's Prometheus metrics (the golden signals: traffic, latency,
 * errors, saturation), on a registry of its own so several servers can run in
 * one process (tests).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Message kinds as they are counted; `invalid` is a message the server could not read. */
export const MESSAGE_KINDS = ['sync_step1', 'sync_step2', 'update', 'awareness', 'query_awareness', 'invalid'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** The metrics of one server. */
export type ServerMetrics = ReturnType<typeof createMetrics>;

/** Traffic totals as plain numbers: the hot path adds to them, a scrape reads them. */
export interface TrafficTotals {
  received: Record<MessageKind, number>;
  sent: Record<MessageKind, number>;
  bytesReceived: number;
  bytesSent: number;
}

const zeroByKind = () => Object.fromEntries(MESSAGE_KINDS.map((kind) => [kind, 0])) as Record<MessageKind, number>;

/** Creates the registry and every metric, with Node's default process metrics. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  dropGaugesCalledTotal(registry);
  // Per-message counters are plain additions, copied into prom-client only when scraped:
  // a label lookup per message per connection would cost more than the rest of a send.
  const traffic: TrafficTotals = { received: zeroByKind(), sent: zeroByKind(), bytesReceived: 0, bytesSent: 0 };
  const byKindCounter = (name: string, help: string, totals: Record<MessageKind, number>) =>
    new Counter({
      name,
      help,
      labelNames: ['kind'],
      registers: [registry],
      collect() {
        this.reset();
        for (const kind of MESSAGE_KINDS) this.labels(kind).inc(totals[kind]);
      },
    });
  const totalCounter = (name: string, help: string, read: () => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  byKindCounter('archboard_messages_received_total', 'y-websocket messages received, by kind', traffic.received);
  byKindCounter('archboard_messages_sent_total', 'y-websocket messages sent, by kind', traffic.sent);
  totalCounter('archboard_received_bytes_total', 'WebSocket payload bytes received', () => traffic.bytesReceived);
  totalCounter('archboard_sent_bytes_total', 'WebSocket payload bytes sent', () => traffic.bytesSent);
  return {
    registry,
    traffic,
    connections: new Gauge({
      name: 'archboard_connections',
      help: 'Open WebSocket connections',
      registers: [registry],
    }),
    roomsLoaded: new Gauge({
      name: 'archboard_rooms_loaded',
      help: 'Documents loaded in memory',
      registers: [registry],
    }),
    updateSeconds: new Histogram({
      name: 'archboard_update_handling_seconds',
      help: 'Time to apply, persist and fan out one incoming document update',
      buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
      registers: [registry],
    }),
    roomLoadSeconds: new Histogram({
      name: 'archboard_room_load_seconds',
      help: 'Time to load a document from storage',
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers: [registry],
    }),
    storageErrors: new Counter({
      name: 'archboard_storage_errors_total',
      help: 'Failed storage operations (load, append, fold, compact)',
      registers: [registry],
    }),
    observerWritesDropped: new Counter({
      name: 'archboard_observer_writes_dropped_total',
      help: 'Document updates from observers, dropped',
      registers: [registry],
    }),
    lockedWritesDropped: new Counter({
      name: 'archboard_locked_writes_dropped_total',
      help: "Candidates' board updates that lost what a lock forbids (lock: requirements, replacement, or unseen: deletions of clocks the room has not seen)",
      labelNames: ['lock'] as const,
      registers: [registry],
    }),
    commentWritesDropped: new Counter({
      name: 'archboard_comment_writes_dropped_total',
      help: "Board updates that lost comment writes their sender's role may not make (another author, someone else's thread)",
      labelNames: ['role'] as const,
      registers: [registry],
    }),
    controlWritesDropped: new Counter({
      name: 'archboard_control_writes_dropped_total',
      help: 'Updates to interviewer-only documents from candidates or observers, dropped',
      registers: [registry],
    }),
    connectionsClosed: new Counter({
      name: 'archboard_connections_closed_by_server_total',
      help: 'Connections the server closed, by close code',
      labelNames: ['code'],
      registers: [registry],
    }),
    upgradesRefused: new Counter({
      name: 'archboard_upgrades_refused_total',
      help: 'WebSocket upgrades refused, by HTTP status (any path)',
      labelNames: ['status'],
      registers: [registry],
    }),
    httpRequests: new Counter({
      name: 'archboard_http_requests_total',
      help: 'HTTP requests answered, by route (never the raw URL) and status',
      labelNames: ['route', 'status'],
      registers: [registry],
    }),
    httpSeconds: new Histogram({
      name: 'archboard_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route',
      labelNames: ['route'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    clusterFanoutSeconds: new Histogram({
      name: 'archboard_cluster_fanout_seconds',
      help: 'From another process committing an update to its arrival here (shared mode; wall clocks of both)',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
    peerMessagesDropped: new Counter({
      name: 'archboard_cluster_messages_dropped_total',
      help: 'Messages from other processes that could not be read or applied (shared mode)',
      registers: [registry],
    }),
    peerReadBacks: new Counter({
      name: 'archboard_cluster_read_backs_total',
      help: 'Updates read back from PostgreSQL after pub/sub missed some (shared mode)',
      registers: [registry],
    }),
    redisErrors: new Counter({
      name: 'archboard_redis_errors_total',
      help: 'Redis connection and command errors, by connection or command',
      labelNames: ['operation'],
      registers: [registry],
    }),
    redisSeconds: new Histogram({
      name: 'archboard_redis_command_duration_seconds',
      help: 'Redis command round trips, by command',
      labelNames: ['operation'],
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
      registers: [registry],
    }),
    postgresErrors: new Counter({
      name: 'archboard_postgres_errors_total',
      help: 'Failed PostgreSQL statements, by operation (a retried append counts each failure)',
      labelNames: ['operation'],
      registers: [registry],
    }),
    postgresSeconds: new Histogram({
      name: 'archboard_postgres_query_duration_seconds',
      help: 'PostgreSQL statements, by operation',
      labelNames: ['operation'],
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
      registers: [registry],
    }),
  };
}

/**
 * prom-client adds three gauges named `nodejs_active_*_total`; `_total` is for
 * counters (promtool rejects them). Their values are the sums of the gauges
 * of the same name without `_total`, by type, which stay.
 */
function dropGaugesCalledTotal(registry: Registry): void {
  for (const metric of registry.getMetricsAsArray()) {
    const { name } = metric as unknown as { name: string };
    if (metric instanceof Gauge && name.endsWith('_total')) registry.removeSingleMetric(name);
  }
}
