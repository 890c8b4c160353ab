/**
 * The limits one server runs with: the defaults of src/limits.ts, each
 * replaceable per server (tests shorten the unload grace or the rate; the
 * numbers themselves and their reasons live in src/limits.ts only).
 */
import {
  BYTES_BURST_PER_CONNECTION,
  BYTES_PER_SECOND_PER_CONNECTION,
  MAX_AWARENESS_IDS_PER_CONNECTION,
  MAX_AWARENESS_STATE_BYTES,
  MAX_DOCUMENT_BYTES,
  MAX_PENDING_BYTES_PER_ROOM,
  BOARD_CREATE_ADDRESSES_TRACKED,
  BOARD_CREATE_BURST,
  BOARD_CREATE_RATE_PER_MINUTE,
  HTTP_HEADERS_TIMEOUT_MS,
  HTTP_KEEP_ALIVE_TIMEOUT_MS,
  HTTP_REQUEST_TIMEOUT_MS,
  HTTP_TIMEOUT_CHECK_INTERVAL_MS,
  MAX_BUFFERED_BYTES_PER_CONNECTION,
  MAX_CONNECTIONS_PER_ROOM,
  MAX_HTTP_BODY_BYTES,
  MAX_LOADED_ROOMS,
  MAX_MESSAGE_BYTES,
  MESSAGE_BURST,
  MESSAGE_RATE_PER_SECOND,
  PING_INTERVAL_MS,
  ROOM_UNLOAD_GRACE_MS,
} from '../src/limits';

/** Limits of one server instance. */
export interface ServerLimits {
  maxMessageBytes: number;
  maxConnectionsPerRoom: number;
  messageRatePerSecond: number;
  messageBurst: number;
  maxLoadedRooms: number;
  pingIntervalMs: number;
  roomUnloadGraceMs: number;
  maxHttpBodyBytes: number;
  maxBufferedBytesPerConnection: number;
  httpHeadersTimeoutMs: number;
  httpRequestTimeoutMs: number;
  httpKeepAliveTimeoutMs: number;
  httpTimeoutCheckIntervalMs: number;
  boardCreateRatePerMinute: number;
  boardCreateBurst: number;
  boardCreateAddressesTracked: number;
  maxDocumentBytes: number;
  maxPendingBytesPerRoom: number;
  bytesPerSecondPerConnection: number;
  bytesBurstPerConnection: number;
  maxAwarenessStateBytes: number;
  maxAwarenessIdsPerConnection: number;
}

/** The production limits. */
export const DEFAULT_SERVER_LIMITS: Readonly<ServerLimits> = Object.freeze({
  maxMessageBytes: MAX_MESSAGE_BYTES,
  maxConnectionsPerRoom: MAX_CONNECTIONS_PER_ROOM,
  messageRatePerSecond: MESSAGE_RATE_PER_SECOND,
  messageBurst: MESSAGE_BURST,
  maxLoadedRooms: MAX_LOADED_ROOMS,
  pingIntervalMs: PING_INTERVAL_MS,
  roomUnloadGraceMs: ROOM_UNLOAD_GRACE_MS,
  maxHttpBodyBytes: MAX_HTTP_BODY_BYTES,
  maxBufferedBytesPerConnection: MAX_BUFFERED_BYTES_PER_CONNECTION,
  httpHeadersTimeoutMs: HTTP_HEADERS_TIMEOUT_MS,
  httpRequestTimeoutMs: HTTP_REQUEST_TIMEOUT_MS,
  httpKeepAliveTimeoutMs: HTTP_KEEP_ALIVE_TIMEOUT_MS,
  httpTimeoutCheckIntervalMs: HTTP_TIMEOUT_CHECK_INTERVAL_MS,
  boardCreateRatePerMinute: BOARD_CREATE_RATE_PER_MINUTE,
  boardCreateBurst: BOARD_CREATE_BURST,
  boardCreateAddressesTracked: BOARD_CREATE_ADDRESSES_TRACKED,
  maxDocumentBytes: MAX_DOCUMENT_BYTES,
  maxPendingBytesPerRoom: MAX_PENDING_BYTES_PER_ROOM,
  bytesPerSecondPerConnection: BYTES_PER_SECOND_PER_CONNECTION,
  bytesBurstPerConnection: BYTES_BURST_PER_CONNECTION,
  maxAwarenessStateBytes: MAX_AWARENESS_STATE_BYTES,
  maxAwarenessIdsPerConnection: MAX_AWARENESS_IDS_PER_CONNECTION,
});
