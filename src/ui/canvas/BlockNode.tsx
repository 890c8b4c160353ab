import { memo, useState } from 'react';
import type { NodeProps } from '@xyflow/react';
import { Cloud } from 'lucide-react';
import { kindInfo, replicasOf } from '../../board/catalog';
import type { BoardNode } from '../../sync/flow-binding';
import { iconFor } from '../common/icons';
import { categoryStyle } from '../common/category-style';
import { useBoard } from '../board/board-context';
import { MAX_LABEL_CHARS } from '../../limits';
import { BlockHandles } from './BlockHandles';
import { InlineText } from './InlineText';
import { BlockResizer } from './BlockResizer';
import { NodeDecorations } from './NodeDecorations';
import { useBlockDrill } from '../lint/drill-store';
import { useLowDetail } from './detail';

/** A building block drawn as a card: icon, label, kind and technology, replicas, managed mark. */
export const BlockNode = memo(function BlockNode({ id, data, selected }: NodeProps<BoardNode>) {
  const { editor, readOnly } = useBoard();
  const [editing, setEditing] = useState(false);
  const { block } = data;
  const info = kindInfo(block.kind);
  const Icon = iconFor(info.icon);
  const replicas = replicasOf(block);
  const drill = useBlockDrill(id);
  // Unlabelled cards are titled by their kind; the second line then only needs the technology.
  const subtitle = block.label ? (block.tech ? `${info.label} · ${block.tech}` : info.label) : (block.tech ?? '');
  const low = useLowDetail();
  if (low && !selected && !editing)
    // Far out, a plain rectangle in the category's colour, as big as the card (the handles stay: links need them).
    return (
      <div
        className={`ab-card is-low-detail${drill ? ` is-drill-${drill}` : ''}`}
        data-block-id={id}
        data-drill={drill}
        data-kind={block.kind}
        style={{
          ...categoryStyle(info.category),
          ...(block.width ? { width: block.width, height: block.height } : {}),
        }}
      >
        <BlockHandles readOnly={readOnly} />
      </div>
    );
  return (
    <div
      className={`ab-card${selected ? ' is-selected' : ''}${drill ? ` is-drill-${drill}` : ''}`}
      data-block-id={id}
      data-drill={drill}
      data-kind={block.kind}
      style={{
        ...categoryStyle(info.category),
        ...(block.width ? { width: block.width, height: block.height } : {}),
      }}
      onDoubleClick={() => !readOnly && setEditing(true)}
    >
      <BlockResizer id={id} selected={selected} minWidth={120} minHeight={48} />
      <BlockHandles readOnly={readOnly} />
      <div className="ab-card__icon" aria-hidden>
        <Icon size={18} strokeWidth={2} />
      </div>
      <div className="ab-card__text">
        <InlineText
          className="ab-card__label"
          value={block.label || info.label}
          placeholder={info.label}
          editing={editing}
          maxLength={MAX_LABEL_CHARS}
          onCommit={(label) =>
            editor.updateBlock(id, { label: label.trim() && label.trim() !== info.label ? label.trim() : undefined })
          }
          onDone={() => setEditing(false)}
        />
        {subtitle && (
          <div className="ab-card__meta" title={subtitle}>
            {subtitle}
          </div>
        )}
      </div>
      {(replicas > 1 || block.managed) && (
        <div className="ab-card__badges">
          {block.managed && (
            <span className="ab-managed" title="Managed service: run highly available by its provider">
              <Cloud size={12} />
            </span>
          )}
          {replicas > 1 && (
            <span className="ab-replicas" title={`${replicas} instances`}>
              ×{replicas}
            </span>
          )}
        </div>
      )}
      <NodeDecorations id={id} />
    </div>
  );
});
