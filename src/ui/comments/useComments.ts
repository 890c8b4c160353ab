import { useEffect } from 'react';
import { anchorKey, commentCounts, type CommentAnchor, type CommentThread } from '../../board/comments';
import { privateCommentsOf, readPrivateComments } from '../../sync/private-doc';
import { useBoard } from '../board/board-context';
import { useBoardSelector } from '../board/useBoardStore';
import { useSession } from '../common/session-store';
import { currentScreen } from '../common/useScreen';
import { showInfo } from '../common/toast-store';
import { useCommentUi } from './comment-store';

/** A thread as the UI lists it: shared, or the interviewer's private one. */
export interface ListedThread extends CommentThread {
  private: boolean;
}

const countsCache = new WeakMap<readonly CommentThread[], ReturnType<typeof commentCounts>>();
function countsOf(threads: readonly CommentThread[]) {
  let counts = countsCache.get(threads);
  if (!counts) {
    counts = commentCounts(threads);
    countsCache.set(threads, counts);
  }
  return counts;
}

/** Open threads and all threads pinned to a block or link, shared and private together (numbers, so a card re-renders only when its own count changes). */
export function useCommentCount(key: string): { open: number; total: number; privateOpen: number } {
  const sharedOpen = useBoardSelector((s) => countsOf(s.comments).get(key)?.open ?? 0);
  const sharedTotal = useBoardSelector((s) => countsOf(s.comments).get(key)?.total ?? 0);
  const privateOpen = useCommentUi((s) => countsOf(s.privateThreads).get(key)?.open ?? 0);
  const privateTotal = useCommentUi((s) => countsOf(s.privateThreads).get(key)?.total ?? 0);
  return { open: sharedOpen + privateOpen, total: sharedTotal + privateTotal, privateOpen };
}

/** Every thread this person may see, oldest first. */
export function useListedThreads(): ListedThread[] {
  const shared = useBoardSelector((s) => s.comments);
  const priv = useCommentUi((s) => s.privateThreads);
  return [...shared.map((t) => ({ ...t, private: false })), ...priv.map((t) => ({ ...t, private: true }))].sort(
    (a, b) => a.createdAt - b.createdAt,
  );
}

/** Keeps the comments store's private threads in step with the private document (interviewers only). */
export function PrivateCommentsFeed() {
  const { privateDoc } = useBoard();
  const doc = privateDoc?.synced.doc ?? null;
  useEffect(() => {
    const set = useCommentUi.getState().set;
    if (!doc) {
      set({ privateThreads: [] });
      return;
    }
    const map = privateCommentsOf(doc);
    const update = () => set({ privateThreads: readPrivateComments(doc) });
    update();
    map.observe(update);
    return () => {
      map.unobserve(update);
      set({ privateThreads: [] });
    };
  }, [doc]);
  return null;
}

/** Starts a new thread at `anchor`: the side panel opens on the comments tab with the composer. */
export function startComment(anchor: CommentAnchor): void {
  const key = anchorKey(anchor);
  useCommentUi.getState().set({ draft: anchor, focus: key });
  openCommentsTab();
}

/** Brings the threads of a block or link (or one thread) into view in the side panel. */
export function showComments(focus: string): void {
  useCommentUi.getState().set({ focus });
  openCommentsTab();
}

function openCommentsTab(): void {
  const session = useSession.getState();
  const desktop = currentScreen() === 'desktop';
  session.set({ sideTab: 'comments', ...(desktop ? { sidePanelOpen: true } : { drawer: 'side' }) });
}

/** The ids of a thread's comments: its own and its replies'. */
function entryIds(threads: readonly CommentThread[]): Set<string> {
  const ids = new Set<string>();
  for (const t of threads) {
    ids.add(t.id);
    for (const r of t.replies) ids.add(`${t.id}/${r.id}`);
  }
  return ids;
}

/** A toast when someone else mentions this person in a new comment or reply (what was there on opening is not news). */
export function useMentionNotices(): void {
  const { store } = useBoard();
  useEffect(() => {
    let seen = entryIds(store.getState().comments);
    return store.subscribe((state, prev) => {
      if (state.comments === prev.comments) return;
      const me = useSession.getState().userName.trim();
      const now = entryIds(state.comments);
      for (const t of state.comments) {
        for (const e of [t, ...t.replies]) {
          const id = e === t ? t.id : `${t.id}/${e.id}`;
          if (seen.has(id) || !me || e.author.name === me || !e.mentions.includes(me)) continue;
          const text = e.text.length > 80 ? `${e.text.slice(0, 79)}…` : e.text;
          showInfo(`${e.author.name} mentioned you: “${text}”`, { label: 'Open', run: () => showComments(t.id) });
        }
      }
      seen = now;
    });
  }, [store]);
}
