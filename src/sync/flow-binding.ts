/**
 * The binding between the board and React Flow's controlled state, as a plain
 * class (after xyflow's own split of packages/system under packages/react):
 * the board store and React Flow's changes go in, nodes and edges come out to
 * whoever subscribes; drag throttling and undo grouping happen inside. The
 * React hook over it is src/ui/canvas/useFlowBinding.ts; the tests drive the
 * class directly.
 *
 * The store holds document scope (blocks, links); React Flow's own fields
 * (selected, dragging, measured, resizing) are session scope and live only in
 * the node objects here [1]. Nodes are rebuilt only for the blocks whose
 * object the store replaced, so a remote edit re-renders one card, not five hundred.
 *
 * [1] React Flow's change appliers write them onto our node objects; toNode
 *     carries them over when the board changes a node, and nothing here writes
 *     them to the document.
 * [2] During a drag, positions go to the document at most every
 *     DRAG_SYNC_INTERVAL_MS and once at the end, grouped into one undo step.
 * [3] A node the local user is dragging keeps its local position: a remote (or
 *     our own, slightly older, throttled) position must not make it jump.
 * [4] A node whose size is known without drawing it (`presize`) starts as if
 *     measured, with its four side handles where they will be: React Flow then
 *     draws only the nodes on screen from the first frame (with
 *     onlyRenderVisibleElements it otherwise draws every unmeasured node once,
 *     to measure it). Its first real measurement replaces the estimate, and
 *     the handles go, so React Flow keeps the ones it measured.
 */
// At run time the binding needs only the framework-free core React Flow is built on; from
// React Flow itself it takes types (erased), so it runs and is tested without React.
import { Position, type NodeHandle, type XYPosition } from '@xyflow/system';
import type { Connection, Edge, EdgeChange, Node, NodeChange } from '@xyflow/react';
import { hasRole, drawingOf, type DrawingKind } from '../board/catalog';
import type { BlockMove } from '../board/edits';
import type { Block, Link } from '../board/types';
import { DRAG_SYNC_INTERVAL_MS } from '../limits';
import type { BoardSnapshot, BoardStore } from './board-store';
import type { Editor } from './editor';

export type BoardNodeType = 'block' | 'group' | 'note' | DrawingKind;
export type BoardNode = Node<{ block: Block }, BoardNodeType>;
export type BoardEdge = Edge<{ link: Link }, 'link'>;

/** Which React Flow node component draws a kind, from its catalog roles. */
export function nodeTypeOf(kind: string): BoardNodeType {
  const drawing = drawingOf(kind);
  if (drawing) return drawing;
  if (hasRole(kind, 'frame')) return 'group';
  if (hasRole(kind, 'annotation')) return 'note';
  return 'block';
}

// Pen strokes over frames, under cards; text and arrows on top.
const TYPE_RANK: Record<BoardNodeType, number> = {
  group: 0,
  sketch: 1,
  shape: 2,
  block: 3,
  note: 4,
  text: 5,
  arrow: 6,
};

/** A node's size before it is drawn, where it is known without drawing it (the canvas knows its cards). */
export type Presize = (block: Block) => { width: number; height: number } | undefined;

const SIDES = [Position.Top, Position.Right, Position.Bottom, Position.Left] as const;

/** The four side handles of a card of this size (as BlockHandles draws them), for React Flow before it measures. */
function sideHandles(width: number, height: number): NodeHandle[] {
  const at = { top: [width / 2, 0], right: [width, height / 2], bottom: [width / 2, height], left: [0, height / 2] };
  return SIDES.map((side) => ({
    id: side,
    type: 'source',
    position: side,
    x: at[side][0]!,
    y: at[side][1]!,
    width: 1,
    height: 1,
  }));
}

function toNode(block: Block, prev: BoardNode | undefined, readOnly: boolean, presize?: Presize): BoardNode {
  const type = nodeTypeOf(block.kind);
  const size = prev ? undefined : presize?.(block); // [4]
  return {
    ...(size ? { measured: size, handles: sideHandles(size.width, size.height) } : {}),
    ...prev,
    id: block.id,
    type,
    position: prev?.dragging ? prev.position : { x: block.x, y: block.y }, // [3]
    data: { block },
    parentId: block.parent,
    width: block.width,
    height: block.height,
    zIndex: type === 'group' ? -1 : undefined,
    draggable: !readOnly,
    connectable: !readOnly,
    deletable: !readOnly,
  };
}

function toEdge(link: Link, prev: BoardEdge | undefined): BoardEdge {
  return { ...prev, id: link.id, type: 'link', source: link.from, target: link.to, data: { link } };
}

/** A block's drawing order within its layer (`z`, 0 when absent). */
const zOf = (block: Block): number => (typeof block.z === 'number' ? block.z : 0);

/** React Flow needs parents before children: groups by depth, then cards, then notes on top. */
function ordered(nodes: BoardNode[]): BoardNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const depth = (n: BoardNode) => {
    let d = 0;
    for (let p = n.parentId; p && d < 64; p = byId.get(p)?.parentId) d++;
    return d;
  };
  return nodes
    .map((n) => ({ n, d: depth(n) }))
    .sort(
      (a, b) =>
        a.d - b.d ||
        TYPE_RANK[a.n.type] - TYPE_RANK[b.n.type] ||
        zOf(a.n.data.block) - zOf(b.n.data.block) ||
        (a.n.id < b.n.id ? -1 : 1),
    )
    .map((x) => x.n);
}

/** React Flow's pure change appliers (`applyNodeChanges`, `applyEdgeChanges`), passed in by the hook. */
export interface ChangeAppliers {
  applyNodeChanges: (changes: NodeChange<BoardNode>[], nodes: BoardNode[]) => BoardNode[];
  applyEdgeChanges: (changes: EdgeChange<BoardEdge>[], edges: BoardEdge[]) => BoardEdge[];
}

/** Where a dragged block lands: a new parent group (or null for the top level) and its position relative to it. */
export type ResolveDrop = (nodeId: string) => { parent: string | null; position: XYPosition } | undefined;

export interface FlowBindingOptions {
  store: BoardStore;
  editor: Pick<Editor, 'moveBlocks' | 'connect' | 'beginUndoGroup'>;
  readOnly: boolean;
  appliers: ChangeAppliers;
  /** [4] Sizes of nodes known before they are drawn. */
  presize?: Presize;
}

/** A node being dragged and where React Flow puts it (relative to its parent, as a node's position is). */
export interface DraggedNode {
  id: string;
  position: XYPosition;
}

/** What React Flow draws. Replaced as a whole on every change, so it can be a React external store's snapshot. */
export interface FlowState {
  nodes: BoardNode[];
  edges: BoardEdge[];
  /** Selected block and link ids; the same array while the selection stays the same. */
  selectedIds: string[];
}

export class FlowBinding {
  private state: FlowState;
  private readonly listeners = new Set<() => void>();
  private readonly pending = new Map<string, XYPosition>();
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private endUndoGroup: (() => void) | null = null;
  /** Set by the canvas, which knows where groups are drawn. */
  resolveDrop: ResolveDrop | undefined;
  /**
   * Set by the canvas: how far to move the dragged nodes (one card or a whole
   * selection, by the same offset) so they snap to the other cards' edges.
   */
  adjustDrag: ((drags: readonly DraggedNode[]) => { dx: number; dy: number }) | undefined;
  /** Where adjustDrag last put each dragged node: React Flow's drop reports its own, unsnapped place. */
  private readonly adjusted = new Map<string, XYPosition>();

  constructor(private readonly options: FlowBindingOptions) {
    const snapshot = options.store.getState();
    this.state = {
      nodes: this.nodesFor(snapshot.blocks, []),
      edges: this.edgesFor(snapshot.links, []),
      selectedIds: [],
    };
  }

  /**
   * Follows the board store until the returned function is called, which
   * writes what a drag left pending. (Separate from the constructor so a React
   * effect can connect, disconnect and connect again.)
   */
  connect(): () => void {
    const current = this.options.store.getState();
    this.set(this.nodesFor(current.blocks, this.state.nodes), this.edgesFor(current.links, this.state.edges));
    const unsubscribe = this.options.store.subscribe((next, prev) => this.onBoard(next, prev));
    return () => {
      unsubscribe();
      this.flush();
      this.endUndoGroup?.();
      this.endUndoGroup = null;
    };
  }

  getState = (): FlowState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(nodes: BoardNode[], edges: BoardEdge[]): void {
    if (nodes === this.state.nodes && edges === this.state.edges) return;
    const ids = [
      ...nodes.filter((n) => n.selected).map((n) => n.id),
      ...edges.filter((e) => e.selected).map((e) => e.id),
    ];
    const same = ids.length === this.state.selectedIds.length && ids.every((id, i) => id === this.state.selectedIds[i]);
    this.state = { nodes, edges, selectedIds: same ? this.state.selectedIds : ids };
    for (const listener of this.listeners) listener();
  }

  private onBoard(next: BoardSnapshot, prev: BoardSnapshot): void {
    const nodes = next.blocks === prev.blocks ? this.state.nodes : this.nodesFor(next.blocks, this.state.nodes);
    const edges = next.links === prev.links ? this.state.edges : this.edgesFor(next.links, this.state.edges);
    this.set(nodes, edges);
  }

  /** Nodes for the store's blocks, keeping every node whose block object did not change. */
  private nodesFor(blocks: ReadonlyMap<string, Block>, current: BoardNode[]): BoardNode[] {
    const readOnly = this.options.readOnly;
    let structural = current.length !== blocks.size;
    const next: BoardNode[] = [];
    const seen = new Set<string>();
    for (const node of current) {
      const block = blocks.get(node.id);
      if (!block) {
        structural = true;
        continue;
      }
      seen.add(node.id);
      if (block === node.data.block) next.push(node);
      else {
        if (
          block.parent !== node.data.block.parent ||
          block.kind !== node.data.block.kind ||
          block.z !== node.data.block.z
        )
          structural = true;
        next.push(toNode(block, node, readOnly, this.options.presize));
      }
    }
    for (const block of blocks.values()) {
      if (seen.has(block.id)) continue;
      structural = true;
      next.push(toNode(block, undefined, readOnly, this.options.presize));
    }
    return structural ? ordered(next) : next;
  }

  private edgesFor(links: ReadonlyMap<string, Link>, current: BoardEdge[]): BoardEdge[] {
    const byId = new Map(current.map((e) => [e.id, e]));
    return [...links.values()].map((link) => {
      const prev = byId.get(link.id);
      return prev && prev.data?.link === link ? prev : toEdge(link, prev);
    });
  }

  onNodesChange = (input: NodeChange<BoardNode>[]): void => {
    let changes = input;
    const drags: DraggedNode[] = [];
    for (const c of input)
      if (c.type === 'position' && c.dragging && c.position) drags.push({ id: c.id, position: c.position });
    if (this.adjustDrag && drags.length > 0) {
      const { dx, dy } = this.adjustDrag(drags);
      for (const d of drags) this.adjusted.set(d.id, { x: d.position.x + dx, y: d.position.y + dy });
      if (dx !== 0 || dy !== 0)
        changes = input.map((c) =>
          c.type === 'position' && c.dragging && c.position
            ? { ...c, position: { x: c.position.x + dx, y: c.position.y + dy } }
            : c,
        );
    }
    let nodes = this.options.appliers.applyNodeChanges(changes, this.state.nodes);
    // [4] Measured: React Flow's own handle bounds from now on.
    const measured = new Set(changes.filter((c) => c.type === 'dimensions').map((c) => c.id));
    if (measured.size > 0)
      nodes = nodes.map((n) => (n.handles && measured.has(n.id) ? { ...n, handles: undefined } : n));
    this.set(nodes, this.state.edges);
    if (this.options.readOnly) return;
    let moved = false;
    for (const c of changes) {
      if (c.type === 'position' && c.position && c.dragging) {
        this.pending.set(c.id, c.position);
        moved = true;
      }
    }
    // [2] Throttled position writes during a drag.
    if (moved && !this.flushTimer) this.flushTimer = setTimeout(() => this.flush(), DRAG_SYNC_INTERVAL_MS);
  };

  onEdgesChange = (changes: EdgeChange<BoardEdge>[]): void => {
    this.set(this.state.nodes, this.options.appliers.applyEdgeChanges(changes, this.state.edges));
  };

  onConnect = (c: Connection): void => {
    if (!this.options.readOnly && c.source && c.target) this.options.editor.connect(c.source, c.target);
  };

  onDragStart = (): void => {
    this.adjusted.clear();
    this.endUndoGroup?.();
    this.endUndoGroup = this.options.editor.beginUndoGroup();
  };

  onDragStop = (_event: unknown, _node: unknown, dragged: BoardNode[]): void => {
    const draggedIds = new Set(dragged.map((n) => n.id));
    const finalMoves: BlockMove[] = [];
    const adjusted = new Map(this.adjusted);
    this.adjusted.clear();
    for (const dropped of dragged) {
      const at = adjusted.get(dropped.id);
      const node = at ? { ...dropped, position: at } : dropped;
      // Blocks dragged along with their group stay in it.
      if (node.parentId && draggedIds.has(node.parentId)) {
        finalMoves.push({ id: node.id, x: node.position.x, y: node.position.y });
        continue;
      }
      const drop = this.resolveDrop?.(node.id);
      if (drop && drop.parent !== (node.parentId ?? null))
        finalMoves.push({ id: node.id, x: drop.position.x, y: drop.position.y, parent: drop.parent });
      else finalMoves.push({ id: node.id, x: node.position.x, y: node.position.y });
    }
    if (!this.options.readOnly) this.flush(finalMoves);
    this.endUndoGroup?.();
    this.endUndoGroup = null;
  };

  /** Selects exactly these block and link ids (after a paste, a click on a finding, select all). */
  selectOnly = (idsIterable: Iterable<string>): void => {
    const ids = new Set(idsIterable);
    this.set(
      this.state.nodes.map((n) => (!!n.selected === ids.has(n.id) ? n : { ...n, selected: ids.has(n.id) })),
      this.state.edges.map((e) => (!!e.selected === ids.has(e.id) ? e : { ...e, selected: ids.has(e.id) })),
    );
  };

  /** Writes pending drag positions (and `extra` moves, which win), as one edit. */
  private flush(extra: BlockMove[] = []): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const byId = new Map<string, BlockMove>([...this.pending].map(([id, p]) => [id, { id, x: p.x, y: p.y }]));
    this.pending.clear();
    for (const m of extra) byId.set(m.id, m);
    // A block deleted meanwhile stays deleted: the interpreter updates only blocks that exist.
    if (byId.size > 0) this.options.editor.moveBlocks([...byId.values()]);
  }
}
