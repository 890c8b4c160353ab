/**
 * Comment threads, as plain data: what a thread is pinned to, who wrote it,
 * its replies, whether it is resolved and whom it mentions. Shared threads
 * live in the board's document (and in a board file's `comments`); the
 * interviewer's private threads live in the private document, where one may
 * name a scorecard dimension it is evidence for.
 *
 * Stored flat, so that nothing is ever written whole by two people at once:
 *
 *   t:<thread>          the thread's first comment and its anchor (written once)
 *   r:<thread>:<reply>  one reply each (written once)
 *   s:<thread>          resolved or reopened: the last word wins, and says who
 *
 * Two people replying at once add two keys; two people resolving at once
 * agree. `threadsFromEntries` reads that form back (validating every value:
 * anyone who may edit can put anything there), `threadsToEntries` writes it.
 */
import { z } from './zod';
import {
  MAX_COMMENT_CHARS,
  MAX_COMMENT_NAME_CHARS,
  MAX_COMMENT_REPLIES,
  MAX_COMMENT_THREADS,
  MAX_LABEL_CHARS,
} from '../limits';

/** What a thread is pinned to: a block, a link, or a point of the canvas (flow coordinates). */
export type CommentAnchor =
  { kind: 'block'; id: string } | { kind: 'link'; id: string } | { kind: 'point'; x: number; y: number };

/** Who may write a comment: observers only read. */
export type CommentRole = 'interviewer' | 'candidate';

export interface CommentAuthor {
  name: string;
  role: CommentRole;
}

/** One comment: a thread's first, or a reply. */
export interface CommentEntry {
  id: string;
  author: CommentAuthor;
  /** Milliseconds since the epoch. */
  createdAt: number;
  text: string;
  /** Names of the participants mentioned with `@Name`. */
  mentions: string[];
}

export interface CommentThread extends CommentEntry {
  anchor: CommentAnchor;
  /** Oldest first. */
  replies: CommentEntry[];
  resolved: boolean;
  /** Who resolved or reopened it last, and when. */
  resolvedBy?: { name: string; at: number };
  /** Private threads only: the scorecard dimension the comment is evidence for. */
  dimension?: string;
}

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, dashes and underscores');
const name = z.string().min(1).max(MAX_COMMENT_NAME_CHARS);
const time = z.number().finite().min(0);
const commentText = z.string().min(1, 'must not be empty').max(MAX_COMMENT_CHARS);

export const commentAnchorSchema: z.ZodType<CommentAnchor> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('block'), id: z.string().min(1).max(MAX_LABEL_CHARS) }),
  z.object({ kind: z.literal('link'), id: z.string().min(1).max(MAX_LABEL_CHARS) }),
  z.object({ kind: z.literal('point'), x: z.number().finite(), y: z.number().finite() }),
]);

const authorSchema = z.object({ name, role: z.enum(['interviewer', 'candidate']) });
/** How many author roles there are: the limits count each on its own. */
const COMMENT_ROLES = authorSchema.shape.role.options.length;
const mentionsSchema = z.array(name).max(MAX_COMMENT_THREADS);

/** A comment's fields as stored (the id is its key). */
const entryFields = {
  author: authorSchema,
  createdAt: time,
  text: commentText,
  mentions: mentionsSchema.default([]),
};

const headSchema = z.object({
  ...entryFields,
  anchor: commentAnchorSchema,
  dimension: z.string().min(1).max(64).optional(),
});
const replySchema = z.object(entryFields);
const stateSchema = z.object({ resolved: z.boolean(), by: name, at: time });

/** A thread as a board file holds it (see docs/board-format.md, "Comments"). */
export const commentThreadSchema = z.object({
  id,
  ...entryFields,
  anchor: commentAnchorSchema,
  replies: z
    .array(z.object({ id, ...entryFields }))
    .max(MAX_COMMENT_REPLIES * COMMENT_ROLES, `at most ${MAX_COMMENT_REPLIES} replies of each role`)
    .default([]),
  resolved: z.boolean().default(false),
  resolvedBy: z.object({ name, at: time }).optional(),
  dimension: z.string().min(1).max(64).optional(),
});

export const commentThreadsSchema = z
  .array(commentThreadSchema)
  .max(MAX_COMMENT_THREADS * COMMENT_ROLES, `at most ${MAX_COMMENT_THREADS} comment threads of each role`);

/** The key of a thread's first comment, of a reply and of its resolved state. */
export const threadKey = (thread: string) => `t:${thread}`;
export const replyKey = (thread: string, reply: string) => `r:${thread}:${reply}`;
export const stateKey = (thread: string) => `s:${thread}`;

const byTime = (a: CommentEntry, b: CommentEntry) =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The threads of a flat comment map, oldest first. A value that is not a valid
 * comment is skipped (and passed to `skip`, once each); a reply or state of a
 * thread that is not there is ignored; past the limits (counted per author
 * role) the newest are left out.
 */
export function threadsFromEntries(
  entries: Iterable<readonly [string, unknown]>,
  skip: (key: string) => void = () => {},
): CommentThread[] {
  const threads = new Map<string, CommentThread>();
  const replies = new Map<string, CommentEntry[]>();
  const states = new Map<string, z.infer<typeof stateSchema>>();
  for (const [key, value] of entries) {
    const [type, thread, reply, ...rest] = key.split(':');
    const valid = thread !== undefined && id.safeParse(thread).success && rest.length === 0;
    if (type === 't' && valid && reply === undefined) {
      const head = headSchema.safeParse(value);
      if (!head.success) skip(key);
      else threads.set(thread, { id: thread, ...head.data, replies: [], resolved: false });
    } else if (type === 'r' && valid && reply !== undefined && id.safeParse(reply).success) {
      const parsed = replySchema.safeParse(value);
      if (!parsed.success) skip(key);
      else replies.set(thread, [...(replies.get(thread) ?? []), { id: reply, ...parsed.data }]);
    } else if (type === 's' && valid && reply === undefined) {
      const parsed = stateSchema.safeParse(value);
      if (!parsed.success) skip(key);
      else states.set(thread, parsed.data);
    } else {
      skip(key);
    }
  }
  const out: CommentThread[] = [];
  for (const thread of threads.values()) {
    const state = states.get(thread.id);
    out.push({
      ...thread,
      replies: firstOfEachRole((replies.get(thread.id) ?? []).sort(byTime), MAX_COMMENT_REPLIES),
      resolved: state?.resolved ?? false,
      ...(state ? { resolvedBy: { name: state.by, at: state.at } } : {}),
    });
  }
  return firstOfEachRole(out.sort(byTime), MAX_COMMENT_THREADS);
}

/** How many of the entries are by the role. */
const ofRole = (entries: readonly CommentEntry[], role: CommentRole) =>
  entries.filter((e) => e.author.role === role).length;

/**
 * The first `max` entries of each author role, in their order. The limit counts each role on its
 * own, so one side's flood (hundreds of threads or replies dated to the epoch) leaves the other
 * side's comments in view; the server keeps a comment's role true (comment-filter.ts).
 */
function firstOfEachRole<T extends CommentEntry>(sorted: readonly T[], max: number): T[] {
  const seen = new Map<CommentRole, number>();
  return sorted.filter((entry) => {
    const n = (seen.get(entry.author.role) ?? 0) + 1;
    seen.set(entry.author.role, n);
    return n <= max;
  });
}

/** The flat form of threads (what `threadsFromEntries` reads back), for a board file written into a document. */
export function threadsToEntries(threads: readonly CommentThread[]): [string, object][] {
  const out: [string, object][] = [];
  for (const t of threads) {
    out.push([
      threadKey(t.id),
      {
        author: { ...t.author },
        createdAt: t.createdAt,
        text: t.text,
        mentions: [...t.mentions],
        anchor: { ...t.anchor },
        ...(t.dimension !== undefined ? { dimension: t.dimension } : {}),
      },
    ]);
    for (const r of t.replies)
      out.push([
        replyKey(t.id, r.id),
        { author: { ...r.author }, createdAt: r.createdAt, text: r.text, mentions: [...r.mentions] },
      ]);
    if (t.resolvedBy || t.resolved)
      out.push([
        stateKey(t.id),
        { resolved: t.resolved, by: t.resolvedBy?.name ?? t.author.name, at: t.resolvedBy?.at ?? t.createdAt },
      ]);
  }
  return out;
}

/** Why a comment's text cannot be posted, or null when it can. */
export function commentTextProblem(text: string): string | null {
  if (text.trim() === '') return 'Write something first.';
  if (text.length > MAX_COMMENT_CHARS) return `At most ${MAX_COMMENT_CHARS.toLocaleString('en')} characters.`;
  return null;
}

/**
 * The people a text mentions: each `@Name` of one of `people` (longest names
 * first, so "@Ann Lee" is Ann Lee and not Ann), once each, in the order written.
 * Matching ignores case; a name must end at a word boundary.
 */
export function mentionsIn(text: string, people: readonly string[]): string[] {
  const names = [...new Set(people.map((p) => p.trim()).filter((p) => p !== ''))].sort((a, b) => b.length - a.length);
  const found: { at: number; name: string }[] = [];
  const lower = text.toLowerCase();
  for (let at = lower.indexOf('@'); at !== -1; at = lower.indexOf('@', at + 1)) {
    const rest = lower.slice(at + 1);
    const match = names.find((n) => rest.startsWith(n.toLowerCase()) && !/[\p{L}\p{N}_]/u.test(rest[n.length] ?? ''));
    if (match && !found.some((f) => f.name === match)) found.push({ at, name: match });
  }
  return found.map((f) => f.name);
}

/** The `@` word being typed at the end of `text` (`"ping @an"` gives `"an"`), or null. */
export function mentionQuery(text: string): string | null {
  const match = /(?:^|\s)@([\p{L}\p{N}_.-]*)$/u.exec(text);
  return match ? match[1]! : null;
}

/** The key an anchor's count is kept under: `block:<id>`, `link:<id>`, or null for a point. */
export function anchorKey(anchor: CommentAnchor): string | null {
  return anchor.kind === 'point' ? null : `${anchor.kind}:${anchor.id}`;
}

/** Per pinned block or link (`anchorKey`): its open threads and all its threads. */
export function commentCounts(threads: readonly CommentThread[]): Map<string, { open: number; total: number }> {
  const counts = new Map<string, { open: number; total: number }>();
  for (const t of threads) {
    const key = anchorKey(t.anchor);
    if (key === null) continue;
    const c = counts.get(key) ?? { open: 0, total: 0 };
    counts.set(key, { open: c.open + (t.resolved ? 0 : 1), total: c.total + 1 });
  }
  return counts;
}

/** Threads pinned to a block or link that is not on the board (it was deleted): they stay, listed as detached. */
export function isDetached(
  anchor: CommentAnchor,
  has: { block: (id: string) => boolean; link: (id: string) => boolean },
) {
  if (anchor.kind === 'block') return !has.block(anchor.id);
  if (anchor.kind === 'link') return !has.link(anchor.id);
  return false;
}

/** What a person writes: the text, whom it mentions, and (for a new thread) where it is pinned. */
export interface CommentDraft {
  anchor: CommentAnchor;
  text: string;
  /** The author's name as the others see it. */
  author: string;
  mentions?: readonly string[];
  /** Private threads: the scorecard dimension it is evidence for. */
  dimension?: string;
}

/** One value to write into a flat comment map. */
export interface CommentWrite {
  id: string;
  key: string;
  value: object;
}

const newCommentId = (prefix: string) =>
  `${prefix}-${Math.random().toString(36).slice(2, 8)}${Date.now().toString(36).slice(-3)}`;

function authorOf(name: string, role: CommentRole): CommentAuthor {
  return { name: name.trim().slice(0, MAX_COMMENT_NAME_CHARS) || 'Someone', role };
}

function mentionList(mentions: readonly string[] | undefined): string[] {
  return [...new Set((mentions ?? []).map((m) => m.trim().slice(0, MAX_COMMENT_NAME_CHARS)).filter((m) => m))];
}

/** The write that pins a new thread, or null when the text cannot be posted or `threads` is at its limit. */
export function newComment(
  threads: readonly CommentThread[],
  draft: CommentDraft,
  role: CommentRole,
  now: number,
): CommentWrite | null {
  if (commentTextProblem(draft.text) !== null || ofRole(threads, role) >= MAX_COMMENT_THREADS) return null;
  if (!commentAnchorSchema.safeParse(draft.anchor).success) return null;
  const id = newCommentId('c');
  const value = {
    author: authorOf(draft.author, role),
    createdAt: now,
    text: draft.text.trim(),
    mentions: mentionList(draft.mentions),
    anchor: { ...draft.anchor },
    ...(draft.dimension ? { dimension: draft.dimension } : {}),
  };
  return { id, key: threadKey(id), value };
}

/** The write that adds a reply, or null when the thread is not there, is full, or the text cannot be posted. */
export function newReply(
  threads: readonly CommentThread[],
  threadId: string,
  draft: Omit<CommentDraft, 'anchor'>,
  role: CommentRole,
  now: number,
): CommentWrite | null {
  const thread = threads.find((t) => t.id === threadId);
  if (!thread || ofRole(thread.replies, role) >= MAX_COMMENT_REPLIES || commentTextProblem(draft.text) !== null)
    return null;
  const id = newCommentId('r');
  const value = {
    author: authorOf(draft.author, role),
    createdAt: Math.max(now, thread.createdAt),
    text: draft.text.trim(),
    mentions: mentionList(draft.mentions),
  };
  return { id, key: replyKey(threadId, id), value };
}

/** The write that resolves or reopens a thread, or null when it is not there or already so. */
export function resolveEntry(
  threads: readonly CommentThread[],
  threadId: string,
  resolved: boolean,
  by: string,
  now: number,
): CommentWrite | null {
  const thread = threads.find((t) => t.id === threadId);
  if (!thread || thread.resolved === resolved) return null;
  return {
    id: threadId,
    key: stateKey(threadId),
    value: { resolved, by: by.trim().slice(0, MAX_COMMENT_NAME_CHARS) || 'Someone', at: now },
  };
}

// ------------------------------------------------------------- who may write what

/** What a key of a flat comment map holds: a thread's first comment, a reply, a resolved state, or nothing read. */
export function commentKeyKind(key: string): 'thread' | 'reply' | 'state' | null {
  if (key.startsWith('t:')) return 'thread';
  if (key.startsWith('r:')) return 'reply';
  if (key.startsWith('s:')) return 'state';
  return null;
}

/** The role a stored comment value names as its author, or null when it names none (a junk value). */
export function commentAuthorRole(value: unknown): CommentRole | null {
  if (typeof value !== 'object' || value === null) return null;
  const author = (value as { author?: unknown }).author;
  if (typeof author !== 'object' || author === null) return null;
  const role = (author as { role?: unknown }).role;
  return role === 'interviewer' || role === 'candidate' ? role : null;
}

/**
 * Whether a connection of `role` may write `value` under `key`, where `current`
 * is stored now (undefined: nothing). A thread or reply must name the writer's
 * own role as its author, and only its author's role may change one; a resolved
 * state is anyone's (who may edit at all) to write. Junk values (no author)
 * belong to no one. The server applies this to every write (comment-filter.ts),
 * whatever the client claims; display names are free text and never checked.
 */
export function mayPutComment(role: string, key: string, value: unknown, current: unknown): boolean {
  const kind = commentKeyKind(key);
  if (kind === 'state') return true;
  if (kind === null) return false;
  const owner = commentAuthorRole(current);
  return commentAuthorRole(value) === role && (owner === null || owner === role);
}

/** Whether a connection of `role` may remove what `key` holds now: its author's role, or the interviewer. */
export function mayRemoveComment(role: string, key: string, current: unknown): boolean {
  const kind = commentKeyKind(key);
  if (kind !== 'thread' && kind !== 'reply') return true;
  const owner = commentAuthorRole(current);
  return owner === null || owner === role || role === 'interviewer';
}

/**
 * The threads a whole-board replacement (an import, a restored moment) by
 * `role` leaves on a live board: the file's threads and replies where they are
 * the writer's own, and everyone else's exactly as they are now. An import
 * replaces the writer's part of the discussion and never touches the other
 * role's (which the server would refuse: see `mayPutComment`), so its undo
 * only brings back the writer's own comments too. Resolved states come from
 * the file for the threads it holds.
 */
export function commentsAfterReplacement(
  current: readonly CommentThread[],
  imported: readonly CommentThread[],
  role: CommentRole,
): CommentThread[] {
  const now = new Map(current.map((t) => [t.id, t]));
  const next = new Map(imported.map((t) => [t.id, t]));
  const out: CommentThread[] = [];
  for (const id of new Set([...now.keys(), ...next.keys()])) {
    const cur = now.get(id);
    const imp = next.get(id);
    const head = cur && cur.author.role !== role ? cur : imp && imp.author.role === role ? imp : undefined;
    const replies = new Map<string, CommentEntry>();
    for (const r of cur?.replies ?? []) if (r.author.role !== role) replies.set(r.id, r);
    for (const r of imp?.replies ?? []) if (r.author.role === role && !replies.has(r.id)) replies.set(r.id, r);
    // A thread is written whole: one that keeps someone else's reply keeps its first comment too.
    const kept =
      head ?? (cur && replies.size > 0 && [...replies.values()].some((r) => r.author.role !== role) ? cur : undefined);
    if (!kept) continue;
    const state = imp ?? cur!;
    const { resolvedBy: _r, ...rest } = kept;
    out.push({
      ...rest,
      replies: [...replies.values()].sort(byTime),
      resolved: state.resolved,
      ...(state.resolvedBy ? { resolvedBy: state.resolvedBy } : {}),
    });
  }
  return out.sort(byTime);
}
