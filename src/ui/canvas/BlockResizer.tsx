import { NodeResizer, type ResizeParams } from '@xyflow/react';
import { useBoard } from '../board/board-context';

interface BlockResizerProps {
  id: string;
  selected: boolean;
  minWidth: number;
  minHeight: number;
  /** While the handles move (a note shows its live height). */
  onResize?: (params: ResizeParams) => void;
  /** After the new size is written (a group adopts what it now covers). */
  onResized?: (params: ResizeParams) => void;
}

/** Resize handles on a selected block, card, shape, note or group; the new size is one undo step. */
export function BlockResizer({ id, selected, minWidth, minHeight, onResize, onResized }: BlockResizerProps) {
  const { editor, readOnly } = useBoard();
  return (
    <NodeResizer
      isVisible={selected && !readOnly}
      minWidth={minWidth}
      minHeight={minHeight}
      lineClassName="ab-resize-line"
      handleClassName="ab-resize-handle"
      onResize={onResize ? (_e, p) => onResize(p) : undefined}
      onResizeEnd={(_e, p) => {
        editor.resizeBlock(id, p);
        onResized?.(p);
      }}
    />
  );
}
