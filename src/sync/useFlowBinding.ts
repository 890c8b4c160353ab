/**
 * The binding between the board's Y.Doc and React Flow's state.
 *
 * The doc holds document scope (blocks, links); React Flow's own fields
 * (selected, dragging, measured, resizing) are session scope and live only in
 * the node objects here [1]. Nodes are rebuilt only for the blocks a change
 * touched, so a remote edit re-renders one card, not five hundred.
 *
 * [1] applyNodeChanges writes them onto our node objects; toNode carries them
 *     over when the doc changes a node, and nothing here writes them to the doc.
 * [2] During a drag, positions go to the doc at most every DRAG_SYNC_INTERVAL_MS
 *     and once at the end, in LOCAL transactions grouped into one undo step.
 * [3] A node the local user is dragging keeps its local position: a remote (or
 *     our own, slightly older, throttled) position must not make it jump.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import { hasRole } from '../board/catalog';
import type { Block, Link } from '../board/types';
import { blocksOf, linksOf, mapToBlock, mapToLink, type FieldMap } from '../doc/board-doc';
import { connectBlocks, moveBlocks, type BlockMove } from './board-actions';
import { beginUndoGroup } from './undo';
import { DRAG_SYNC_INTERVAL_MS } from '../limits';

export type BoardNodeType = 'block' | 'group' | 'note';
export type BoardNode = Node<{ block: Block }, BoardNodeType>;
export type BoardEdge = Edge<{ link: Link }, 'link'>;

/** Which React Flow node component draws a kind, from its catalog roles. */
export function nodeTypeOf(kind: string): BoardNodeType {
  if (hasRole(kind, 'frame')) return 'group';
  if (hasRole(kind, 'annotation')) return 'note';
  return 'block';
}

const TYPE_RANK: Record<BoardNodeType, number> = { group: 0, block: 1, note: 2 };

function toNode(block: Block, prev: BoardNode | undefined, readOnly: boolean): BoardNode {
  const type = nodeTypeOf(block.kind);
  return {
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
    .sort((a, b) => a.d - b.d || TYPE_RANK[a.n.type] - TYPE_RANK[b.n.type] || (a.n.id < b.n.id ? -1 : 1))
    .map((x) => x.n);
}

function buildNodes(
  blocks: Y.Map<FieldMap>,
  prevById: Map<string, BoardNode>,
  changed: Set<string> | null,
  readOnly: boolean,
): BoardNode[] {
  const nodes: BoardNode[] = [];
  for (const [id, map] of blocks) {
    const prev = prevById.get(id);
    nodes.push(prev && changed && !changed.has(id) ? prev : toNode(mapToBlock(map), prev, readOnly));
  }
  return ordered(nodes);
}

function buildEdges(
  links: Y.Map<FieldMap>,
  prevById: Map<string, BoardEdge>,
  changed: Set<string> | null,
): BoardEdge[] {
  const edges: BoardEdge[] = [];
  for (const [id, map] of links) {
    const prev = prevById.get(id);
    edges.push(prev && changed && !changed.has(id) ? prev : toEdge(mapToLink(map), prev));
  }
  return edges;
}

/** Ids of the entries a deep change touched, and whether entries came or went. */
function touchedIds(
  events: Y.YEvent<Y.AbstractType<unknown>>[],
  root: Y.Map<FieldMap>,
): { ids: Set<string>; structural: boolean } {
  const ids = new Set<string>();
  let structural = false;
  for (const event of events) {
    if (event.target === root) {
      for (const key of event.changes.keys.keys()) ids.add(key);
      structural = true;
    } else {
      const id = event.path[0];
      if (typeof id === 'string') ids.add(id);
      if ((event as Y.YMapEvent<unknown>).keysChanged?.has('parent')) structural = true;
    }
  }
  return { ids, structural };
}

export interface FlowBindingOptions {
  doc: Y.Doc;
  undo: Y.UndoManager;
  readOnly: boolean;
  /**
   * Where dragged blocks land: a new parent group (or null for the top level)
   * and the position relative to it. Undefined keeps the block where it is.
   */
  resolveDrop?: (nodeId: string) => { parent: string | null; position: XYPosition } | undefined;
}

export interface FlowBinding {
  nodes: BoardNode[];
  edges: BoardEdge[];
  onNodesChange: (changes: NodeChange<BoardNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<BoardEdge>[]) => void;
  onConnect: (connection: Connection) => void;
  onDragStart: () => void;
  onDragStop: (_event: unknown, _node: unknown, dragged: BoardNode[]) => void;
  /** Selects exactly these block and link ids (after a paste, a click on a finding, select all). */
  selectOnly: (ids: Iterable<string>) => void;
  selectedIds: string[];
}

/** Binds a board doc to controlled React Flow state. */
export function useFlowBinding({ doc, undo, readOnly, resolveDrop }: FlowBindingOptions): FlowBinding {
  const blocks = blocksOf(doc);
  const links = linksOf(doc);
  const [nodes, setNodes] = useState<BoardNode[]>(() => buildNodes(blocks, new Map(), null, readOnly));
  const [edges, setEdges] = useState<BoardEdge[]>(() => buildEdges(links, new Map(), null));

  useEffect(() => {
    setNodes((prev) => buildNodes(blocks, new Map(prev.map((n) => [n.id, n])), null, readOnly));
    const onBlocks = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      const { ids, structural } = touchedIds(events, blocks);
      setNodes((prev) => {
        if (structural) return buildNodes(blocks, new Map(prev.map((n) => [n.id, n])), ids, readOnly);
        return prev.map((n) => {
          const map = ids.has(n.id) ? blocks.get(n.id) : undefined;
          return map ? toNode(mapToBlock(map), n, readOnly) : n;
        });
      });
    };
    const onLinks = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      const { ids } = touchedIds(events, links);
      setEdges((prev) => buildEdges(links, new Map(prev.map((e) => [e.id, e])), ids));
    };
    blocks.observeDeep(onBlocks);
    links.observeDeep(onLinks);
    return () => {
      blocks.unobserveDeep(onBlocks);
      links.unobserveDeep(onLinks);
    };
  }, [blocks, links, readOnly]);

  // [2] Throttled position writes during a drag.
  const pending = useRef(new Map<string, XYPosition>());
  const flushTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const endUndoGroup = useRef<(() => void) | null>(null);

  const flush = useCallback(
    (extra: BlockMove[] = []) => {
      if (flushTimer.current) clearTimeout(flushTimer.current);
      flushTimer.current = null;
      const moves: BlockMove[] = [...pending.current].map(([id, p]) => ({ id, x: p.x, y: p.y }));
      pending.current.clear();
      const byId = new Map(moves.map((m) => [m.id, m]));
      for (const m of extra) byId.set(m.id, m);
      if (byId.size > 0) moveBlocks(doc, [...byId.values()]);
    },
    [doc],
  );

  useEffect(() => () => flush(), [flush]);

  const onNodesChange = useCallback(
    (changes: NodeChange<BoardNode>[]) => {
      setNodes((nds) => applyNodeChanges(changes, nds));
      if (readOnly) return;
      let moved = false;
      for (const c of changes) {
        if (c.type === 'position' && c.position && c.dragging) {
          pending.current.set(c.id, c.position);
          moved = true;
        }
      }
      if (moved && !flushTimer.current) flushTimer.current = setTimeout(() => flush(), DRAG_SYNC_INTERVAL_MS);
    },
    [flush, readOnly],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<BoardEdge>[]) => setEdges((eds) => applyEdgeChanges(changes, eds)),
    [],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (!readOnly && c.source && c.target) connectBlocks(doc, c.source, c.target);
    },
    [doc, readOnly],
  );

  const onDragStart = useCallback(() => {
    endUndoGroup.current?.();
    endUndoGroup.current = beginUndoGroup(undo);
  }, [undo]);

  const onDragStop = useCallback(
    (_event: unknown, _node: unknown, dragged: BoardNode[]) => {
      const draggedIds = new Set(dragged.map((n) => n.id));
      const finalMoves: BlockMove[] = [];
      for (const node of dragged) {
        // Blocks dragged along with their group stay in it.
        if (node.parentId && draggedIds.has(node.parentId)) {
          finalMoves.push({ id: node.id, x: node.position.x, y: node.position.y });
          continue;
        }
        const drop = resolveDrop?.(node.id);
        if (drop && drop.parent !== (node.parentId ?? null))
          finalMoves.push({ id: node.id, x: drop.position.x, y: drop.position.y, parent: drop.parent });
        else finalMoves.push({ id: node.id, x: node.position.x, y: node.position.y });
      }
      if (!readOnly) flush(finalMoves);
      endUndoGroup.current?.();
      endUndoGroup.current = null;
    },
    [flush, readOnly, resolveDrop],
  );

  const selectOnly = useCallback((idsIterable: Iterable<string>) => {
    const ids = new Set(idsIterable);
    setNodes((nds) => nds.map((n) => (!!n.selected === ids.has(n.id) ? n : { ...n, selected: ids.has(n.id) })));
    setEdges((eds) => eds.map((e) => (!!e.selected === ids.has(e.id) ? e : { ...e, selected: ids.has(e.id) })));
  }, []);

  const selectedKey = useMemo(
    () =>
      [...nodes.filter((n) => n.selected).map((n) => n.id), ...edges.filter((e) => e.selected).map((e) => e.id)].join(
        '\n',
      ),
    [nodes, edges],
  );
  const selectedIds = useMemo(() => (selectedKey ? selectedKey.split('\n') : []), [selectedKey]);

  return { nodes, edges, onNodesChange, onEdgesChange, onConnect, onDragStart, onDragStop, selectOnly, selectedIds };
}
