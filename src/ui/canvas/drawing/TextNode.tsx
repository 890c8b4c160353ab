import { memo, useEffect, useState } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { BoardNode } from '../../../sync/flow-binding';
import { useBoard } from '../../board/board-context';
import { useSession } from '../../common/session-store';
import { MAX_LABEL_CHARS } from '../../../limits';
import { InlineText } from '../InlineText';

/** Whether this block was just drawn and should open its text: once, then the request is spent. */
export function useEditRequest(id: string, readOnly: boolean): [boolean, (editing: boolean) => void] {
  const requested = useSession((s) => s.editRequest === id);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!requested || readOnly) return;
    setEditing(true);
    useSession.getState().set({ editRequest: null });
  }, [requested, readOnly]);
  return [editing, setEditing];
}

/** Free text (kind `text`): its `label`, at its `fontSize`; double-click to edit. */
export const TextNode = memo(function TextNode({ id, data, selected }: NodeProps<BoardNode>) {
  const { editor, readOnly } = useBoard();
  const [editing, setEditing] = useEditRequest(id, readOnly);
  const { block } = data;
  return (
    <div
      className={`ab-text${selected ? ' is-selected' : ''}`}
      data-block-id={id}
      data-kind="text"
      style={{ fontSize: block.fontSize ?? 18, color: block.color }}
      onDoubleClick={() => !readOnly && setEditing(true)}
    >
      <InlineText
        className="ab-text__content"
        value={block.label ?? ''}
        placeholder="Text"
        editing={editing}
        maxLength={MAX_LABEL_CHARS}
        onCommit={(label) => editor.updateBlock(id, { label })}
        onDone={() => setEditing(false)}
      />
    </div>
  );
});
