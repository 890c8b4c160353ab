import { memo, useState } from 'react';
import { NodeResizer, type NodeProps } from '@xyflow/react';
import type { BoardNode } from '../../sync/flow-binding';
import { useBoard } from '../board/board-context';
import { MAX_TEXT_CHARS } from '../../limits';
import { InlineText } from './InlineText';
import { NodeDecorations } from './NodeDecorations';

/** A sticky note; its text is the block's `notes` field. */
export const NoteNode = memo(function NoteNode({ id, data, selected }: NodeProps<BoardNode>) {
  const { editor, readOnly } = useBoard();
  const [editing, setEditing] = useState(false);
  // The note grows with its text (never clips it); its stored height is the least it shows.
  const [liveHeight, setLiveHeight] = useState<number | null>(null);
  return (
    <div
      className={`ab-note${selected ? ' is-selected' : ''}`}
      data-block-id={id}
      data-kind={data.block.kind}
      style={{ minHeight: liveHeight ?? data.block.height }}
      onDoubleClick={() => !readOnly && setEditing(true)}
    >
      <NodeResizer
        isVisible={selected && !readOnly}
        minWidth={120}
        minHeight={60}
        lineClassName="ab-resize-line"
        handleClassName="ab-resize-handle"
        onResize={(_e, p) => setLiveHeight(p.height)}
        onResizeEnd={(_e, p) => {
          setLiveHeight(null);
          editor.resizeBlock(id, p);
        }}
      />
      <InlineText
        className="ab-note__text"
        value={data.block.notes ?? ''}
        placeholder="Double-click to write"
        editing={editing}
        multiline
        maxLength={MAX_TEXT_CHARS}
        onCommit={(notes) => editor.updateBlock(id, { notes: notes || undefined })}
        onDone={() => setEditing(false)}
      />
      <NodeDecorations id={id} />
    </div>
  );
});
