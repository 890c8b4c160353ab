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
/** Values nested deeper than MAX_NESTING_DEPTH (Yjs would overflow its stack on them); nothing of the update was applied. */
export const CLOSE_UPDATE_TOO_DEEP = 4423;
/** A known field of a block or link set to a value of the wrong type (a label that is not text); nothing of the update was applied. */
export const CLOSE_WRONG_FIELD_TYPE = 4424;
/** The update depends on edits the server never received, and the room already holds MAX_PENDING_BYTES_PER_ROOM of such updates. */
export const CLOSE_TOO_MUCH_PENDING = 4425;
/** The document would grow past MAX_DOCUMENT_BYTES. */
export const CLOSE_DOCUMENT_TOO_LARGE = 4414;
/** Awareness for a client id this connection did not introduce (or more ids than MAX_AWARENESS_IDS_PER_CONNECTION, or a clock past MAX_AWARENESS_CLOCK). */
export const CLOSE_AWARENESS_NOT_YOURS = 4403;
/** An awareness state larger than MAX_AWARENESS_STATE_BYTES. */
export const CLOSE_AWARENESS_TOO_LARGE = 4431;
/** More messages than MESSAGE_RATE_PER_SECOND allows after the MESSAGE_BURST. */
export const CLOSE_RATE_LIMITED = 4429;
/** More bytes than BYTES_PER_SECOND_PER_CONNECTION allows after BYTES_BURST_PER_CONNECTION. */
export const CLOSE_BYTE_RATE_LIMITED = 4430;
/** Storage failed to load the document or to persist an update; the room is dropped and clients resend their edits when they reconnect. */
export const CLOSE_STORAGE_FAILURE = 4500;
/** The board's stored records are damaged (a failed checksum, an unreadable block): it cannot be loaded until the operator runs `archboard repair`; the other boards are served. Retried with backoff, so the page comes back by itself after the repair and resends what it holds. */
export const CLOSE_BOARD_DAMAGED = 4510;
/** MAX_CONNECTIONS_PER_ROOM reached; retried with backoff. */
export const CLOSE_ROOM_FULL = 4503;
/** MAX_LOADED_ROOMS reached and no idle room to unload; retried with backoff. */
export const CLOSE_SERVER_AT_CAPACITY = 4507;
/** The client read too slowly (MAX_BUFFERED_BYTES_PER_CONNECTION); it reconnects and catches up by sync. */
export const CLOSE_SLOW_CONSUMER = 4508;
/** Standard code: the server is shutting down; the client reconnects to its successor. */
export const CLOSE_GOING_AWAY = 1001;

/**
 * The reason each code is sent with on the wire: what the server logs and what
 * another client (or an operator reading a capture) sees. Call sites add only
 * a detail (the limit that was passed, the part that was unreadable).
 */
const CLOSE_REASONS = {
  [CLOSE_MALFORMED_MESSAGE]: 'not a y-websocket message',
  [CLOSE_MESSAGE_TOO_LARGE]: 'message too large',
  [CLOSE_BAD_UPDATE]: 'the update could not be applied',
  [CLOSE_UPDATE_TOO_DEEP]: 'the update nests values too deeply',
  [CLOSE_WRONG_FIELD_TYPE]: 'a field of the board set to a value of the wrong type',
  [CLOSE_TOO_MUCH_PENDING]: 'the update depends on edits the server never received',
  [CLOSE_DOCUMENT_TOO_LARGE]: 'the board would grow past its size limit',
  [CLOSE_AWARENESS_NOT_YOURS]: "presence that is not this connection's",
  [CLOSE_AWARENESS_TOO_LARGE]: 'presence too large',
  [CLOSE_RATE_LIMITED]: 'too many messages',
  [CLOSE_BYTE_RATE_LIMITED]: 'too many bytes per second',
  [CLOSE_STORAGE_FAILURE]: 'the server could not reach its storage; retrying',
  [CLOSE_BOARD_DAMAGED]: "the board's stored data is damaged; it waits for repair",
  [CLOSE_ROOM_FULL]: 'the board has as many connections as it allows; retrying',
  [CLOSE_SERVER_AT_CAPACITY]: 'the server holds as many boards as it can; retrying',
  [CLOSE_SLOW_CONSUMER]: 'the client reads too slowly',
  [CLOSE_GOING_AWAY]: 'server shutting down',
} as const;

/** A close code the server sends. */
export type CloseCode = keyof typeof CLOSE_REASONS;

/** A close reason may hold 123 bytes of UTF-8 at most (RFC 6455); ws throws on a longer one. */
const MAX_REASON_BYTES = 123;

/** The reason sent with `code`: its text, then the detail when there is one, cut at a character to fit a close frame. */
export function closeReason(code: CloseCode, detail?: string): string {
  const full = detail ? `${CLOSE_REASONS[code]}: ${detail}` : CLOSE_REASONS[code];
  const bytes = new TextEncoder().encode(full);
  if (bytes.byteLength <= MAX_REASON_BYTES) return full;
  // fatal: false turns a character cut in half into U+FFFD, which is dropped.
  return new TextDecoder().decode(bytes.subarray(0, MAX_REASON_BYTES)).replace(/\uFFFD$/, '');
}

/** What the page tells the person about a close: a short label for the connection badge and one sentence. */
export interface CloseText {
  label: string;
  text: string;
}

/** What to tell the person when the server closed their connection with a code. */
export const CLOSE_CODE_TEXTS: Readonly<Record<CloseCode, CloseText>> = Object.freeze({
  [CLOSE_MALFORMED_MESSAGE]: { label: 'Refused', text: 'The server could not read a message from this page.' },
  [CLOSE_MESSAGE_TOO_LARGE]: { label: 'Edit too large', text: 'An edit was too large for the server to accept.' },
  [CLOSE_BAD_UPDATE]: { label: 'Edit refused', text: 'The server could not apply an edit from this page.' },
  [CLOSE_UPDATE_TOO_DEEP]: {
    label: 'Edit refused',
    text: 'An edit nested values too deeply; the server refused it.',
  },
  [CLOSE_WRONG_FIELD_TYPE]: {
    label: 'Edit refused',
    text: 'An edit put a value of the wrong type into the board; the server refused it.',
  },
  [CLOSE_TOO_MUCH_PENDING]: {
    label: 'Edit refused',
    text: 'An edit depends on changes the server never received; the server refused it.',
  },
  [CLOSE_DOCUMENT_TOO_LARGE]: {
    label: 'Board too big',
    text: 'This board has reached the largest size the server keeps.',
  },
  [CLOSE_AWARENESS_NOT_YOURS]: {
    label: 'Presence refused',
    text: 'This page sent presence for someone else; the server refused it.',
  },
  [CLOSE_AWARENESS_TOO_LARGE]: {
    label: 'Presence too large',
    text: 'This page sent more presence data than the server relays.',
  },
  [CLOSE_RATE_LIMITED]: { label: 'Rate limited', text: 'This page sent more messages than the server allows.' },
  [CLOSE_BYTE_RATE_LIMITED]: {
    label: 'Rate limited',
    text: 'This page sent more data per second than the server allows.',
  },
  [CLOSE_STORAGE_FAILURE]: { label: 'Storage failing', text: 'The server could not reach its storage; reconnecting.' },
  [CLOSE_BOARD_DAMAGED]: {
    label: 'Board damaged',
    text: "The server's stored copy of this board is damaged and waits for repair; keep this page open, it reconnects and resends your copy.",
  },
  [CLOSE_ROOM_FULL]: { label: 'Board full', text: 'The board has as many people as it allows; retrying.' },
  [CLOSE_SERVER_AT_CAPACITY]: {
    label: 'Server full',
    text: 'The server holds as many boards as it can; retrying.',
  },
  [CLOSE_SLOW_CONSUMER]: { label: 'Too slow', text: 'This page read updates too slowly; reconnecting.' },
  [CLOSE_GOING_AWAY]: { label: 'Server restarting', text: 'The server is restarting; reconnecting.' },
});

/**
 * What to tell the person about a close event: the code's text when it is one
 * of ours, else the reason the server gave, else the code when the client
 * gives up on it, else nothing (a network drop, 1006: the page just reconnects).
 */
export function closeText(code: number, reason = ''): CloseText | null {
  const known = (CLOSE_CODE_TEXTS as Readonly<Record<number, CloseText | undefined>>)[code];
  if (known) return known;
  if (reason) return { label: 'Disconnected', text: `The server closed the connection: ${reason}.` };
  if (isFinalClose(code)) return { label: 'Disconnected', text: `The server closed the connection (code ${code}).` };
  return null;
}

/** Whether the client gives up after this close: the stock y-websocket client stops on 4400-4499. */
export function isFinalClose(code: number): boolean {
  return code >= 4400 && code < 4500;
}

/**
 * The HTTP statuses with which the server refuses a board's link (GET
 * /api/boards/<id> and the WebSocket upgrade), and what each tells the person.
 */
export const REFUSAL_TEXTS: Readonly<Record<401 | 403 | 404, CloseText>> = Object.freeze({
  401: {
    label: 'Link not valid',
    text: 'This link’s access token is not valid for this board. Ask for a new link.',
  },
  403: { label: 'No permission', text: 'This link does not give access to this part of the board.' },
  404: {
    label: 'Board not found',
    text: 'There is no board at this address. Check the link, or start a new board.',
  },
});
