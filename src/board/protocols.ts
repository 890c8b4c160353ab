/**
 * Link protocols: how each is drawn and which one a new link gets. The UI
 * styles links by `dash`; a link with `async` or an async protocol is dashed.
 */
import { hasRole } from './catalog';

export interface ProtocolInfo {
  id: string;
  label: string;
  /** Events and other fire-and-forget protocols are asynchronous by nature. */
  async: boolean;
  description: string;
}

export const PROTOCOLS: readonly ProtocolInfo[] = [
  { id: 'http', label: 'HTTP', async: false, description: 'Request and response (REST, GraphQL)' },
  { id: 'grpc', label: 'gRPC', async: false, description: 'Binary RPC between services' },
  { id: 'websocket', label: 'WebSocket', async: false, description: 'A long-lived connection for push' },
  { id: 'event', label: 'Event', async: true, description: 'A message on a queue or stream' },
  { id: 'query', label: 'Query', async: false, description: 'Reads and writes to a datastore' },
  { id: 'replication', label: 'Replication', async: true, description: 'Copies data to another replica or region' },
];

const byId = new Map(PROTOCOLS.map((p) => [p.id, p]));

export function protocolInfo(id: string | undefined): ProtocolInfo | undefined {
  return id === undefined ? undefined : byId.get(id);
}

/** Words in a drawn diagram's link label that name a protocol of ours (imports read them). */
const PROTOCOL_WORDS: ReadonlyArray<[RegExp, string]> = [
  [/\breplicat(e|es|ed|ion|ing)\b/i, 'replication'],
  [/\bgrpc\b/i, 'grpc'],
  [/\bweb ?sockets?\b/i, 'websocket'],
  [/\bevents?\b|\bpublish(es)?\b|\bsubscribe(s)?\b/i, 'event'],
];

/** The protocol a link label names ("Cross-AZ Replication", "gRPC", "EVENT tweet.created"), if it names one. */
export function protocolNamedIn(label: string | undefined): string | undefined {
  if (!label) return undefined;
  return PROTOCOL_WORDS.find(([words]) => words.test(label))?.[1];
}

/** Whether a link is asynchronous: marked so, or of an async protocol. */
export function isAsyncLink(link: { async?: boolean; protocol?: string }): boolean {
  return link.async ?? protocolInfo(link.protocol)?.async ?? false;
}

/** The protocol a new link between two kinds most likely speaks. */
export function defaultProtocol(fromKind: string, toKind: string): string {
  if (hasRole(toKind, 'queue') || hasRole(fromKind, 'queue')) return 'event';
  if (hasRole(toKind, 'datastore') || hasRole(toKind, 'cache')) return 'query';
  if (hasRole(toKind, 'push') && hasRole(fromKind, 'client')) return 'websocket';
  return 'http';
}
