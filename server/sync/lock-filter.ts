/**
 * The interviewer's locks, enforced on the board document: while the
 * requirements are locked, a candidate's update loses whatever it writes or
 * deletes under `requirements`; while imports are locked, an update that
 * replaces the whole board (an import or a restore: it carries the
 * `REPLACEMENT_MARK` the `replace-board` op writes) loses everything it writes
 * and deletes. Deleting blocks, however many, is ordinary editing: a rule on
 * how much one update removes would also catch a candidate's offline edits
 * arriving together on reconnect, and chunked deletions would slip past it.
 *
 * "Loses" means the update is rewritten before the room applies it: each
 * dropped item becomes a collected struct of the same id and length (Yjs's own
 * way of saying "deleted and gone"), and the dropped deletions leave its delete
 * set. The sender's clock stays contiguous on the server, so that client's
 * later edits still apply (a dropped update would hold every later one back
 * for good), while the dropped content reaches no document, store or screen.
 * Anything the sender later anchors on a dropped item is collected by Yjs on
 * arrival, for the same reason.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { REPLACEMENT_MARK } from '../../src/doc/board-doc';
import { readUpdate, rootOfDocStruct, type DecodedDeleteSet, type ReadUpdate, type Struct } from './update-check';

/** What is locked for the sender now. */
export interface SenderLocks {
  requirements: boolean;
  replacement: boolean;
}

/** The update to apply, and what was taken out of it (`unseen`: deletions of what nobody has written yet). */
export interface FilteredUpdate {
  update: Uint8Array;
  dropped: 'requirements' | 'replacement' | 'unseen' | null;
}

export type Range = { clock: number; len: number };

/**
 * Rewrites a candidate's board update so that nothing the locks forbid survives. Throws on a malformed update.
 *
 * Locks or not, a deletion of clocks the room has not seen, and that the update itself does not
 * bring, is dropped: Yjs would keep it pending and delete those items the moment their author
 * writes them, so a candidate could erase the interviewer's next requirement, answer or block
 * (for everyone but the interviewer) before it is written. An honest client only deletes what it
 * has: what the server sent it, or what it sends with the deletion.
 */
export function filterLockedWrites(
  doc: Y.Doc,
  update: Uint8Array,
  locks: SenderLocks,
  /** What the update check read of this very update, when the caller has it: it is not decoded again. */
  alreadyRead?: ReadUpdate,
): FilteredUpdate {
  const read = alreadyRead ?? readUpdate(doc, update);
  if (locks.replacement && read.structs.some((s) => isReplacementMark(s, read))) {
    const structs = read.structs.map(collected);
    return { update: encodeUpdateV1(structs, { clients: new Map() }), dropped: 'replacement' };
  }
  let dropped: FilteredUpdate['dropped'] = null;
  const structs = read.structs.map((s) => {
    if (locks.requirements && s instanceof Y.Item && read.placeOf(s).top === 'requirements') {
      dropped = 'requirements';
      return collected(s);
    }
    return s;
  });
  const brought = broughtRanges(read.structs);
  const clients = new Map<number, Range[]>();
  for (const [client, ranges] of read.ds.clients) {
    const own = brought.get(client) ?? [];
    const seen = ranges.flatMap((r) => keptRanges(doc, client, r, () => true, own));
    if (total(seen) !== total(ranges)) dropped ??= 'unseen';
    const kept = locks.requirements
      ? seen.flatMap((r) => keptRanges(doc, client, r, (s) => rootOfDocStruct(doc, s) !== 'requirements', own))
      : seen;
    if (total(kept) !== total(seen)) dropped = 'requirements';
    if (kept.length > 0) clients.set(client, kept);
  }
  if (!dropped) return { update, dropped: null };
  return { update: encodeUpdateV1(structs, { clients }), dropped };
}

const total = (ranges: readonly Range[]) => ranges.reduce((n, r) => n + r.len, 0);

/** The clock ranges each client's structs in an update occupy, in order. */
function broughtRanges(structs: readonly Struct[]): Map<number, Range[]> {
  const out = new Map<number, Range[]>();
  for (const s of structs) {
    const list = out.get(s.id.client);
    const range = { clock: s.id.clock, len: s.length };
    if (list) list.push(range);
    else out.set(s.id.client, [range]);
  }
  for (const list of out.values()) list.sort((a, b) => a.clock - b.clock);
  return out;
}

/** A collected struct in an item's place (a GC, Skip or collected struct stays as it is). */
export function collected(s: Struct): Struct {
  return s instanceof Y.Item ? new Y.GC(s.id, s.length) : s;
}

/** Whether a struct is the mark an import or a restore sets in the session map. */
function isReplacementMark(s: Struct, read: ReadUpdate): boolean {
  if (!(s instanceof Y.Item)) return false;
  const place = read.placeOf(s);
  return place.rootKey === 'session' && place.key === REPLACEMENT_MARK;
}

/**
 * The parts of a deleted range to keep: the document structs `keep` accepts, and the parts past the
 * document's state (all of them, or, given `brought`, those within it: the clocks the update brings).
 */
export function keptRanges(
  doc: Y.Doc,
  client: number,
  range: Range,
  keep: (s: Struct) => boolean,
  brought?: readonly Range[],
): Range[] {
  const structs = doc.store.clients.get(client);
  const known = Y.getState(doc.store, client);
  const end = range.clock + range.len;
  const out: Range[] = [];
  const add = (clock: number, stop: number) => {
    const last = out[out.length - 1];
    if (last && last.clock + last.len === clock) last.len += stop - clock;
    else out.push({ clock, len: stop - clock });
  };
  let pos = range.clock;
  while (pos < end) {
    if (!structs || pos >= known) {
      if (!brought) add(pos, end);
      else
        for (const b of brought) {
          const from = Math.max(pos, b.clock);
          const to = Math.min(end, b.clock + b.len);
          if (from < to) add(from, to);
        }
      break;
    }
    const struct = structs[Y.findIndexSS(structs, pos)]!;
    const stop = Math.min(end, struct.id.clock + struct.length);
    if (keep(struct)) add(pos, stop);
    pos = stop;
  }
  return out;
}

/** Encodes structs and a delete set as a Yjs update (version 1), as Yjs itself writes one. */
export function encodeUpdateV1(structs: readonly Struct[], ds: DecodedDeleteSet): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  const byClient = new Map<number, Struct[]>();
  for (const s of structs) {
    const list = byClient.get(s.id.client);
    if (list) list.push(s);
    else byClient.set(s.id.client, [s]);
  }
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, list] of [...byClient].sort((a, b) => b[0] - a[0])) {
    list.sort((a, b) => a.id.clock - b.id.clock);
    encoding.writeVarUint(encoder.restEncoder, list.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, list[0]!.id.clock);
    for (const s of list) s.write(encoder, 0);
  }
  encoding.writeVarUint(encoder.restEncoder, ds.clients.size);
  for (const [client, ranges] of ds.clients) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const r of ranges) {
      encoder.writeDsClock(r.clock);
      encoder.writeDsLen(r.len);
    }
  }
  return encoder.toUint8Array();
}
