/**
 * Reads a client's Yjs update before the room applies it, without applying
 * it: decoding an update is flat (each item names its parent by id), so the
 * checks below cost one pass over its items, and an update that fails them
 * never touches the room's document.
 *
 * - depth: shared types nested in shared types, and JSON values inside them,
 *   at most MAX_NESTING_DEPTH levels (Yjs and the clients recurse per level;
 *   3,000 levels overflow the stack mid-transaction). The structs Yjs holds
 *   back (missing dependencies) are checked together with each new update,
 *   so a deep chain cannot be smuggled in piece by piece.
 * - known fields: a block's or link's field that the board format types
 *   (label, x, ...) gets a value of that type; a block or link is a map.
 * - no subdocuments: boards have none.
 * - whether the update depends on items the document lacks, for the room's
 *   pending budget (document-budget.ts).
 */
import * as Y from 'yjs';
import { BLOCK_FIELD_TYPES, LINK_FIELD_TYPES, type FieldType } from '../../src/board/format';
import { jsonDepth } from '../../src/board/nesting';
import { MAX_NESTING_DEPTH } from '../../src/limits';

/** Why an update is refused; `too-deep` and `wrong-type` close the sender with their own codes. */
export type UpdateProblem =
  { kind: 'malformed'; detail: string } | { kind: 'too-deep'; detail: string } | { kind: 'wrong-type'; detail: string };

export interface UpdateCheck {
  problem: UpdateProblem | null;
  /** Some item refers to one neither the document, the update nor the pending structs hold: Yjs will hold it back. */
  missingDependencies: boolean;
}

type Struct = Y.Item | Y.GC | Y.Skip;

/** Where an item sits: the type that holds it. */
interface Place {
  /** Levels of shared types above the item's value (a root type's entries are at 1). */
  depth: number;
  /** The root's name, for an entry of a root type. */
  rootKey: string | null;
  /** What the holding type is in the board layout. */
  holder: 'block' | 'link' | null;
  /** The key of a map entry. */
  parentSub: string | null;
  /** The root type the item lands under, at any depth (null when unknown). */
  top: string | null;
  unknown: boolean;
}

const UNKNOWN: Place = { depth: 0, rootKey: null, holder: null, parentSub: null, top: null, unknown: true };

/** Structs by client, in clock order, to find the one that holds an id. */
class StructIndex {
  private readonly byClient = new Map<number, Struct[]>();
  constructor(structs: readonly Struct[]) {
    for (const struct of structs) {
      const list = this.byClient.get(struct.id.client);
      if (list) list.push(struct);
      else this.byClient.set(struct.id.client, [struct]);
    }
    for (const list of this.byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  }
  find(id: Y.ID): Struct | undefined {
    const list = this.byClient.get(id.client);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return undefined;
  }
}

/** A delete set as Yjs decodes it: deleted clock ranges by client. */
export interface DecodedDeleteSet {
  clients: Map<number, { clock: number; len: number }[]>;
}

/** An update read for its effect: its own structs and delete set, and where each new item lands. */
export interface ReadUpdate {
  structs: Struct[];
  ds: DecodedDeleteSet;
  /** Where a new item of the update lands: its root type at any depth (`top`), and for an entry of a root type that root and its key; null when unknown (`unknown`: Yjs will hold it back). */
  placeOf(item: Y.Item): Landing;
}

/** Where an update item lands, as far as can be known now. */
export interface Landing {
  top: string | null;
  rootKey: string | null;
  key: string | null;
  /** It depends on items neither the document nor the update holds: Yjs will hold it back, to land later. */
  unknown: boolean;
}

/** Reads `update` against `doc` for where its items land (after checkUpdate admitted it). Throws on a malformed update. */
export function readUpdate(doc: Y.Doc, update: Uint8Array): ReadUpdate {
  return new Checker(doc, update);
}

/** The root type a document struct sits under, at any depth (null for a collected one). */
export function rootOfDocStruct(doc: Y.Doc, struct: Struct): string | null {
  if (!(struct instanceof Y.Item)) return null;
  return typePlace(doc, struct.parent as Y.AbstractType<unknown>).top;
}

export type { Struct };

/** Checks `update` against `doc` (the room's document); never throws. */
export function checkUpdate(doc: Y.Doc, update: Uint8Array): UpdateCheck {
  return inspectUpdate(doc, update).check;
}

/**
 * Checks `update` against `doc` and, when it passes, keeps what the check read (its structs, delete set and
 * places) for the filters that follow, so that no one decodes it twice; never throws.
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array): { check: UpdateCheck; read: ReadUpdate | null } {
  try {
    const checker = new Checker(doc, update);
    const check = checker.run();
    return { check, read: check.problem ? null : checker };
  } catch (err) {
    // Decoding recursion (nested JSON values) runs out of stack on hostile depth; anything else is malformed.
    if (err instanceof RangeError)
      return {
        check: { problem: { kind: 'too-deep', detail: 'nested too deeply to read' }, missingDependencies: false },
        read: null,
      };
    return {
      check: { problem: { kind: 'malformed', detail: (err as Error).message }, missingDependencies: false },
      read: null,
    };
  }
}

/** The check of one update, and what it read (its ReadUpdate): one object, so that handing it on allocates nothing. */
class Checker implements ReadUpdate {
  private readonly items: Y.Item[] = [];
  /** The update's structs and those Yjs holds back, checked together. */
  private readonly allStructs: Struct[];
  /** Built on the first look-up of an id the document lacks: most updates only name items the document holds. */
  private index: StructIndex | null = null;
  /** Place of each item of the update (and of the pending structs), once resolved. */
  private readonly places = new Map<Y.Item, Place>();
  private missing = false;

  /** The update's own structs and delete set, as decoded. */
  readonly structs: Struct[];
  readonly ds: DecodedDeleteSet;
  /** Where entries of a document type sit, for the items of this update that land in the same type. */
  private readonly typePlaces = new Map<Y.AbstractType<unknown>, Place>();

  constructor(
    private readonly doc: Y.Doc,
    update: Uint8Array,
  ) {
    // What Yjs holds back from earlier updates is integrated together with this one once its dependencies arrive: checked as one.
    const pending = doc.store.pendingStructs;
    const decoded = Y.decodeUpdate(update);
    this.structs = decoded.structs;
    this.ds = decoded.ds;
    // (Yjs keeps them in the V2 encoding.)
    this.allStructs = pending ? this.structs.concat(Y.decodeUpdateV2(pending.update).structs) : this.structs;
    for (const struct of this.allStructs) {
      // Items the document already holds are skipped by Yjs: only new ones can change it.
      if (struct instanceof Y.Item && struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client))
        this.items.push(struct);
    }
  }

  run(): UpdateCheck {
    for (const item of this.items) {
      const place = this.placeOfItem(item);
      if (place.unknown) this.missing = true;
      const problem = this.checkItem(item, place);
      if (problem) return { problem, missingDependencies: this.missing };
    }
    return { problem: null, missingDependencies: this.missing };
  }

  /** Where an update item lands, as far as can be known now. */
  placeOf(item: Y.Item): Landing {
    const place = this.placeOfItem(item);
    return { top: place.top, rootKey: place.rootKey, key: place.parentSub, unknown: place.unknown };
  }

  private checkItem(item: Y.Item, place: Place): UpdateProblem | null {
    const content = item.content;
    if (content instanceof Y.ContentDoc) return { kind: 'wrong-type', detail: 'boards have no subdocuments' };
    const valueDepth = content instanceof Y.ContentType ? 1 : contentDepth(content);
    if (place.depth + valueDepth > MAX_NESTING_DEPTH)
      return { kind: 'too-deep', detail: `values nest more than ${MAX_NESTING_DEPTH} levels` };
    if (content instanceof Y.ContentDeleted) return null;
    const sub = place.parentSub;
    if (sub === null) return null;
    if (place.rootKey === 'blocks' || place.rootKey === 'links') {
      if (!(content instanceof Y.ContentType && content.type instanceof Y.Map))
        return { kind: 'wrong-type', detail: `${place.rootKey} "${sub}" must be a map` };
      return null;
    }
    const types = place.holder === 'block' ? BLOCK_FIELD_TYPES : place.holder === 'link' ? LINK_FIELD_TYPES : null;
    const expected = types?.[sub];
    if (!expected) return null;
    const value: unknown = content instanceof Y.ContentAny ? (content.arr[0] as unknown) : undefined;
    if (!(content instanceof Y.ContentAny) || content.arr.length !== 1 || !isOfType(value, expected))
      return { kind: 'wrong-type', detail: `a ${place.holder}'s "${sub}" must be a ${expected}` };
    return null;
  }

  /** The place of an update item, resolved without recursion: the parent may be named by id or inherited from a neighbour. */
  private placeOfItem(start: Y.Item): Place {
    // Most items name their place directly (a root, or a parent or neighbour the document holds).
    const known = this.places.get(start) ?? (this.resolveStep(start) === null ? this.places.get(start) : undefined);
    if (known) return known;
    const stack: Y.Item[] = [start];
    const onStack = new Set<Y.Item>([start]);
    while (stack.length > 0) {
      const item = stack[stack.length - 1]!;
      if (this.places.has(item)) {
        stack.pop();
        continue;
      }
      const needed = this.resolveStep(item);
      if (needed === null) {
        stack.pop();
        onStack.delete(item);
        continue;
      }
      if (onStack.has(needed) || stack.length > this.items.length + 2) {
        // A cycle of neighbours or parents: no real document has one.
        this.places.set(item, UNKNOWN);
        stack.pop();
        continue;
      }
      stack.push(needed);
      onStack.add(needed);
    }
    return this.places.get(start)!;
  }

  /** Sets the item's place if what it depends on is known, else returns the update item it waits for. */
  private resolveStep(item: Y.Item): Y.Item | null {
    const parent = item.parent as unknown;
    if (typeof parent === 'string') {
      this.places.set(item, {
        depth: 1,
        rootKey: parent,
        holder: null,
        parentSub: item.parentSub,
        top: parent,
        unknown: false,
      });
      return null;
    }
    if (parent instanceof Y.ID) {
      const holder = this.findStruct(parent);
      if (holder instanceof Y.Item && !isInDoc(holder)) {
        const holderPlace = this.places.get(holder);
        if (!holderPlace) return holder;
        this.places.set(item, typeEntryPlace(holderPlace, holder, item.parentSub));
        return null;
      }
      this.places.set(item, holder ? this.placeUnder(holder, item.parentSub) : UNKNOWN);
      return null;
    }
    // No parent written: it is the neighbour's (left origin, else right origin), and so is the map key.
    const neighbourId = item.origin ?? item.rightOrigin;
    const neighbour = neighbourId ? this.findStruct(neighbourId) : undefined;
    if (neighbour instanceof Y.Item && !isInDoc(neighbour)) {
      const neighbourPlace = this.places.get(neighbour);
      if (!neighbourPlace) return neighbour;
      this.places.set(item, { ...neighbourPlace, parentSub: item.parentSub ?? neighbourPlace.parentSub });
      return null;
    }
    if (neighbour instanceof Y.Item) {
      const place = this.typePlace(neighbour.parent as Y.AbstractType<unknown>);
      this.places.set(item, { ...place, parentSub: item.parentSub ?? neighbour.parentSub });
      return null;
    }
    this.places.set(item, neighbour instanceof Y.GC ? { ...UNKNOWN, unknown: false } : UNKNOWN);
    return null;
  }

  /** The struct holding an id: the document's, or the update's (with what Yjs holds back from earlier ones). */
  private findStruct(id: Y.ID): Struct | undefined {
    if (id.clock < Y.getState(this.doc.store, id.client)) return Y.getItem(this.doc.store, id);
    this.index ??= new StructIndex(this.allStructs);
    return this.index.find(id);
  }

  /** The place of an entry of the type a document struct creates; a collected (GC) one takes its entries with it. */
  private placeUnder(holder: Struct, parentSub: string | null): Place {
    if (holder instanceof Y.Item && holder.content instanceof Y.ContentType)
      return { ...this.typePlace(holder.content.type), parentSub };
    return { depth: 1, rootKey: null, holder: null, parentSub, top: null, unknown: !(holder instanceof Y.GC) };
  }

  /** typePlace, once per document type for the whole update. */
  private typePlace(type: Y.AbstractType<unknown>): Place {
    let place = this.typePlaces.get(type);
    if (!place) this.typePlaces.set(type, (place = typePlace(this.doc, type)));
    return place;
  }
}

/** Items integrated into a document have a type as parent; decoded ones an id, a root name or nothing. */
function isInDoc(item: Y.Item): boolean {
  return item.parent instanceof Y.AbstractType;
}

/** The place of an entry of the type that `holder` (an update item) creates. */
function typeEntryPlace(holderPlace: Place, holder: Y.Item, parentSub: string | null): Place {
  if (holderPlace.unknown || !(holder.content instanceof Y.ContentType)) return { ...UNKNOWN, parentSub };
  const holderKind =
    holderPlace.rootKey === 'blocks' ? 'block' : holderPlace.rootKey === 'links' ? 'link' : (null as Place['holder']);
  return {
    depth: holderPlace.depth + 1,
    rootKey: null,
    holder: holderKind,
    parentSub,
    top: holderPlace.top,
    unknown: false,
  };
}

/** Where entries of a document type sit: its depth and, for a block or link map, which. */
function typePlace(doc: Y.Doc, type: Y.AbstractType<unknown>): Place {
  let depth = 1;
  let rootKey: string | null = null;
  let top: string | null = null;
  for (let t: Y.AbstractType<unknown> | null = type; t; t = (t._item?.parent as Y.AbstractType<unknown>) ?? null) {
    if (t._item === null) {
      top = rootNameOf(doc, t);
      rootKey = depth === 1 ? top : null;
      break;
    }
    depth++;
    if (depth > MAX_NESTING_DEPTH + 1) break;
  }
  const parentOfType = type._item?.parent;
  const holder =
    parentOfType === doc.share.get('blocks') ? 'block' : parentOfType === doc.share.get('links') ? 'link' : null;
  return { depth, rootKey, holder, parentSub: null, top, unknown: false };
}

function rootNameOf(doc: Y.Doc, type: Y.AbstractType<unknown>): string | null {
  for (const [name, root] of doc.share) if (root === type) return name;
  return null;
}

/** Levels of arrays and objects inside an item's JSON content (0 for scalars and text). */
function contentDepth(content: Y.Item['content']): number {
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) {
    let deepest = 0;
    for (const value of content.arr) deepest = Math.max(deepest, jsonDepth(value));
    return deepest;
  }
  if (content instanceof Y.ContentEmbed) return jsonDepth(content.embed);
  if (content instanceof Y.ContentFormat) return jsonDepth(content.value);
  return 0;
}

function isOfType(value: unknown, type: FieldType): boolean {
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
  return typeof value === type;
}
