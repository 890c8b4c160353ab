/**
 * The server's Prometheus metrics (the golden signals: traffic, latency,
 * errors, saturation), on a registry of its own so several servers can run in
 * one process (tests). Hot paths hold pre-labelled children, not label lookups.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Message kinds as they are counted; `invalid` is a message the server could not read. */
export const MESSAGE_KINDS = ['sync_step1', 'sync_step2', 'update', 'awareness', 'query_awareness', 'invalid'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** The metrics of one server. */
export type ServerMetrics = ReturnType<typeof createMetrics>;

/** Creates the registry and every metric, with Node's default process metrics. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const messagesReceived = new Counter({ name: 'archboard_messages_received_total', help: 'y-websocket messages received, by kind', labelNames: ['kind'], registers: [registry] });
  const messagesSent = new Counter({ name: 'archboard_messages_sent_total', help: 'y-websocket messages sent, by kind', labelNames: ['kind'], registers: [registry] });
  // Children made up front (and set to 0, so every series shows from the start).
  const byKind = (counter: Counter<'kind'>) =>
    Object.fromEntries(
      MESSAGE_KINDS.map((kind) => {
        const child = counter.labels(kind);
        child.inc(0);
        return [kind, child];
      }),
    ) as Record<MessageKind, { inc(n?: number): void }>;
  return {
    registry,
    connections: new Gauge({ name: 'archboard_connections', help: 'Open WebSocket connections', registers: [registry] }),
    roomsLoaded: new Gauge({ name: 'archboard_rooms_loaded', help: 'Documents loaded in memory', registers: [registry] }),
    received: byKind(messagesReceived),
    sent: byKind(messagesSent),
    bytesReceived: new Counter({ name: 'archboard_received_bytes_total', help: 'WebSocket payload bytes received', registers: [registry] }),
    bytesSent: new Counter({ name: 'archboard_sent_bytes_total', help: 'WebSocket payload bytes sent', registers: [registry] }),
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
    storageErrors: new Counter({ name: 'archboard_storage_errors_total', help: 'Failed storage operations (load, append, fold, compact)', registers: [registry] }),
    observerWritesDropped: new Counter({ name: 'archboard_observer_writes_dropped_total', help: 'Document updates from observers, dropped', registers: [registry] }),
    connectionsClosed: new Counter({ name: 'archboard_connections_closed_by_server_total', help: 'Connections the server closed, by close code', labelNames: ['code'], registers: [registry] }),
    upgradesRefused: new Counter({ name: 'archboard_upgrades_refused_total', help: 'WebSocket upgrades refused, by HTTP status', labelNames: ['status'], registers: [registry] }),
  };
}
