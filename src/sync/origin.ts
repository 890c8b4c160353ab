/**
 * Transaction origins. Every local edit goes through `doc.transact(fn, LOCAL)`;
 * the undo manager tracks only LOCAL, so remote changes are never undoable
 * (after Excalidraw's CaptureUpdateAction.NEVER for remote updates).
 */
export const LOCAL = Symbol('archboard-local');

/** Local writes that must not become undo steps (the shared timer). */
export const LOCAL_UNTRACKED = Symbol('archboard-local-untracked');
