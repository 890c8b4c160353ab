import { memo, useState } from 'react';
import { NodeResizer, type NodeProps } from '@xyflow/react';
import type { BoardNode } from '../../sync/flow-binding';
import { useBoard } from '../board/board-context';
import { kindInfo } from '../../board/catalog';
import { MAX_LABEL_CHARS } from '../../limits';
import { InlineText } from './InlineText';
import { NodeDecorations } from './NodeDecorations';

/** A labelled frame (a region, an availability zone); blocks dropped in it move with it. */
export const GroupNode = memo(function GroupNode({ id, data, selected }: NodeProps<BoardNode>) {
  const { editor, readOnly } = useBoard();
  const [editing, setEditing] = useState(false);
  return (
    <div className={`ab-group${selected ? ' is-selected' : ''}`} data-block-id={id} data-kind={data.block.kind}>
      <NodeResizer
        isVisible={selected && !readOnly}
        minWidth={160}
        minHeight={100}
        lineClassName="ab-resize-line"
        handleClassName="ab-resize-handle"
        onResizeEnd={(_e, p) => editor.resizeBlock(id, p)}
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
