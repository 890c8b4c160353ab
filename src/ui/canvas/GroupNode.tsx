import { memo, useState } from 'react';
import { NodeResizer, useReactFlow, type NodeProps } from '@xyflow/react';
import type { BoardNode } from '../../sync/flow-binding';
import { useBoard } from '../board/board-context';
import { kindInfo } from '../../board/catalog';
import { MAX_LABEL_CHARS } from '../../limits';
import { InlineText } from './InlineText';
import { NodeDecorations } from './NodeDecorations';
import { useBlockDrill } from '../lint/drill-store';

/** A labelled frame (a region, an availability zone); blocks dropped in it move with it. */
export const GroupNode = memo(function GroupNode({ id, data, selected }: NodeProps<BoardNode>) {
  const { editor, readOnly } = useBoard();
  const [editing, setEditing] = useState(false);
  const drill = useBlockDrill(id);
  const { getNodes, getInternalNode } = useReactFlow<BoardNode>();
  // A group resized over blocks takes them in: from then on they move with it.
  const adopt = (rect: { x: number; y: number; width: number; height: number }) => {
    if (data.block.parent) return; // nested groups keep their blocks as they are
    const moves: { id: string; x: number; y: number; parent: string }[] = [];
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
    if (moves.length > 0) editor.moveBlocks(moves);
  };
  return (
    <div
      className={`ab-group${selected ? ' is-selected' : ''}${drill ? ` is-drill-${drill}` : ''}`}
      data-block-id={id}
      data-kind={data.block.kind}
      data-drill={drill}
    >
      <NodeResizer
        isVisible={selected && !readOnly}
        minWidth={160}
        minHeight={100}
        lineClassName="ab-resize-line"
        handleClassName="ab-resize-handle"
        onResizeEnd={(_e, p) => {
          editor.resizeBlock(id, p);
          adopt(p);
        }}
      />
      <div className="ab-group__label" onDoubleClick={() => !readOnly && setEditing(true)}>
        <InlineText
          value={data.block.label ?? ''}
          placeholder={kindInfo(data.block.kind).label}
          editing={editing}
          maxLength={MAX_LABEL_CHARS}
          onCommit={(label) => editor.updateBlock(id, { label: label.trim() || undefined })}
          onDone={() => setEditing(false)}
        />
      </div>
      <NodeDecorations id={id} />
    </div>
  );
});
