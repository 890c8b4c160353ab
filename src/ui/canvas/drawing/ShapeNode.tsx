import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { BoardNode } from '../../../sync/flow-binding';
import { useBoard } from '../../board/board-context';
import { MAX_LABEL_CHARS } from '../../../limits';
import { BlockHandles } from '../BlockHandles';
import { InlineText } from '../InlineText';
import { BlockResizer } from '../BlockResizer';
import { NodeDecorations } from '../NodeDecorations';
import { useEditRequest } from './TextNode';

function Outline({ shape, width, height }: { shape: string; width: number; height: number }) {
  const s = 1.5; // half the stroke, so the outline stays inside the box
  if (shape === 'ellipse')
    return (
      <ellipse cx={width / 2} cy={height / 2} rx={width / 2 - s} ry={height / 2 - s} className="ab-shape__outline" />
    );
  if (shape === 'diamond')
    return (
      <polygon
        points={`${width / 2},${s} ${width - s},${height / 2} ${width / 2},${height - s} ${s},${height / 2}`}
        className="ab-shape__outline"
      />
    );
  return <rect x={s} y={s} width={width - 2 * s} height={height - 2 * s} rx={6} className="ab-shape__outline" />;
}

/** A plain shape (kind `shape`): a rectangle, ellipse or diamond holding text, linkable like a block. */
export const ShapeNode = memo(function ShapeNode({ id, data, selected, width, height }: NodeProps<BoardNode>) {
  const { editor, readOnly } = useBoard();
  const [editing, setEditing] = useEditRequest(id, readOnly);
  const { block } = data;
  const w = width ?? block.width ?? 160;
  const h = height ?? block.height ?? 96;
  return (
    <div
      className={`ab-shape ab-shape--${block.shape ?? 'rectangle'}${selected ? ' is-selected' : ''}`}
      data-block-id={id}
      data-kind="shape"
      style={{ width: w, height: h, color: block.color }}
      onDoubleClick={() => !readOnly && setEditing(true)}
    >
      <BlockResizer id={id} selected={selected} minWidth={40} minHeight={30} />
      <BlockHandles readOnly={readOnly} />
      <svg className="ab-shape__svg" width={w} height={h} aria-hidden>
        <Outline shape={block.shape ?? 'rectangle'} width={w} height={h} />
      </svg>
      <InlineText
        className="ab-shape__label"
        value={block.label ?? ''}
        placeholder=""
        editing={editing}
        maxLength={MAX_LABEL_CHARS}
        onCommit={(label) => editor.updateBlock(id, { label: label.trim() || undefined })}
        onDone={() => setEditing(false)}
      />
      <NodeDecorations id={id} />
    </div>
  );
});
