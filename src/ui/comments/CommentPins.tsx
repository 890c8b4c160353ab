import { ViewportPortal } from '@xyflow/react';
import { MessageSquare } from 'lucide-react';
import { showComments, useListedThreads } from './useComments';
import { useCommentUi } from './comment-store';

/** Threads pinned to points of the canvas: a marker at each point, in flow coordinates. */
export function CommentPins() {
  const threads = useListedThreads();
  const showResolved = useCommentUi((s) => s.showResolved);
  const focus = useCommentUi((s) => s.focus);
  const draft = useCommentUi((s) => s.draft);
  const points = threads.filter((t) => t.anchor.kind === 'point' && (showResolved || !t.resolved));
  return (
    <ViewportPortal>
      {points.map((t) =>
        t.anchor.kind === 'point' ? (
          <button
            key={t.id}
            type="button"
            className={`ab-comment-pin${t.resolved ? ' is-resolved' : ''}${t.private ? ' is-private' : ''}${focus === t.id ? ' is-focused' : ''} nodrag nopan`}
            style={{ transform: `translate(${t.anchor.x}px, ${t.anchor.y}px)` }}
            title={`${t.author.name}: ${t.text}`}
            aria-label={`Comment by ${t.author.name}`}
            data-comment-pin={t.id}
            onPointerDown={(e) => e.stopPropagation()}
            onClick={() => showComments(t.id)}
          >
            <MessageSquare size={13} strokeWidth={2.5} />
            {t.replies.length > 0 && <span className="ab-comment-pin__count">{t.replies.length + 1}</span>}
          </button>
        ) : null,
      )}
      {draft?.kind === 'point' && (
        <span
          className="ab-comment-pin is-draft"
          style={{ transform: `translate(${draft.x}px, ${draft.y}px)` }}
          aria-hidden
        >
          <MessageSquare size={13} strokeWidth={2.5} />
        </span>
      )}
    </ViewportPortal>
  );
}
