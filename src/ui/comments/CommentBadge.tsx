import { MessageSquare } from 'lucide-react';
import { showComments, useCommentCount } from './useComments';

/**
 * The count on a commented block or link: its open threads (a muted mark when
 * all are resolved; amber when the open ones are the interviewer's private
 * ones). A click opens them in the side panel.
 */
export function CommentBadge({ anchor, className = '' }: { anchor: string; className?: string }) {
  const { open, total, privateOpen } = useCommentCount(anchor);
  if (total === 0) return null;
  const label =
    open > 0
      ? `${open} open comment thread${open === 1 ? '' : 's'}${total > open ? `, ${total - open} resolved` : ''}`
      : `${total} resolved comment thread${total === 1 ? '' : 's'}`;
  return (
    <button
      type="button"
      className={`ab-comment-badge${open === 0 ? ' is-resolved' : ''}${open > 0 && privateOpen === open ? ' is-private' : ''} nodrag nopan ${className}`}
      title={`${label}. Click to read them.`}
      aria-label={label}
      data-comment-badge={anchor}
      data-count={open}
      onPointerDown={(e) => e.stopPropagation()}
      onClick={(e) => {
        e.stopPropagation();
        showComments(anchor);
      }}
    >
      <MessageSquare size={11} strokeWidth={2.5} />
      {open > 0 ? open : total}
    </button>
  );
}
