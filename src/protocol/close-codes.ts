/**
 * Every WebSocket close code the sync server sends, in one module that the
 * server and the client share: the server closes with these, the client reads
 * them to tell the person what happened. Limits live in src/limits.ts.
 */

// Application close codes (RFC 6455 private range 4000-4999). The stock
// y-websocket client stops reconnecting on 4400-4499 (the server decided and a
// retry cannot help) and retries with backoff on anything else, so 44xx means
// "this client is at fault" and 45xx "try again later". HTTP statuses inspire
// the last two digits. Upgrades are refused before these apply: HTTP 401 for a
// missing or wrong token, 403 for a valid board token without access to the
// document (candidate or observer on /private), 404 for a path that is no
// document, 503 while the server shuts down.

/** Not a y-websocket message: undecodable, a text frame, or an unknown message type. */
export const CLOSE_MALFORMED_MESSAGE = 4400;
/** A message larger than MAX_MESSAGE_BYTES. */
export const CLOSE_MESSAGE_TOO_LARGE = 4413;
/** A Yjs update that Yjs could not apply. Whatever part of it Yjs integrated was persisted and broadcast like any edit, so every replica still agrees. */
export const CLOSE_BAD_UPDATE = 4422;
/** More messages than MESSAGE_RATE_PER_SECOND allows after the MESSAGE_BURST. */
export const CLOSE_RATE_LIMITED = 4429;
/** Storage failed to load the document or to persist an update; the room is dropped and clients resend their edits when they reconnect. */
export const CLOSE_STORAGE_FAILURE = 4500;
/** MAX_CONNECTIONS_PER_ROOM reached; retried with backoff. */
export const CLOSE_ROOM_FULL = 4503;
/** MAX_LOADED_ROOMS reached and no idle room to unload; retried with backoff. */
export const CLOSE_SERVER_AT_CAPACITY = 4507;
/** The client read too slowly (MAX_BUFFERED_BYTES_PER_CONNECTION); it reconnects and catches up by sync. */
export const CLOSE_SLOW_CONSUMER = 4508;
/** Standard code: the server is shutting down; the client reconnects to its successor. */
export const CLOSE_GOING_AWAY = 1001;
