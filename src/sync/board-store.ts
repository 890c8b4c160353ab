/**
 * The board store: the one place where the live document becomes the app's
 * board. The UI reads the board only through it (`getBoard`, `subscribe`,
 * selectors via `useBoardSelector`), never the Y.Doc layout.
 *
 * Every value is validated here (src/board/sanitize.ts): a participant can put
 * anything into the shared document, so a field of the wrong type reads as
 * missing, with one console warning, and never throws. The store updates after
 * each transaction (local or remote), rereading only the blocks and links the
 * transaction touched: an unchanged block keeps its object, so whoever holds it
 * (the canvas binding, a memoized card) can tell by identity that nothing changed.
 */
import * as Y from 'yjs';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Block, Board, BoardSettings, Link, Notes, Requirements } from '../board/types';
import { BOARD_FORMAT } from '../board/types';
import {
  checkReferences,
  readBlock,
  readLink,
  readNotes,
  readOptionalObject,
  readOptionalString,
  readRequirements,
  readSettings,
  type Warn,
} from '../board/sanitize';
import { readTimerState, type TimerState } from '../interview/timer';
import { readVersions, type BoardVersion } from './history-actions';
import { observeControls, readControlState, type ControlState } from './control';
import { blocksOf, commentsOf, linksOf, notesOf, requirementsOf, sessionOf, type FieldMap } from '../doc/board-doc';
import { threadsFromEntries, type CommentThread } from '../board/comments';

/** What the store holds: the validated board and the session values beside it. */
export interface BoardSnapshot {
  board: Board;
  /** The board's blocks and links by id (the same objects as in `board`). */
  blocks: ReadonlyMap<string, Block>;
  links: ReadonlyMap<string, Link>;
  title: string | undefined;
  settings: BoardSettings;
  requirements: Requirements;
  notes: Notes;
  timer: TimerState;
  /** The template the board was made from (its reference is fetched by interviewers only). */
  templateId: string | undefined;
  /** The board's named versions, oldest first. */
  versions: BoardVersion[];
  /** The shared comment threads, oldest first (validated: a malformed value is left out). */
  comments: CommentThread[];
  /**
   * The control document's state: the interviewer's settings. On a live board
   * `timer`, `templateId` and the settings' `disabledRules` and
   * `findingsVisibleToCandidate` above come from it, never from the shared
   * document (which anyone who may edit could change).
   */
  control: ControlState;
}

/** Whether two maps hold the same objects under the same keys. */
function sameEntries<T>(a: ReadonlyMap<string, T>, b: ReadonlyMap<string, T>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The plain value of a shared type's entry (nested shared types as JSON). */
function plain(value: unknown): unknown {
  return value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value;
}

/** Requirements without empty lists and maps: they say nothing (as in a board file). */
function withoutEmpty(req: Requirements): Requirements {
  const out: Requirements = {};
  for (const [key, value] of Object.entries(req)) {
    if (Array.isArray(value) && value.length === 0) continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)
      continue;
    out[key] = value;
  }
  return out;
}

/** Which parts of the document a transaction changed. */
interface Dirty {
  blockIds: Set<string>;
  linkIds: Set<string>;
  requirements: boolean;
  notes: boolean;
  session: boolean;
  control: boolean;
  comments: boolean;
}

/** Ids of the entries of `root` that deep events touched. */
function collectIds(events: Y.YEvent<Y.AbstractType<unknown>>[], root: unknown, into: Set<string>) {
  for (const event of events) {
    if (event.target === root) for (const key of event.changes.keys.keys()) into.add(key);
    else if (typeof event.path[0] === 'string') into.add(event.path[0]);
  }
}

function newDirty(): Dirty {
  return {
    blockIds: new Set(),
    linkIds: new Set(),
    requirements: false,
    notes: false,
    session: false,
    control: false,
    comments: false,
  };
}

type SessionFields = Pick<BoardSnapshot, 'title' | 'settings' | 'timer' | 'templateId' | 'versions'>;

export class BoardStore {
  private readonly api: StoreApi<BoardSnapshot>;
  private readonly warned = new Set<string>();
  /** The board's template and unknown top-level fields: part of the board, not of the snapshot's own fields. */
  private sessionValues: { template: unknown; extra: Record<string, unknown> | undefined } = {
    template: undefined,
    extra: undefined,
  };
  /** Every readable block and link, before their references are checked (`connect`). */
  private readonly raw = { blocks: new Map<string, Block>(), links: new Map<string, Link>() };
  /** The copy without its parent of a block whose parent cannot hold it, kept while the block is unchanged. */
  private readonly unparented = new WeakMap<Block, Block>();
  private dirty: Dirty = newDirty();
  private readonly detach: () => void;

  constructor(
    private readonly doc: Y.Doc,
    private readonly report: (message: string) => void = (message) => console.warn(message),
    /** The board's control document; null for a board of its own (a replay, a test). */
    private readonly controlDoc: Y.Doc | null = null,
  ) {
    this.api = createStore<BoardSnapshot>(() => this.readAll());
    const blocks = blocksOf(doc);
    const links = linksOf(doc);
    const requirements = requirementsOf(doc);
    const notes = notesOf(doc);
    const session = sessionOf(doc);
    const onBlocks = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => collectIds(events, blocks, this.dirty.blockIds);
    const onLinks = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => collectIds(events, links, this.dirty.linkIds);
    const onRequirements = () => (this.dirty.requirements = true);
    const onNotes = () => (this.dirty.notes = true);
    const onSession = () => (this.dirty.session = true);
    const comments = commentsOf(doc);
    const onComments = () => (this.dirty.comments = true);
    comments.observe(onComments);
    const afterTransaction = () => this.publish();
    blocks.observeDeep(onBlocks);
    links.observeDeep(onLinks);
    requirements.observeDeep(onRequirements);
    notes.observeDeep(onNotes);
    session.observeDeep(onSession);
    doc.on('afterTransaction', afterTransaction);
    const onControl = () => (this.dirty.control = true);
    const unobserveControls = controlDoc ? observeControls(controlDoc, onControl) : () => {};
    controlDoc?.on('afterTransaction', afterTransaction);
    this.detach = () => {
      unobserveControls();
      controlDoc?.off('afterTransaction', afterTransaction);
      blocks.unobserveDeep(onBlocks);
      links.unobserveDeep(onLinks);
      requirements.unobserveDeep(onRequirements);
      notes.unobserveDeep(onNotes);
      session.unobserveDeep(onSession);
      comments.unobserve(onComments);
      doc.off('afterTransaction', afterTransaction);
    };
  }

  getState(): BoardSnapshot {
    return this.api.getState();
  }

  getBoard(): Board {
    return this.api.getState().board;
  }

  subscribe(listener: (state: BoardSnapshot, previous: BoardSnapshot) => void): () => void {
    return this.api.subscribe(listener);
  }

  /** The zustand store, for React's `useStore` with a selector. */
  get zustand(): StoreApi<BoardSnapshot> {
    return this.api;
  }

  destroy(): void {
    this.detach();
  }

  /** One console warning per distinct bad value, however often it is read. */
  private warn: Warn = (where, problem) => {
    const message = `Archboard: ignored a bad value in the shared board: ${where} ${problem}.`;
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.report(message);
  };

  private readEntries<T>(
    root: Y.Map<FieldMap>,
    read: (raw: unknown, key: string, warn: Warn) => T | null,
    into: Map<string, T>,
    ids: Iterable<string>,
  ): void {
    for (const id of ids) {
      const value = root.has(id) ? read(plain(root.get(id)), id, this.warn) : null;
      if (value) into.set(id, value);
      else into.delete(id);
    }
  }

  private readComments(): CommentThread[] {
    return threadsFromEntries(commentsOf(this.doc).entries(), (key) =>
      this.warn(`comments.${key}`, 'is not a valid comment'),
    );
  }

  private readRequirements(): Requirements {
    return withoutEmpty(readRequirements(requirementsOf(this.doc).toJSON(), this.warn));
  }

  private readNotes(): Notes {
    const raw = Object.fromEntries([...notesOf(this.doc).entries()].map(([k, v]) => [k, plain(v)]));
    return readNotes(raw, this.warn);
  }

  /** The session fields with the control document's over the shared document's. */
  private withControls(read: SessionFields, control: ControlState): SessionFields {
    if (!this.controlDoc) return read;
    const { controls } = control;
    const { disabledRules: _d, findingsVisibleToCandidate: _f, ...otherSettings } = read.settings;
    return {
      ...read,
      settings: {
        ...otherSettings,
        ...(controls.disabledRules.length > 0 ? { disabledRules: controls.disabledRules } : {}),
        ...(controls.findingsVisibleToCandidate ? { findingsVisibleToCandidate: true } : {}),
      },
      timer: controls.timer,
      templateId: controls.templateId ?? read.templateId,
    };
  }

  private readSession(): SessionFields & {
    template: unknown;
    extra: Record<string, unknown> | undefined;
  } {
    const session = sessionOf(this.doc);
    const { title, settings } = readSettings(plain(session.get('settings')), this.warn);
    return {
      title,
      settings,
      timer: readTimerState(session.get('timer')),
      templateId: readOptionalString(session.get('templateId'), 'session.templateId', this.warn),
      versions: readVersions(this.doc),
      template: readOptionalObject(session.get('template'), 'session.template', this.warn),
      extra: readOptionalObject(session.get('extra'), 'session.extra', this.warn),
    };
  }

  private readAll(): BoardSnapshot {
    this.readEntries(blocksOf(this.doc), readBlock, this.raw.blocks, blocksOf(this.doc).keys());
    this.readEntries(linksOf(this.doc), readLink, this.raw.links, linksOf(this.doc).keys());
    const { template, extra, ...session } = this.readSession();
    this.sessionValues = { template, extra };
    const control = readControlState(this.controlDoc);
    return this.assemble({
      ...this.connect(),
      requirements: this.readRequirements(),
      notes: this.readNotes(),
      comments: this.readComments(),
      ...this.withControls(session, control),
      control,
    });
  }

  /**
   * The blocks and links the app sees: a parent that cannot hold its block reads
   * as missing, a link with a missing end is left out (`checkReferences`). The
   * previous maps are kept when nothing in them changed, so their identity says so.
   */
  private connect(prev?: Pick<BoardSnapshot, 'blocks' | 'links'>): Pick<BoardSnapshot, 'blocks' | 'links'> {
    const bad = checkReferences(this.raw.blocks, this.raw.links, this.warn);
    const blocks = new Map<string, Block>();
    for (const [id, block] of this.raw.blocks) blocks.set(id, bad.parents.has(id) ? this.withoutParent(block) : block);
    const links = new Map<string, Link>();
    for (const [id, link] of this.raw.links) if (!bad.links.has(id)) links.set(id, link);
    return {
      blocks: prev && sameEntries(prev.blocks, blocks) ? prev.blocks : blocks,
      links: prev && sameEntries(prev.links, links) ? prev.links : links,
    };
  }

  private withoutParent(block: Block): Block {
    let copy = this.unparented.get(block);
    if (!copy) {
      copy = { ...block };
      delete copy.parent;
      this.unparented.set(block, copy);
    }
    return copy;
  }

  private assemble(parts: Omit<BoardSnapshot, 'board'>): BoardSnapshot {
    const { title, settings, requirements, notes, comments } = parts;
    const nonEmptyNotes = Object.fromEntries(Object.entries(notes).filter(([, v]) => v !== ''));
    const { template, extra } = this.sessionValues;
    const board: Board = {
      ...extra,
      format: BOARD_FORMAT,
      ...(title !== undefined ? { title } : {}),
      ...(Object.keys(settings).length > 0 ? { settings } : {}),
      ...(Object.keys(requirements).length > 0 ? { requirements } : {}),
      blocks: [...parts.blocks.values()].sort(byId),
      links: [...parts.links.values()].sort(byId),
    };
    if (Object.keys(nonEmptyNotes).length > 0) board.notes = nonEmptyNotes;
    if (template !== undefined) board.template = template as Board['template'];
    if (comments.length > 0) board.comments = comments;
    return { ...parts, board };
  }

  /** Rereads what the last transaction changed and publishes a new snapshot if anything did. */
  private publish(): void {
    const dirty = this.dirty;
    const changed =
      dirty.blockIds.size > 0 ||
      dirty.linkIds.size > 0 ||
      dirty.requirements ||
      dirty.notes ||
      dirty.session ||
      dirty.control ||
      dirty.comments;
    if (!changed) return;
    this.dirty = newDirty();
    const prev = this.api.getState();
    let { blocks, links } = prev;
    let { requirements, notes, control, comments } = prev;
    if (dirty.blockIds.size > 0 || dirty.linkIds.size > 0) {
      this.readEntries(blocksOf(this.doc), readBlock, this.raw.blocks, dirty.blockIds);
      this.readEntries(linksOf(this.doc), readLink, this.raw.links, dirty.linkIds);
      ({ blocks, links } = this.connect(prev));
    }
    let session: SessionFields = {
      title: prev.title,
      settings: prev.settings,
      timer: prev.timer,
      templateId: prev.templateId,
      versions: prev.versions,
    };
    if (dirty.requirements) requirements = this.readRequirements();
    if (dirty.notes) notes = this.readNotes();
    if (dirty.comments) comments = this.readComments();
    if (dirty.control) control = readControlState(this.controlDoc);
    if (dirty.session || dirty.control) {
      const { template, extra, ...unread } = this.readSession();
      this.sessionValues = { template, extra };
      const read = this.withControls(unread, control);
      // Keep the old objects when equal, so selectors on them do not re-render for a timer write.
      session = {
        title: read.title,
        settings: JSON.stringify(read.settings) === JSON.stringify(prev.settings) ? prev.settings : read.settings,
        timer: JSON.stringify(read.timer) === JSON.stringify(prev.timer) ? prev.timer : read.timer,
        templateId: read.templateId,
        versions: JSON.stringify(read.versions) === JSON.stringify(prev.versions) ? prev.versions : read.versions,
      };
    }
    this.api.setState(this.assemble({ ...session, blocks, links, requirements, notes, control, comments }), true);
  }
}
