/**
 * Every number that protects the server or the browser, and every close code,
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

// ------------------------------------------------------------- client timing

/** During a drag, positions go to the Y.Doc at most this often (design README: ~50 ms). */
export const DRAG_SYNC_INTERVAL_MS = 50;

/** Cursor positions go through awareness at most this often (design README: 30-50 ms). */
export const CURSOR_SYNC_INTERVAL_MS = 40;

/** Edits closer together than this merge into one undo step (Y.UndoManager captureTimeout). */
export const UNDO_CAPTURE_MS = 500;
