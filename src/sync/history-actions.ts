/**
 * Writes that come from the board's history: restoring a moment, named
 * versions (shared, in the board doc) and evidence pins (the interviewer's,
 * in the private doc).
 *
 * Versions are plain values under `session` keys `version:<id>` and pins
 * plain values of the private doc's top-level `pins` map: no nested shared
 * type is created, so two people adding one at once never lose either.
 */
import type * as Y from 'yjs';
import type { Board } from '../board/types';
import { newId } from '../board/ops';
import { applyOpsToDoc, sessionOf, type SessionOp } from '../doc/board-doc';
import type { HistoryAuthor } from './history-client';
import { LOCAL, LOCAL_UNTRACKED } from './origin';

/**
 * Makes the live board equal `board` (a moment of its history) in one LOCAL
 * transaction: one forward change, one undo step, and like any edit it goes
 * into the history, which therefore keeps everything before it.
 */
export function restoreBoard(doc: Y.Doc, undo: Y.UndoManager, board: Board): void {
  undo.stopCapturing();
  doc.transact(() => applyOpsToDoc(doc, [{ op: 'replace-board', board }]), LOCAL);
  undo.stopCapturing();
}

/** A named moment of the board. */
export interface BoardVersion {
  id: string;
  name: string;
  /** Server time of the moment, ms. */
  t: number;
  by: HistoryAuthor | null;
}

const VERSION_PREFIX = 'version:';

function readVersion(id: string, value: unknown): BoardVersion | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const by = v.by as Record<string, unknown> | null | undefined;
  if (typeof v.name !== 'string' || typeof v.t !== 'number' || !Number.isFinite(v.t)) return null;
  const role = by?.role;
  const author: HistoryAuthor | null =
    by && typeof by.name === 'string' && (role === 'interviewer' || role === 'candidate')
      ? { name: by.name, role }
      : null;
  return { id, name: v.name, t: v.t, by: author };
}

/** The shared type the versions live in: observe it to follow them. */
export const versionsTypeOf = (doc: Y.Doc) => sessionOf(doc);

/** The board's named versions, oldest first; malformed entries are skipped. */
export function readVersions(doc: Y.Doc): BoardVersion[] {
  const versions: BoardVersion[] = [];
  for (const [key, value] of sessionOf(doc).entries()) {
    if (!key.startsWith(VERSION_PREFIX)) continue;
    const version = readVersion(key.slice(VERSION_PREFIX.length), value);
    if (version) versions.push(version);
  }
  return versions.sort((a, b) => a.t - b.t);
}

/** Names the moment `t`. Not an undo step: undoing a drawing edit must not drop a version. */
export function addVersion(doc: Y.Doc, version: Omit<BoardVersion, 'id'>): string {
  const { id, op } = addVersionOp(version);
  doc.transact(() => applyOpsToDoc(doc, [op]), LOCAL_UNTRACKED);
  return id;
}

/** The op that names a moment (the editing API's `addVersion` applies it). */
export function addVersionOp(version: Omit<BoardVersion, 'id'>): { id: string; op: SessionOp } {
  const id = newId('v');
  return { id, op: { op: 'add-version', key: VERSION_PREFIX + id, version } };
}

/** Evidence: a scorecard note pinned to a moment and to blocks. */
export interface EvidencePin {
  id: string;
  /** Server time of the moment, ms. */
  t: number;
  note: string;
  blocks: string[];
  /** Interview time at the moment (since the clock first started), when known. */
  elapsedMs?: number;
}

export const pinsOf = (privateDoc: Y.Doc) => privateDoc.getMap<unknown>('pins');

/** The pins, oldest moment first; malformed entries are skipped. */
export function readPins(privateDoc: Y.Doc): EvidencePin[] {
  const pins: EvidencePin[] = [];
  for (const [id, value] of pinsOf(privateDoc).entries()) {
    if (typeof value !== 'object' || value === null) continue;
    const v = value as Record<string, unknown>;
    if (typeof v.note !== 'string' || typeof v.t !== 'number' || !Number.isFinite(v.t)) continue;
    const blocks = Array.isArray(v.blocks) ? v.blocks.filter((b): b is string => typeof b === 'string') : [];
    const elapsedMs = typeof v.elapsedMs === 'number' && Number.isFinite(v.elapsedMs) ? v.elapsedMs : undefined;
    pins.push({ id, t: v.t, note: v.note, blocks, ...(elapsedMs !== undefined ? { elapsedMs } : {}) });
  }
  return pins.sort((a, b) => a.t - b.t);
}

/** Pins a note to a moment and to blocks. */
export function addPin(privateDoc: Y.Doc, pin: Omit<EvidencePin, 'id'>): string {
  const id = newId('pin');
  privateDoc.transact(() => pinsOf(privateDoc).set(id, { ...pin, blocks: [...pin.blocks] }), LOCAL);
  return id;
}

/** Removes a pin. */
export function removePin(privateDoc: Y.Doc, id: string): void {
  privateDoc.transact(() => pinsOf(privateDoc).delete(id), LOCAL);
}
