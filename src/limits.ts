/**
 * Every number that protects the server or the browser,
 * in one place with the reason it is that number. Server, client, CLI and tests
 * import from here; no other module hard-codes a limit.
 */

// ---------------------------------------------------------------- board files

/** Largest board file accepted by import, the CLI and templates. A 1,000-block board is about 200 KB. */
export const MAX_BOARD_FILE_BYTES = 5 * 1024 * 1024;

/** Most blocks a board file may hold: ten times the largest board we benchmark drawing with. */
export const MAX_BLOCKS = 5_000;

/** Most links a board file may hold. */
export const MAX_LINKS = 10_000;

/** Longest label, technology or link label, in characters: a card shows two lines at most. */
export const MAX_LABEL_CHARS = 200;

/** Longest free text (block notes, note topics, the prompt), in characters. */
export const MAX_TEXT_CHARS = 100_000;

/** Largest replica count: beyond this a number is a typo, not a design. */
export const MAX_REPLICAS = 10_000;

/** Largest fan-out a link may state: a celebrity's million followers is a real design; more is a typo. */
export const MAX_FAN_OUT = 10_000_000;

/** Most points in one pen stroke or loose arrow. A long, slow stroke sampled at 120 Hz for 20 s has 2,400; the pen thins its points as it draws, so this bounds only hand-made files. */
export const MAX_STROKE_POINTS = 5_000;

/** Largest font size of free text, in flow pixels: a heading across the board, not a typo. */
export const MAX_FONT_SIZE = 200;

// ------------------------------------------------------------- client timing

/** During a drag, positions go to the Y.Doc at most this often (~50 ms keeps motion smooth on the other screens). */
export const DRAG_SYNC_INTERVAL_MS = 50;

/** Cursor positions go through awareness at most this often (30-50 ms keeps motion smooth on the other screens). */
export const CURSOR_SYNC_INTERVAL_MS = 40;

/** A laser pointer's trail fades over this long: long enough to follow a gesture, short enough not to clutter. */
export const LASER_TRAIL_MS = 1_200;

/** Edits closer together than this merge into one undo step (Y.UndoManager captureTimeout). */
export const UNDO_CAPTURE_MS = 500;

// ------------------------------------------------------------------ server
// The sync server's protections. A number here bounds what one client, one
// room or one process may cost; the server never hard-codes another.

/** Largest y-websocket message the server reads (1 MiB). A 1,000-block board encodes to about 200 KB, so a full sync of the largest boards we draw fits five times; anything bigger is a bug or an attack. Closed with CLOSE_MESSAGE_TOO_LARGE. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** The cut-off `ws` itself applies (its maxPayload), above MAX_MESSAGE_BYTES so that messages just over our limit get our clear code; frames over this are refused by `ws` from their header alone (standard close 1009) and never buffered. */
export const WS_MAX_PAYLOAD_BYTES = 2 * MAX_MESSAGE_BYTES;

/** Connections on one document at once. An interview has two to five people; 50 leaves room for a class watching while bounding the fan-out of one update (50 sends). Refused with CLOSE_ROOM_FULL. */
export const MAX_CONNECTIONS_PER_ROOM = 50;

/** Sustained messages per second per connection. A busy client sends ~20 drag updates/s and ~25 cursor updates/s; twice that plus margin is 100. */
export const MESSAGE_RATE_PER_SECOND = 100;

/** Token-bucket burst per connection: a reconnect after editing offline, a paste of many blocks or a tab waking up sends a few hundred messages at once. */
export const MESSAGE_BURST = 400;

/** Documents held in memory at once; a new one past this is refused with CLOSE_SERVER_AT_CAPACITY (idle rooms in their grace period are unloaded first). A small board's room costs tens of KB (bench/RESULTS.md), so 5,000 rooms stay well under 1 GB of heap. */
export const MAX_LOADED_ROOMS = 5_000;

/** The server pings each connection this often; one that has not answered by the next ping is dead and is dropped. Browsers answer pings by themselves; 30 s matches the y-websocket client's own 30 s silence watchdog. */
export const PING_INTERVAL_MS = 30_000;

/** A room stays loaded this long after its last connection leaves, so a page reload or a flaky network does not reload and recompact it. */
export const ROOM_UNLOAD_GRACE_MS = 30_000;

/** Largest REST request body. Creating a board takes a template id and a title: a few hundred bytes. */
export const MAX_HTTP_BODY_BYTES = 16 * 1024;

/** Bytes queued for one slow client before the server gives up on it (CLOSE_SLOW_CONSUMER): 8 full-size messages. Without it one stalled reader holds every update of a busy room in memory. */
export const MAX_BUFFERED_BYTES_PER_CONNECTION = 8 * MAX_MESSAGE_BYTES;

/** The write-ahead log is folded into LevelDB this often. Every update is already durable in the log; folding keeps the log short and the replay on start fast. */
export const WAL_FOLD_INTERVAL_MS = 1_000;

/** ...or as soon as this many bytes wait in the log, so a burst cannot grow the log (and the memory holding it until the fold) without bound. */
export const WAL_FOLD_BYTES = 4 * 1024 * 1024;

/** Shared mode: append statements one process keeps in flight at once, each for other boards, so a slow commit holds up only its own boards' updates. More would mostly queue inside PostgreSQL; fewer means waiting behind a slow one. */
export const PG_APPEND_STATEMENTS_IN_FLIGHT = 4;

// ------------------------------------------------------------------- HTTP
// What one HTTP client may hold of the server: a request that is never
// finished, or a flood of new boards, costs a descriptor or a document each.

/** A request's headers must arrive within this (Node's headersTimeout). Browsers send them in one packet; a client that trickles them (slowloris) holds a file descriptor, so 10 s, not Node's 60 s. */
export const HTTP_HEADERS_TIMEOUT_MS = 10_000;

/** A whole request, body included, must arrive within this (Node's requestTimeout). Our largest body is MAX_HTTP_BODY_BYTES (16 KB): seconds even on a bad mobile link. */
export const HTTP_REQUEST_TIMEOUT_MS = 30_000;

/** An idle keep-alive connection is closed after this. A page loads its assets in a burst, then talks over the WebSocket. */
export const HTTP_KEEP_ALIVE_TIMEOUT_MS = 5_000;

/** How often Node checks the two timeouts above (its connectionsCheckingInterval, 30 s by default, would let a stalled request live 40 s). */
export const HTTP_TIMEOUT_CHECK_INTERVAL_MS = 1_000;

/** After answering a broken request, its socket is destroyed at the latest this long after: a client that never reads must not keep the descriptor. */
export const HTTP_ERROR_LINGER_MS = 1_000;

/** Boards one client address may create per minute, sustained: an interviewer creates a few a day, a workshop a few a minute. */
export const BOARD_CREATE_RATE_PER_MINUTE = 20;

/** Boards one address may create at once before BOARD_CREATE_RATE_PER_MINUTE applies: a workshop of 60 behind one NAT starting together. */
export const BOARD_CREATE_BURST = 60;

/** Client addresses whose creation budget is remembered; past this the longest-unused is forgotten (a flood of addresses cannot grow memory, and a forgotten address only gets a fresh burst). */
export const BOARD_CREATE_ADDRESSES_TRACKED = 10_000;

// ----------------------------------------------------------------- history
// The server keeps every update of a board with its time and author; old
// history is coarsened when a room unloads (server/history/coarsen.ts).

/** History younger than this keeps every update: a same-day debrief scrubs edit by edit. */
export const HISTORY_RAW_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Up to this age history keeps the updates of each second (per author); older history keeps each minute. A month covers hiring decisions and a re-review; after that minute steps still tell the story. */
export const HISTORY_SECOND_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** Longest author name kept with an update: the app lets people type 40 characters. */
export const MAX_AUTHOR_NAME_CHARS = 40;

// ------------------------------------------------------- document structure
// What a document and its values may look like, checked where they enter:
// the server before it applies an update, the board format when it reads a file.

/** Deepest nesting of maps, lists and shared types in a document or a board file. The board layout nests 3 levels and a template's JSON 7; Yjs, lib0 and JSON.stringify recurse once per level, so 3,000 levels overflow the stack and freeze a room or a page. */
export const MAX_NESTING_DEPTH = 32;

/** Largest document the server keeps, in bytes of its encoded state. A 1,000-block board is about 200 KB and a long session's notes a few hundred KB more, so 8 MiB is 20 times what a real board reaches; past it an edit is refused with CLOSE_DOCUMENT_TOO_LARGE instead of growing memory, disk and every join without bound. */
export const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

/** Bytes of updates a room holds back because they depend on items it does not have (Yjs's pending structs). Honest clients send in causal order over one socket, so this stays empty; an attacker's withheld first part is refused past this (CLOSE_TOO_MUCH_PENDING) instead of being held, then released as one huge broadcast. */
export const MAX_PENDING_BYTES_PER_ROOM = 256 * 1024;

/** Sustained bytes per second one connection may send. Dragging sends ~2 KB/s, typing less; a pasted board of 1,000 blocks is ~200 KB once. Past the burst, closed with CLOSE_BYTE_RATE_LIMITED. */
export const BYTES_PER_SECOND_PER_CONNECTION = 256 * 1024;

/** Bytes one connection may send at once before BYTES_PER_SECOND_PER_CONNECTION applies: a reconnect sends the whole board in one sync step (one message, at most MAX_MESSAGE_BYTES), so two of those. */
export const BYTES_BURST_PER_CONNECTION = 2 * MAX_MESSAGE_BYTES;

/** Largest awareness state (one person's presence as JSON). A selection of 1,000 blocks with 20-character ids is ~25 KB; cursors and viewports are a few hundred bytes. Larger is refused with CLOSE_AWARENESS_TOO_LARGE before it is relayed to everyone. */
export const MAX_AWARENESS_STATE_BYTES = 32 * 1024;

/** Awareness client ids one connection may introduce. A client uses one (its document's clientID); Yjs picks a new one after an id collision, so a few. Past this, or for an id another connection introduced, closed with CLOSE_AWARENESS_NOT_YOURS. */
export const MAX_AWARENESS_IDS_PER_CONNECTION = 4;

/** Highest awareness clock accepted. A client counts up once per presence change (~25 a second while moving): 2^40 lasts 1,400 years, while a clock near 2^53 pins a state (the server's +1 on leave no longer changes the number, so the ghost stays). */
export const MAX_AWARENESS_CLOCK = 2 ** 40;

// ------------------------------------------------------ client connection

/** The page asks the server for a reply (query-awareness) this often while connected; any message counts as a sign of life. */
export const CLIENT_PING_INTERVAL_MS = 2_000;

/** No message from the server for this long and the page drops the connection and reconnects, showing "reconnecting": a cut network (no FIN, no RST) otherwise looks connected for the 30 s of y-websocket's own watchdog, and edits sent into it are lost with the socket. */
export const CLIENT_DEAD_AFTER_MS = 5_000;

// ---------------------------------------------------------------- comments

/** Longest comment or reply, in characters: a paragraph of review, not a design document (the notes hold those). */
export const MAX_COMMENT_CHARS = 2_000;

/** Most comment threads a board (or the interviewer's private document) keeps of each author role: a busy 60-minute interview pins a few dozen. */
export const MAX_COMMENT_THREADS = 500;

/** Most replies in one thread of each author role: a conversation that long belongs in the room, not on a pin. */
export const MAX_COMMENT_REPLIES = 200;

/** Longest name kept as a comment's author or a mention: the presence name's own limit is lower, so any real name fits. */
export const MAX_COMMENT_NAME_CHARS = 80;
