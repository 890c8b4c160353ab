import { memo, useState } from 'react';
import { useReactFlow, type NodeProps } from '@xyflow/react';
import type { BoardNode } from '../../sync/useFlowBinding';
import { useBoard } from '../board/board-context';
import { moveBlocks, updateBlock, type BlockMove } from '../../sync/board-actions';
import { MAX_LABEL_CHARS } from '../../limits';
import { InlineText } from './InlineText';
import { BlockResizer } from './BlockResizer';
import { NodeDecorations } from './NodeDecorations';

/** A labelled frame (a region, an availability zone); blocks dropped in it move with it. */
export const GroupNode = memo(function GroupNode({ id, data, selected }: NodeProps<BoardNode>) {
  const { doc, readOnly } = useBoard();
  const [editing, setEditing] = useState(false);
  const { getNodes, getInternalNode } = useReactFlow<BoardNode>();
  // A group resized over blocks takes them in: from then on they move with it.
  const adopt = (rect: { x: number; y: number; width: number; height: number }) => {
    const self = getInternalNode(id);
    if (!self || data.block.parent) return; // nested groups keep their blocks as they are
    const moves: BlockMove[] = [];
    for (const n of getNodes()) {
      if (n.id === id || n.parentId || n.type === 'group') continue;
      const internal = getInternalNode(n.id);
      if (!internal) continue;
      const w = internal.measured.width ?? 0;
      const h = internal.measured.height ?? 0;
      const { x, y } = internal.internals.positionAbsolute;
      const cx = x + w / 2;
      const cy = y + h / 2;
      if (cx < rect.x || cy < rect.y || cx > rect.x + rect.width || cy > rect.y + rect.height) continue;
      moves.push({ id: n.id, x: x - rect.x, y: y - rect.y, parent: id });
    }
    if (moves.length > 0) moveBlocks(doc, moves);
  };
  return (
    <div className={`ab-group${selected ? ' is-selected' : ''}`} data-block-id={id} data-kind="group">
      <BlockResizer id={id} selected={selected} minWidth={160} minHeight={100} onResized={adopt} />
      <div className="ab-group__label" onDoubleClick={() => !readOnly && setEditing(true)}>
        <InlineText
          value={data.block.label ?? ''}
          placeholder="Group"
          editing={editing}
          maxLength={MAX_LABEL_CHARS}
          onCommit={(label) => updateBlock(doc, id, { label: label.trim() || undefined })}
          onDone={() => setEditing(false)}
        />
      </div>
      <NodeDecorations id={id} />
    </div>
  );
});
