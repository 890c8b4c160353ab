import { useReactFlow } from '@xyflow/react';
import { useSession } from '../common/session-store';
import { startComment } from './useComments';
import type { CommentAnchor } from '../../board/comments';

/** What a click with the comment tool pins to: the block or link under it, else the point itself. */
function anchorAt(
  x: number,
  y: number,
  toFlow: (p: { x: number; y: number }) => { x: number; y: number },
): CommentAnchor {
  for (const el of document.elementsFromPoint(x, y)) {
    if (el.closest('.ab-comment-layer')) continue;
    const link = el.closest<HTMLElement | SVGElement>('[data-link-id]');
    if (link?.dataset.linkId) return { kind: 'link', id: link.dataset.linkId };
    const label = el.closest<HTMLElement>('[data-link-label]');
    if (label?.dataset.linkLabel) return { kind: 'link', id: label.dataset.linkLabel };
    const node = el.closest<HTMLElement>('.react-flow__node');
    if (node?.dataset.id) return { kind: 'block', id: node.dataset.id };
  }
  const p = toFlow({ x, y });
  return { kind: 'point', x: Math.round(p.x), y: Math.round(p.y) };
}

/** The comment tool (C): a click pins a new thread to what is under the pointer; the tool then goes back to Select. */
export function CommentLayer() {
  const { screenToFlowPosition } = useReactFlow();
  return (
    <div
      className="ab-comment-layer"
      data-testid="comment-layer"
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.preventDefault();
        startComment(anchorAt(e.clientX, e.clientY, screenToFlowPosition));
        useSession.getState().set({ tool: 'select' });
      }}
    />
  );
}
