import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyEdgeChanges, applyNodeChanges } from '@xyflow/react';
import { DRAG_SYNC_INTERVAL_MS } from '../limits';
import { FlowBinding } from './flow-binding';
import { openTestBoard, syncOnce } from './test-board';

function setup() {
  const local = openTestBoard();
  const id = local.editor.addBlock({ kind: 'service', x: 0, y: 0 });
  const other = local.editor.addBlock({ kind: 'cache', x: 300, y: 0 });
  const remoteDoc = new Y.Doc();
  syncOnce(local.doc, remoteDoc);
  const remote = openTestBoard(remoteDoc);
  local.undo.clear();
  const binding = new FlowBinding({
    store: local.store,
    editor: local.editor,
    readOnly: false,
    appliers: { applyNodeChanges, applyEdgeChanges },
  });
  const disconnect = binding.connect();
  const node = (nodeId = id) => binding.getState().nodes.find((n) => n.id === nodeId);
  const dragTo = (x: number, y: number, dragging = true) =>
    binding.onNodesChange([{ type: 'position', id, position: { x, y }, dragging }]);
  const stop = () => binding.onDragStop(null, null, [node()!]);
  return { local, remote, binding, disconnect, id, other, node, dragTo, stop };
}

describe('FlowBinding', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('draws the board and follows its changes, rebuilding only the nodes that changed', () => {
    const { local, node, id, other } = setup();
    const untouched = node(other);
    local.editor.updateBlock(id, { label: 'API' });
    expect(node()?.data.block.label).toBe('API');
    expect(node(other)).toBe(untouched);
  });

  it('writes drag positions at most once an interval, and the last one at the drop', () => {
    const { local, binding, dragTo, stop, id } = setup();
    binding.onDragStart();
    dragTo(10, 10);
    dragTo(20, 20);
    expect(local.store.getState().blocks.get(id)).toMatchObject({ x: 0, y: 0 });
    vi.advanceTimersByTime(DRAG_SYNC_INTERVAL_MS);
    expect(local.store.getState().blocks.get(id)).toMatchObject({ x: 20, y: 20 });
    dragTo(35.4, 40.6);
    dragTo(35.4, 40.6, false);
    stop();
    expect(local.store.getState().blocks.get(id)).toMatchObject({ x: 35, y: 41 });
  });

  it('keeps the dragged node where the pointer is when a remote update arrives during the drag', () => {
    const { local, remote, binding, dragTo, stop, node, id } = setup();
    binding.onDragStart();
    dragTo(100, 100);
    remote.editor.apply([{ op: 'update-block', id, set: { x: -400, y: -400, label: 'renamed' } }]);
    syncOnce(remote.doc, local.doc);
    expect(node()?.position).toEqual({ x: 100, y: 100 });
    expect(node()?.data.block.label).toBe('renamed');
    dragTo(120, 100, false);
    stop();
    expect(local.store.getState().blocks.get(id)).toMatchObject({ x: 120, y: 100, label: 'renamed' });
    syncOnce(local.doc, remote.doc);
    expect(remote.store.getState().blocks.get(id)).toMatchObject({ x: 120, y: 100 });
  });

  it('makes one drag one undo step, however long it lasts', () => {
    const { local, binding, dragTo, stop, id } = setup();
    // Every pause counts as longer than the capture timeout (Yjs reads the real clock, not the fake one).
    local.undo.captureTimeout = 0;
    binding.onDragStart();
    for (let i = 1; i <= 10; i++) {
      dragTo(i * 10, 0);
      vi.advanceTimersByTime(DRAG_SYNC_INTERVAL_MS);
    }
    dragTo(200, 0, false);
    stop();
    expect(local.store.getState().blocks.get(id)).toMatchObject({ x: 200, y: 0 });
    local.editor.undo();
    expect(local.store.getState().blocks.get(id)).toMatchObject({ x: 0, y: 0 });
    expect(local.editor.undoState().canUndo).toBe(false);
  });

  it('drops the node of a block someone else deletes during the drag, and never brings it back', () => {
    const { local, remote, binding, dragTo, node, id, other } = setup();
    binding.onDragStart();
    dragTo(50, 50);
    const dragged = node()!;
    remote.editor.deleteElements([id], []);
    syncOnce(remote.doc, local.doc);
    expect(node()).toBeUndefined();
    expect(node(other)).toBeDefined();
    dragTo(60, 60);
    vi.advanceTimersByTime(DRAG_SYNC_INTERVAL_MS);
    binding.onDragStop(null, null, [dragged]);
    expect(local.store.getState().blocks.has(id)).toBe(false);
    expect(local.doc.getMap('blocks').has(id)).toBe(false);
  });

  it('writes a pending position when disconnected mid-drag', () => {
    const { local, binding, dragTo, disconnect, id } = setup();
    binding.onDragStart();
    dragTo(70, 80);
    disconnect();
    expect(local.store.getState().blocks.get(id)).toMatchObject({ x: 70, y: 80 });
  });

  it('selects exactly what it is told, and keeps the selection array while it stays the same', () => {
    const { binding, id, other } = setup();
    binding.selectOnly([id]);
    const first = binding.getState().selectedIds;
    expect(first).toEqual([id]);
    binding.onNodesChange([{ type: 'dimensions', id: other, dimensions: { width: 10, height: 10 } }]);
    expect(binding.getState().selectedIds).toBe(first);
  });
});
