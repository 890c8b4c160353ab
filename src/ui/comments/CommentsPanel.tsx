/**
 * The comments tab: every thread this person may see (the shared ones, and an
 * interviewer's private ones), the composer for a new thread, replies,
 * resolve and reopen, and @mentions of the people on the board.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { Check, Lock, MessageSquarePlus, RotateCcw, Send } from 'lucide-react';
import {
  anchorKey,
  commentTextProblem,
  isDetached,
  mentionQuery,
  mentionsIn,
  type CommentAnchor,
  type CommentEntry,
} from '../../board/comments';
import { blockName } from '../../board/catalog';
import { DIMENSIONS, type DimensionId } from '../../interview/scorecard';
import { MAX_COMMENT_CHARS } from '../../limits';
import {
  addPrivateComment,
  replyToPrivateComment,
  setPrivateCommentDimension,
  setPrivateCommentResolved,
} from '../../sync/private-doc';
import { useBoard } from '../board/board-context';
import { usePresenceView } from '../board/presence-store';
import { useBoardSelector } from '../board/useBoardStore';
import { CharCount, useCharLimit } from '../common/CharCount';
import { useSession } from '../common/session-store';
import { useCommentUi } from './comment-store';
import { useListedThreads, type ListedThread } from './useComments';

const ROLE_LABEL = { interviewer: 'Interviewer', candidate: 'Candidate' } as const;

/** The names that can be mentioned: everyone else on the board now, and whoever is already mentioned. */
function usePeopleNames(): string[] {
  const peers = usePresenceView((s) => s.peers);
  const me = useSession((s) => s.userName);
  return [...new Set(peers.map((p) => p.user.name))].filter((n) => n !== me);
}

/** What an anchor is, in words, and whether it still exists. */
export function useAnchorLabel(): (anchor: CommentAnchor) => { text: string; detached: boolean } {
  const blocks = useBoardSelector((s) => s.blocks);
  const links = useBoardSelector((s) => s.links);
  const nameOf = (id: string) => {
    const b = blocks.get(id);
    return b ? blockName(b) : 'a deleted block';
  };
  return (anchor) => {
    const detached = isDetached(anchor, { block: (id) => blocks.has(id), link: (id) => links.has(id) });
    if (anchor.kind === 'block') return { text: nameOf(anchor.id), detached };
    if (anchor.kind === 'link') {
      const l = links.get(anchor.id);
      return { text: l ? `${nameOf(l.from)} → ${nameOf(l.to)}` : 'a deleted link', detached };
    }
    return { text: 'a point on the canvas', detached };
  };
}

function timeOf(at: number): string {
  const d = new Date(at);
  const today = new Date().toDateString() === d.toDateString();
  return today
    ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleString([], { dateStyle: 'short', timeStyle: 'short' });
}

/** A comment's text with the mentions marked (and the reader's own name marked more). */
function CommentText({ entry, me }: { entry: CommentEntry; me: string }) {
  if (entry.mentions.length === 0) return <p className="ab-comment__text">{entry.text}</p>;
  const names = [...entry.mentions].sort((a, b) => b.length - a.length);
  const parts: (string | { name: string })[] = [];
  let rest = entry.text;
  for (let i = rest.indexOf('@'); i !== -1; i = rest.indexOf('@')) {
    const name = names.find((n) => rest.slice(i + 1, i + 1 + n.length).toLowerCase() === n.toLowerCase());
    if (!name) {
      parts.push(rest.slice(0, i + 1));
      rest = rest.slice(i + 1);
      continue;
    }
    parts.push(rest.slice(0, i), { name });
    rest = rest.slice(i + 1 + name.length);
  }
  parts.push(rest);
  return (
    <p className="ab-comment__text">
      {parts.map((p, i) =>
        typeof p === 'string' ? (
          p
        ) : (
          <span key={i} className={`ab-mention${p.name === me ? ' is-me' : ''}`}>
            @{p.name}
          </span>
        ),
      )}
    </p>
  );
}

interface ComposerProps {
  placeholder: string;
  submitLabel: string;
  onSubmit: (text: string, mentions: string[]) => boolean;
  onCancel?: () => void;
  autoFocus?: boolean;
  testId: string;
  children?: React.ReactNode;
}

/** A text box with a character count, @mention suggestions, Mod+Enter to send and Escape to cancel. */
function Composer({ placeholder, submitLabel, onSubmit, onCancel, autoFocus, testId, children }: ComposerProps) {
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const limit = useCharLimit(text.length, MAX_COMMENT_CHARS);
  const people = usePeopleNames();
  const box = useRef<HTMLTextAreaElement>(null);
  const pendingCaret = useRef<number | null>(null);
  const query = mentionQuery(text.slice(0, caret));
  const suggestions =
    query === null ? [] : people.filter((p) => p.toLowerCase().startsWith(query.toLowerCase())).slice(0, 5);
  const problem = commentTextProblem(text);
  const submit = () => {
    if (problem !== null) return;
    if (onSubmit(text, mentionsIn(text, people))) setText('');
  };
  const mention = (name: string) => {
    const before = text.slice(0, caret).replace(/@[\p{L}\p{N}_.-]*$/u, `@${name} `);
    const next = before + text.slice(caret);
    setText(next);
    setCaret(before.length);
    pendingCaret.current = before.length;
  };
  // After the text with the mention is on screen, before the next key: the caret goes after the name.
  useLayoutEffect(() => {
    const at = pendingCaret.current;
    if (at === null || !box.current) return;
    pendingCaret.current = null;
    box.current.focus();
    box.current.setSelectionRange(at, at);
  }, [text]);
  return (
    <form
      className="ab-comment-composer"
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="ab-comment-composer__box">
        <textarea
          ref={box}
          value={text}
          rows={2}
          maxLength={MAX_COMMENT_CHARS}
          placeholder={placeholder}
          autoFocus={autoFocus}
          aria-label={placeholder}
          onChange={(e) => {
            setText(e.target.value);
            setCaret(e.target.selectionStart ?? e.target.value.length);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
          onPaste={limit.onPaste}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
              e.preventDefault();
              submit();
            } else if (e.key === 'Escape' && onCancel) {
              e.preventDefault();
              onCancel();
            } else if (e.key === 'Tab' && suggestions[0]) {
              e.preventDefault();
              mention(suggestions[0]);
            }
          }}
          data-testid={`${testId}-text`}
        />
        {suggestions.length > 0 && (
          <ul className="ab-mention-menu" role="listbox" aria-label="Mention someone">
            {suggestions.map((name) => (
              <li key={name}>
                <button
                  type="button"
                  role="option"
                  aria-selected={false}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => mention(name)}
                >
                  @{name}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <CharCount length={text.length} max={MAX_COMMENT_CHARS} active={text !== ''} cut={limit.cut} />
      {children}
      <div className="ab-comment-composer__actions">
        <span className="ab-muted ab-comment-composer__hint">
          {people.length > 0 ? 'Type @ to mention someone · ' : ''}
          {navigator.platform.startsWith('Mac') ? '⌘' : 'Ctrl'}+Enter to send
        </span>
        {onCancel && (
          <button type="button" className="ab-button" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button
          type="submit"
          className="ab-button ab-button--primary"
          disabled={problem !== null}
          data-testid={`${testId}-send`}
        >
          <Send size={14} /> {submitLabel}
        </button>
      </div>
    </form>
  );
}

function DimensionSelect({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (d: DimensionId | null) => void;
}) {
  return (
    <label className="ab-comment-dimension">
      <span>Evidence for</span>
      <select
        value={value ?? ''}
        onChange={(e) => onChange((e.target.value || null) as DimensionId | null)}
        data-testid="comment-dimension"
      >
        <option value="">No scorecard dimension</option>
        {DIMENSIONS.map((d) => (
          <option key={d.id} value={d.id}>
            {d.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The composer of a new thread, over the list. */
function NewThread({ anchor }: { anchor: CommentAnchor }) {
  const { editor, privateDoc, role } = useBoard();
  const me = useSession((s) => s.userName);
  const labelOf = useAnchorLabel();
  const [isPrivate, setPrivate] = useState(false);
  const [dimension, setDimension] = useState<DimensionId | null>(null);
  const set = useCommentUi((s) => s.set);
  const close = () => set({ draft: null });
  const author = me || (role === 'interviewer' ? 'Interviewer' : 'Candidate');
  return (
    <section className="ab-comment-new" data-testid="comment-new">
      <h4>
        <MessageSquarePlus size={15} /> New comment on <em>{labelOf(anchor).text}</em>
      </h4>
      <Composer
        placeholder={isPrivate ? 'A private note: only interviewers see it' : 'Ask, suggest, point something out…'}
        submitLabel={isPrivate ? 'Post privately' : 'Comment'}
        autoFocus
        testId="comment-new"
        onCancel={close}
        onSubmit={(text, mentions) => {
          const draft = { anchor, text, author, mentions, ...(dimension ? { dimension } : {}) };
          const id =
            isPrivate && privateDoc ? addPrivateComment(privateDoc.synced.doc, draft) : editor.addComment(draft);
          if (id) set({ draft: null, focus: id });
          return id !== null;
        }}
      >
        {privateDoc && (
          <div className="ab-comment-private-options">
            <label className="ab-check">
              <input
                type="checkbox"
                checked={isPrivate}
                onChange={(e) => setPrivate(e.target.checked)}
                data-testid="comment-private"
              />
              <Lock size={12} /> Private: only interviewers see it
            </label>
            {isPrivate && <DimensionSelect value={dimension ?? undefined} onChange={setDimension} />}
          </div>
        )}
      </Composer>
    </section>
  );
}

function Entry({ entry, me }: { entry: CommentEntry; me: string }) {
  return (
    <div className="ab-comment" data-comment-id={entry.id}>
      <div className="ab-comment__head">
        <strong className="ab-comment__author">{entry.author.name}</strong>
        <span className={`ab-role-chip ab-role-chip--${entry.author.role}`}>{ROLE_LABEL[entry.author.role]}</span>
        <time className="ab-muted" dateTime={new Date(entry.createdAt).toISOString()}>
          {timeOf(entry.createdAt)}
        </time>
      </div>
      <CommentText entry={entry} me={me} />
    </div>
  );
}

function Thread({ thread, focused, onShow }: { thread: ListedThread; focused: boolean; onShow: () => void }) {
  const { editor, privateDoc, readOnly, role } = useBoard();
  const me = useSession((s) => s.userName);
  const labelOf = useAnchorLabel();
  const [replying, setReplying] = useState(false);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focused) ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [focused]);
  const anchor = labelOf(thread.anchor);
  const author = me || (role === 'interviewer' ? 'Interviewer' : 'Candidate');
  const doc = thread.private ? (privateDoc?.synced.doc ?? null) : null;
  const canWrite = !readOnly && (!thread.private || doc !== null);
  const setResolved = (resolved: boolean) =>
    doc
      ? setPrivateCommentResolved(doc, thread.id, resolved, author)
      : editor.setCommentResolved(thread.id, resolved, author);
  const mentionsMe = me !== '' && [thread, ...thread.replies].some((e) => e.mentions.includes(me));
  return (
    <article
      ref={ref}
      className={`ab-thread${thread.resolved ? ' is-resolved' : ''}${thread.private ? ' is-private' : ''}${focused ? ' is-focused' : ''}`}
      data-thread-id={thread.id}
      data-anchor={anchorKey(thread.anchor) ?? 'point'}
      data-private={thread.private || undefined}
      data-testid="comment-thread"
    >
      <div className="ab-thread__where">
        <button type="button" className="ab-link-button" onClick={onShow} title="Show it on the canvas">
          {anchor.detached ? `On ${anchor.text} (detached)` : `On ${anchor.text}`}
        </button>
        {thread.private && (
          <span className="ab-private-chip" title="In your private document: only interviewers see it">
            <Lock size={11} /> Private
          </span>
        )}
        {mentionsMe && <span className="ab-mention-chip">Mentions you</span>}
      </div>
      <Entry entry={thread} me={me} />
      {thread.replies.map((r) => (
        <div key={r.id} className="ab-thread__reply">
          <Entry entry={r} me={me} />
        </div>
      ))}
      {thread.private && doc && (
        <DimensionSelect value={thread.dimension} onChange={(d) => setPrivateCommentDimension(doc, thread.id, d)} />
      )}
      {thread.resolved && thread.resolvedBy && (
        <p className="ab-muted ab-thread__state">
          <Check size={12} /> Resolved by {thread.resolvedBy.name} at {timeOf(thread.resolvedBy.at)}
        </p>
      )}
      {canWrite && (
        <>
          {replying && !thread.resolved ? (
            <Composer
              placeholder="Reply…"
              submitLabel="Reply"
              autoFocus
              testId="comment-reply"
              onCancel={() => setReplying(false)}
              onSubmit={(text, mentions) => {
                const draft = { text, author, mentions };
                const ok = doc ? replyToPrivateComment(doc, thread.id, draft) : editor.replyToComment(thread.id, draft);
                if (ok) setReplying(false);
                return ok;
              }}
            />
          ) : (
            <div className="ab-thread__actions">
              {!thread.resolved && (
                <button
                  type="button"
                  className="ab-button"
                  onClick={() => setReplying(true)}
                  data-testid="comment-reply-open"
                >
                  Reply
                </button>
              )}
              {thread.resolved ? (
                <button
                  type="button"
                  className="ab-button"
                  onClick={() => setResolved(false)}
                  data-testid="comment-reopen"
                >
                  <RotateCcw size={14} /> Reopen
                </button>
              ) : (
                <button
                  type="button"
                  className="ab-button"
                  onClick={() => setResolved(true)}
                  data-testid="comment-resolve"
                >
                  <Check size={14} /> Resolve
                </button>
              )}
            </div>
          )}
        </>
      )}
    </article>
  );
}

/** The comments tab. `focusBlocks` centres the canvas on blocks. */
export function CommentsPanel({ focusBlocks }: { focusBlocks: (ids: string[]) => void }) {
  const { readOnly } = useBoard();
  const threads = useListedThreads();
  const links = useBoardSelector((s) => s.links);
  const { draft, focus, showResolved, set } = useCommentUi();
  const { setCenter, getZoom } = useReactFlow();
  const listed = threads.filter((t) => showResolved || !t.resolved || t.id === focus);
  const resolvedCount = threads.filter((t) => t.resolved).length;
  const show = (t: ListedThread) => {
    set({ focus: t.id });
    const a = t.anchor;
    if (a.kind === 'block') focusBlocks([a.id]);
    else if (a.kind === 'link') {
      const l = links.get(a.id);
      if (l) focusBlocks([l.from, l.to]);
    } else void setCenter(a.x, a.y, { zoom: getZoom(), duration: 300 });
  };
  return (
    <div className="ab-comments" data-testid="comments-panel">
      <div className="ab-comments__bar">
        <h3>Comments</h3>
        <label className="ab-check">
          <input
            type="checkbox"
            checked={showResolved}
            onChange={(e) => set({ showResolved: e.target.checked })}
            data-testid="comments-show-resolved"
          />
          Show resolved{resolvedCount > 0 ? ` (${resolvedCount})` : ''}
        </label>
      </div>
      {draft && !readOnly && <NewThread key={JSON.stringify(draft)} anchor={draft} />}
      {!draft && !readOnly && (
        <p className="ab-muted ab-comments__hint">
          Pick the comment tool (C) and click a block, a link or anywhere on the canvas; or select a block or a link and
          press Comment in its properties.
        </p>
      )}
      {listed.length === 0 ? (
        <p className="ab-muted">{threads.length === 0 ? 'No comments yet.' : 'Every thread is resolved.'}</p>
      ) : (
        <div className="ab-comments__list">
          {listed.map((t) => (
            <Thread
              key={`${t.private ? 'p' : 's'}:${t.id}`}
              thread={t}
              focused={focus === t.id || (focus !== null && focus === anchorKey(t.anchor))}
              onShow={() => show(t)}
            />
          ))}
        </div>
      )}
    </div>
  );
}
