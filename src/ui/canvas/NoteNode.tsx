import { memo, useState } from 'react';
import { NodeResizer, type NodeProps } from '@xyflow/react';
import { drawnAs } from '../../board/catalog';
import type { BoardNode } from '../../sync/useFlowBinding';
import { useBoard } from '../board/board-context';
import { resizeBlock, updateBlock } from '../../sync/board-actions';
import { MAX_TEXT_CHARS } from '../../limits';
import { InlineText } from './InlineText';
import { NodeDecorations } from './NodeDecorations';

/** A sticky note; its text is the block's `notes` field (free text keeps its text in `label`). */
export const NoteNode = memo(function NoteNode({ id, data, selected }: NodeProps<BoardNode>) {
  const { doc, readOnly } = useBoard();
  const [editing, setEditing] = useState(false);
  const field = drawnAs(data.block.kind) === 'text' ? 'label' : 'notes';
  return (
    <div
      className={`ab-note${selected ? ' is-selected' : ''}`}
      data-block-id={id}
      data-kind="note"
      onDoubleClick={() => !readOnly && setEditing(true)}
    >
      <NodeResizer
        isVisible={selected && !readOnly}
        minWidth={120}
        minHeight={60}
        lineClassName="ab-resize-line"
        handleClassName="ab-resize-handle"
        onResizeEnd={(_e, p) => resizeBlock(doc, id, p)}
      />
      <InlineText
        className="ab-note__text"
        value={(field === 'label' ? data.block.label : data.block.notes) ?? ''}
        placeholder="Double-click to write"
        editing={editing}
        multiline
        maxLength={MAX_TEXT_CHARS}
        onCommit={(text) => updateBlock(doc, id, { [field]: text || undefined })}
        onDone={() => setEditing(false)}
      />
      <NodeDecorations id={id} />
    </div>
  );
});
