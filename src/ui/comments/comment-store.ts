/**
 * Session state of the comments UI (never synced): the thread being started
 * and where, which thread the panel shows in focus, and the interviewer's
 * private threads as this tab last read them (fed by `PrivateCommentsFeed`).
 */
import { create } from 'zustand';
import type { CommentAnchor, CommentThread } from '../../board/comments';

export interface CommentUiState {
  /** Where a new thread is being written, or null. */
  draft: CommentAnchor | null;
  /** The anchor key (`block:<id>`, `link:<id>`) or thread id the panel brings into view. */
  focus: string | null;
  /** Resolved threads are listed too. */
  showResolved: boolean;
  /** The private threads (interviewers only; empty for everyone else). */
  privateThreads: CommentThread[];
  set: (patch: Partial<Omit<CommentUiState, 'set'>>) => void;
}

export const useCommentUi = create<CommentUiState>()((set) => ({
  draft: null,
  focus: null,
  showResolved: false,
  privateThreads: [],
  set: (patch) => set(patch),
}));
