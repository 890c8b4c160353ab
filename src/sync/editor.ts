/**
 * The editing API: every change anyone makes to the board goes through
 * `apply(ops)`, which runs the one interpreter (`applyOpsToDoc`) in one
 * transaction with the LOCAL origin, so each call is one undo step of this
 * person's own. The methods below only build ops (src/board/edits.ts) and
 * apply them. The UI holds an Editor and a BoardStore and never sees the doc
 * layout; shared text fields get an opaque handle for their CodeMirror binding.
 */
import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import {
  alignOffsets,
  distributeOffsets,
  zOrderOps,
  type Alignment,
  type Axis,
  type Offset,
  type PlacedRect,
} from '../board/arrange';
import type { Fragment } from '../board/clipboard';
import {
  addBlockEdit,
  connectEdit,
  deleteEdit,
  moveEdit,
  pasteEdit,
  resizeEdit,
  type BlockMove,
  type NewBlock,
} from '../board/edits';
import { clampLabelAt } from '../board/link-label';
import { DEFAULT_LINK_ROUTE, type LinkRoute } from '../board/link-route';
import type { BoardOp } from '../board/ops';
import type { Block, Board, Link } from '../board/types';
import type { TimerState } from '../interview/timer';
import { applyOpsToDoc, notesOf, type DocOp } from '../doc/board-doc';
import { revealOps, type TemplateAnswer } from '../interview/answers';
import type { BoardStore } from './board-store';
import type { ParticipantRole } from '../protocol/roles';
import { requirementsLocked, type ControlWriter, type Locks } from './control';
import { addVersionOp, type BoardVersion } from './history-actions';
import { LOCAL, LOCAL_UNTRACKED } from './origin';
import { commentsAfterReplacement, newComment, newReply, resolveEntry, type CommentDraft } from '../board/comments';
import { beginUndoGroup } from './undo';

/** What a collaborative text field binds to; only the CodeMirror adapter looks inside. */
export interface CollabTextHandle {
  readonly text: Y.Text;
  readonly awareness: Awareness;
  readonly undoManager: Y.UndoManager;
}

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
}

/** The ops that change the requirements: refused to the candidate while the interviewer has them locked. */
const REQUIREMENT_OPS: ReadonlySet<BoardOp['op']> = new Set([
  'set-requirement',
  'set-feature',
  'set-scale',
  'insert-functional',
  'update-functional',
  'remove-functional',
  'move-functional',
]);

/** Who edits: their role and, for an interviewer, the writer of the control document. */
export interface EditorAccess {
  role: ParticipantRole;
  controls: ControlWriter | null;
}

/** What a request refused by a lock tells the person. */
export const LOCKED_BY = 'the interviewer';

export class Editor {
  private readonly handles = new WeakMap<Y.Text, CollabTextHandle>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly store: BoardStore,
    private readonly undoManager: Y.UndoManager,
    private readonly awareness: Awareness,
    /** Observers look but do not touch: their edits are not applied (the server drops them too). */
    readonly readOnly: boolean,
    /** A board without a control document (a replay, a test) has no locks and keeps its settings in the board. */
    private readonly access: EditorAccess = { role: 'interviewer', controls: null },
  ) {}

  /** Whether this person runs the room: the timer, the locks, the answers, the linter's settings. */
  get runsTheRoom(): boolean {
    return this.access.role === 'interviewer';
  }

  /** Whether the requirements are locked for this person now (by the interviewer, for the candidate). */
  requirementsLocked(): boolean {
    return this.access.role === 'candidate' && requirementsLocked(this.store.getState().control.controls);
  }

  /** Whether importing a file or replacing the whole board is locked for this person. */
  importLocked(): boolean {
    return this.access.role === 'candidate' && this.store.getState().control.controls.locks.importLocked;
  }

  /** Applies ops as one LOCAL transaction: one undo step. Requirement edits are dropped while they are locked. */
  apply(ops: readonly BoardOp[]): void {
    this.write(this.requirementsLocked() ? ops.filter((op) => !REQUIREMENT_OPS.has(op.op)) : ops, LOCAL);
  }

  /** Applies ops as one step of their own, never merged with the edits just before or after. */
  step(ops: readonly BoardOp[]): void {
    this.undoManager.stopCapturing();
    this.apply(ops);
    this.undoManager.stopCapturing();
  }

  private write(ops: readonly DocOp[], origin: symbol): void {
    if (this.readOnly || ops.length === 0) return;
    this.doc.transact(() => applyOpsToDoc(this.doc, ops), origin);
  }

  /** Adds a block of a kind (size and label from the catalog); returns its id. */
  addBlock(init: NewBlock): string {
    const { id, ops } = addBlockEdit(init);
    this.step(ops);
    return id;
  }

  updateBlock(id: string, set: Partial<Block>): void {
    this.apply([{ op: 'update-block', id, set }]);
  }

  updateLink(id: string, set: Partial<Link>): void {
    this.apply([{ op: 'update-link', id, set }]);
  }

  /** Sets (or with an empty text, removes) a link's label, as one undo step (edited in place on the canvas). */
  labelLink(id: string, label: string): void {
    const text = label.trim();
    this.step([{ op: 'update-link', id, set: { label: text === '' ? undefined : text } }]);
  }

  /** Moves a link's label along it (`at`: 0 at its source, 1 at its target), as one undo step. */
  placeLinkLabel(id: string, at: number): void {
    this.step([{ op: 'update-link', id, set: { labelAt: Math.round(clampLabelAt(at) * 1000) / 1000 } }]);
  }

  /**
   * Sets how a link runs (`curved` or `elbow` around the cards), or with
   * undefined makes it follow the board's choice again, as one undo step.
   */
  setLinkRoute(id: string, route: LinkRoute | undefined): void {
    this.step([{ op: 'update-link', id, set: { route } }]);
  }

  /** Sets how the board's links run unless a link says otherwise, for everyone, as one undo step. */
  setBoardLinkRoute(route: LinkRoute): void {
    this.step([{ op: 'set-settings', set: { linkRoute: route === DEFAULT_LINK_ROUTE ? undefined : route } }]);
  }

  /** Links two blocks (see connectEdit); returns the link's id, or null when they cannot be linked. */
  connect(from: string, to: string): string | null {
    const { blocks, board } = this.store.getState();
    const edit = connectEdit(blocks, board.links, from, to);
    if (!edit || this.readOnly) return null;
    this.step(edit.ops);
    return edit.id;
  }

  moveBlocks(moves: readonly BlockMove[]): void {
    this.apply(moveEdit(moves));
  }

  /** Lines up the edges or centres of the given blocks (`rects`: where each is drawn, in flow coordinates), as one undo step. */
  alignBlocks(rects: readonly PlacedRect[], how: Alignment): void {
    this.offsetBlocks(rects, alignOffsets(this.outermost(rects), how));
  }

  /** Spaces the given blocks with equal gaps along an axis (the outermost two stay), as one undo step. */
  distributeBlocks(rects: readonly PlacedRect[], axis: Axis): void {
    this.offsetBlocks(rects, distributeOffsets(this.outermost(rects), axis));
  }

  /** Draws blocks above (front) or below (back) the others of their layer, as one undo step. */
  reorderBlocks(ids: readonly string[], where: 'front' | 'back'): void {
    this.step(zOrderOps([...this.store.getState().blocks.values()], ids, where));
  }

  /** A block whose group is arranged with it moves with the group, not on its own. */
  private outermost(rects: readonly PlacedRect[]): PlacedRect[] {
    const { blocks } = this.store.getState();
    const ids = new Set(rects.map((r) => r.id));
    return rects.filter((r) => {
      for (let p = blocks.get(r.id)?.parent, d = 0; p && d < 64; p = blocks.get(p)?.parent, d++)
        if (ids.has(p)) return false;
      return blocks.has(r.id);
    });
  }

  private offsetBlocks(rects: readonly PlacedRect[], offsets: ReadonlyMap<string, Offset>): void {
    const { blocks } = this.store.getState();
    const moves: BlockMove[] = [];
    for (const [id, { dx, dy }] of offsets) {
      const block = blocks.get(id);
      if (block && rects.some((r) => r.id === id)) moves.push({ id, x: block.x + dx, y: block.y + dy });
    }
    if (moves.length > 0) this.step(moveEdit(moves));
  }

  resizeBlock(id: string, rect: { x: number; y: number; width: number; height: number }): void {
    this.apply(resizeEdit(id, rect));
  }

  /** Deletes blocks and links as one step. */
  deleteElements(blockIds: Iterable<string>, linkIds: Iterable<string>): void {
    this.step(deleteEdit([...blockIds], linkIds));
  }

  /** Pastes a fragment moved by (dx, dy); returns the new block ids. */
  paste(fragment: Fragment, dx: number, dy: number): string[] {
    const { id, ops } = pasteEdit(fragment, dx, dy);
    this.step(ops);
    return this.readOnly ? [] : id;
  }

  /** Replaces the board's content with a board file's (import), as one step. False when it is locked. */
  replaceBoard(board: Board): boolean {
    if (this.readOnly || this.importLocked() || this.access.role === 'observer') return false;
    // The discussion is the people's, not the file's: the other role's comments stay as they are (the server refuses
    // anyone's writes to them), and the file's comments by the other role are not written in this person's name.
    const comments = commentsAfterReplacement(this.store.getState().comments, board.comments ?? [], this.access.role);
    const { comments: _file, ...design } = board;
    this.step([{ op: 'replace-board', board: comments.length > 0 ? { ...design, comments } : design }]);
    return true;
  }

  setTitle(title: string): void {
    this.apply([{ op: 'set-title', title }]);
  }

  /**
   * Applies a timer transition (start, pause, next step...) to the current
   * state. Not an undo step: undoing a board edit must not restart the clock.
   */
  updateTimer(transition: (state: TimerState) => TimerState): void {
    if (this.readOnly || !this.runsTheRoom) return;
    const timer = transition(this.store.getState().timer);
    // The board's history keeps each timer state too: the replay's chapters are read from it.
    this.write([{ op: 'set-timer', timer }], LOCAL_UNTRACKED);
    this.access.controls?.set('timer', timer);
  }

  /** Shows the linter's findings to the candidate and observers, or hides them (interviewer only). */
  setFindingsVisibleToCandidate(on: boolean): void {
    if (!this.runsTheRoom) return;
    if (this.access.controls) this.access.controls.set('findingsVisibleToCandidate', on);
    else this.write([{ op: 'set-settings', set: { findingsVisibleToCandidate: on || undefined } }], LOCAL);
  }

  /** Switches a lint rule on or off for everyone (interviewer only). */
  setRuleEnabled(ruleId: string, on: boolean): void {
    if (!this.runsTheRoom) return;
    const disabled = new Set(this.store.getState().settings.disabledRules ?? []);
    if (on) disabled.delete(ruleId);
    else disabled.add(ruleId);
    const list = [...disabled].sort();
    if (this.access.controls) this.access.controls.set('disabledRules', list);
    else this.write([{ op: 'set-settings', set: { disabledRules: list.length > 0 ? list : undefined } }], LOCAL);
  }

  /** Sets the interviewer's locks on the candidate (interviewer only). */
  setLocks(locks: Locks): void {
    if (this.runsTheRoom) this.access.controls?.set('locks', locks);
  }

  /**
   * Gives the answer to a template question: writes it into the shared
   * requirements (adding what is missing, never changing what the candidate
   * wrote) as one undo step, and records it in the control document as given
   * by the interviewer. Interviewer only.
   */
  revealAnswer(answer: TemplateAnswer, at: number): void {
    if (this.readOnly || !this.runsTheRoom) return;
    this.step(revealOps(answer.parts, this.store.getState().requirements));
    this.access.controls?.recordRevealed(answer.index, answer.question, answer.lines, at);
  }

  /**
   * Pins a new comment thread (shared: everyone sees it). Not an undo step:
   * undoing a drawing edit must not take someone's comment back. Returns the
   * thread's id, or null when nothing was written (an observer, an empty or
   * too long text, a board at its thread limit).
   */
  addComment(draft: CommentDraft): string | null {
    if (this.readOnly || this.access.role === 'observer') return null;
    const made = newComment(this.store.getState().comments, draft, this.access.role, Date.now());
    if (!made) return null;
    this.write([{ op: 'put-comment', key: made.key, value: made.value }], LOCAL_UNTRACKED);
    return made.id;
  }

  /** Replies to a shared thread; false when nothing was written. */
  replyToComment(threadId: string, draft: Omit<CommentDraft, 'anchor'>): boolean {
    if (this.readOnly || this.access.role === 'observer') return false;
    const made = newReply(this.store.getState().comments, threadId, draft, this.access.role, Date.now());
    if (!made) return false;
    this.write([{ op: 'put-comment', key: made.key, value: made.value }], LOCAL_UNTRACKED);
    return true;
  }

  /** Resolves or reopens a shared thread, saying who did. */
  setCommentResolved(threadId: string, resolved: boolean, by: string): void {
    if (this.readOnly || this.access.role === 'observer') return;
    const entry = resolveEntry(this.store.getState().comments, threadId, resolved, by, Date.now());
    if (entry) this.write([{ op: 'put-comment', key: entry.key, value: entry.value }], LOCAL_UNTRACKED);
  }

  /** Names a moment of the board's history (shared; not an undo step). Returns the version's id. */
  addVersion(version: Omit<BoardVersion, 'id'>): string {
    const { id, op } = addVersionOp(version);
    this.write([op], LOCAL_UNTRACKED);
    return id;
  }

  /** The shared text of a note topic, for a collaborative text field; null when the board has none. */
  noteText(topic: string): CollabTextHandle | null {
    const text = notesOf(this.doc).get(topic);
    return text instanceof Y.Text ? this.handleFor(text) : null;
  }

  private handleFor(text: Y.Text): CollabTextHandle {
    let handle = this.handles.get(text);
    if (!handle) {
      handle = { text, awareness: this.awareness, undoManager: this.undoManager };
      this.handles.set(text, handle);
    }
    return handle;
  }

  undo(): void {
    if (!this.readOnly) this.undoManager.undo();
  }

  redo(): void {
    if (!this.readOnly) this.undoManager.redo();
  }

  /** Ends the current undo step: the next edit starts a new one. */
  stopCapturing(): void {
    this.undoManager.stopCapturing();
  }

  /** Makes everything applied until the returned function is called one undo step (a drag). */
  beginUndoGroup(): () => void {
    return beginUndoGroup(this.undoManager);
  }

  undoState(): UndoState {
    return { canUndo: this.undoManager.canUndo(), canRedo: this.undoManager.canRedo() };
  }

  /** Calls `listener` whenever undo or redo becomes possible or impossible. */
  onUndoStateChange(listener: () => void): () => void {
    const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;
    for (const e of events) this.undoManager.on(e, listener);
    return () => {
      for (const e of events) this.undoManager.off(e, listener);
    };
  }
}
