/**
 * History entries as bytes (for stores that keep them as binary values: the
 * write-ahead log, LevelDB) and the range and order rules every store applies.
 *
 * An entry is `varuint t | varuint role (0 none, 1 + index in PARTICIPANT_ROLES) |
 * varstring name (only with a role) | varbytes update` (lib0 encoding).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { PARTICIPANT_ROLES } from '../../src/protocol/roles';
import type { HistoryEntry, HistoryRange, UpdateOrigin } from './storage';

function writeEntry(encoder: encoding.Encoder, entry: HistoryEntry): void {
  encoding.writeVarUint(encoder, entry.t);
  encoding.writeVarUint(encoder, entry.by ? PARTICIPANT_ROLES.indexOf(entry.by.role) + 1 : 0);
  if (entry.by) encoding.writeVarString(encoder, entry.by.name);
  encoding.writeVarUint8Array(encoder, entry.update);
}

function readEntry(decoder: decoding.Decoder): HistoryEntry {
  const t = decoding.readVarUint(decoder);
  const roleNumber = decoding.readVarUint(decoder);
  const role = PARTICIPANT_ROLES[roleNumber - 1];
  if (roleNumber !== 0 && role === undefined) throw new Error(`history entry with unknown role ${roleNumber}`);
  const by = role ? { name: decoding.readVarString(decoder), role } : null;
  // A copy, so the value's buffer can be released.
  return { t, by, update: Uint8Array.from(decoding.readVarUint8Array(decoder)) };
}

/** Writes `n` as lib0's writeVarUint does; returns the next position. */
function putVarUint(out: Uint8Array, pos: number, n: number): number {
  for (; n > 0x7f; n = Math.floor(n / 128)) out[pos++] = 0x80 | (n & 0x7f);
  out[pos++] = n;
  return pos;
}

let headScratch = Buffer.allocUnsafe(256);

/**
 * What encodeHistoryEntry writes before the update's own bytes (its time, author and the update's length), so
 * that `head | update` is the encoded entry: the write-ahead log puts both in its record without encoding the
 * entry first. The bytes are a view of a scratch buffer that the next call overwrites: copy them before that.
 */
export function historyEntryHead(origin: UpdateOrigin, updateLength: number): Uint8Array {
  const name = origin.by?.name ?? '';
  const nameBytes = origin.by ? Buffer.byteLength(name, 'utf8') : 0;
  const size = 10 + 2 + (origin.by ? 5 + nameBytes : 0) + 5;
  if (size > headScratch.length) headScratch = Buffer.allocUnsafe(size);
  const out = headScratch;
  let pos = putVarUint(out, 0, origin.t);
  pos = putVarUint(out, pos, origin.by ? PARTICIPANT_ROLES.indexOf(origin.by.role) + 1 : 0);
  if (origin.by) {
    pos = putVarUint(out, pos, nameBytes);
    pos += out.write(name, pos, 'utf8');
  }
  pos = putVarUint(out, pos, updateLength);
  return out.subarray(0, pos);
}

/** One entry as bytes. */
export function encodeHistoryEntry(entry: HistoryEntry): Uint8Array {
  const encoder = encoding.createEncoder();
  writeEntry(encoder, entry);
  return encoding.toUint8Array(encoder);
}

/** The entry encodeHistoryEntry wrote; throws on bytes it did not write. */
export function decodeHistoryEntry(bytes: Uint8Array): HistoryEntry {
  return readEntry(decoding.createDecoder(bytes));
}

/** A list of entries as one value. */
export function encodeHistoryList(entries: readonly HistoryEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) writeEntry(encoder, entry);
  return encoding.toUint8Array(encoder);
}

/** The list encodeHistoryList wrote. */
export function decodeHistoryList(bytes: Uint8Array): HistoryEntry[] {
  const decoder = decoding.createDecoder(bytes);
  const count = decoding.readVarUint(decoder);
  const entries: HistoryEntry[] = [];
  for (let i = 0; i < count; i++) entries.push(readEntry(decoder));
  return entries;
}

/** Whether an entry's time lies within a range (bounds inclusive). */
export function isInRange(t: number, range: HistoryRange = {}): boolean {
  return (range.since === undefined || t >= range.since) && (range.until === undefined || t <= range.until);
}

/** The entries within `range`, oldest first; equal times keep their order (Array.prototype.sort is stable). */
export function selectHistory(entries: readonly HistoryEntry[], range?: HistoryRange): HistoryEntry[] {
  return entries.filter((entry) => isInRange(entry.t, range)).sort((a, b) => a.t - b.t);
}

/** Throws unless every replacement entry lies before the cut, as BoardStorage.replaceHistory requires. */
export function assertBefore(before: number, entries: readonly HistoryEntry[]): void {
  const late = entries.find((entry) => entry.t >= before);
  if (late) throw new RangeError(`a replacement history entry at ${late.t} is not before ${before}`);
}
