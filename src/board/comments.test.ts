import { describe, expect, it } from 'vitest';
import {
  commentCounts,
  commentTextProblem,
  commentThreadsSchema,
  mentionQuery,
  mentionsIn,
  newComment,
  newReply,
  resolveEntry,
  threadsFromEntries,
  threadsToEntries,
  type CommentThread,
} from './comments';
import { MAX_COMMENT_CHARS, MAX_COMMENT_REPLIES, MAX_COMMENT_THREADS } from '../limits';

const ann = { name: 'Ann', role: 'interviewer' as const };

function thread(id: string, extra: Partial<CommentThread> = {}): CommentThread {
  return {
    id,
    author: ann,
    createdAt: 1000,
    text: `comment ${id}`,
    mentions: [],
    anchor: { kind: 'block', id: 'db-1' },
    replies: [],
    resolved: false,
    ...extra,
  };
}

/** Applies writes to a flat map, as the document does. */
function flat(...writes: ({ key: string; value: object } | null)[]): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (const w of writes) if (w) map.set(w.key, w.value);
  return map;
}

describe('comment threads', () => {
  it('round-trips through the flat form', () => {
    const threads: CommentThread[] = [
      thread('c-1', {
        replies: [
          { id: 'r-1', author: { name: 'Bo', role: 'candidate' }, createdAt: 2000, text: 'ok', mentions: ['Ann'] },
        ],
        resolved: true,
        resolvedBy: { name: 'Bo', at: 3000 },
      }),
      thread('c-2', { anchor: { kind: 'point', x: 10.5, y: -4 }, createdAt: 1500 }),
      thread('c-3', { anchor: { kind: 'link', id: 'l-1' }, createdAt: 1600, dimension: 'communication' }),
    ];
    expect(threadsFromEntries(threadsToEntries(threads))).toEqual(threads);
  });

  it('builds threads from writes: replies in order, resolve and reopen, last word wins', () => {
    const start = newComment(
      [],
      { anchor: { kind: 'block', id: 'db-1' }, text: '  Why a cache? ', author: 'Ann' },
      'interviewer',
      10,
    );
    expect(start).not.toBeNull();
    let map = flat(start);
    const read = () => threadsFromEntries(map.entries());
    expect(read()[0]).toMatchObject({ text: 'Why a cache?', author: ann, resolved: false, replies: [] });
    const id = start!.id;
    map = flat(start, newReply(read(), id, { text: 'Reads', author: 'Bo' }, 'candidate', 20));
    const reply2 = newReply(read(), id, { text: 'And hot keys', author: 'Bo' }, 'candidate', 30);
    map.set(reply2!.key, reply2!.value);
    expect(read()[0]!.replies.map((r) => r.text)).toEqual(['Reads', 'And hot keys']);
    const resolved = resolveEntry(read(), id, true, 'Ann', 40)!;
    map.set(resolved.key, resolved.value);
    expect(read()[0]).toMatchObject({ resolved: true, resolvedBy: { name: 'Ann', at: 40 } });
    expect(resolveEntry(read(), id, true, 'Bo', 50)).toBeNull();
    const reopened = resolveEntry(read(), id, false, 'Bo', 50)!;
    map.set(reopened.key, reopened.value);
    expect(read()[0]).toMatchObject({ resolved: false, resolvedBy: { name: 'Bo', at: 50 } });
  });

  it('skips malformed values and orphans, and reports the bad ones', () => {
    const skipped: string[] = [];
    const good = threadsToEntries([thread('c-1')]);
    const threads = threadsFromEntries(
      [
        ...good,
        ['t:c-2', { text: 5 }],
        ['t:c-3', { ...good[0]![1], anchor: { kind: 'block' } }],
        ['t:c-4', { ...good[0]![1], text: 'x'.repeat(MAX_COMMENT_CHARS + 1) }],
        ['r:c-1:r-1', { author: ann, createdAt: 5, text: '' }],
        ['r:gone:r-2', { author: ann, createdAt: 5, text: 'orphan' }],
        ['s:c-1', { resolved: 'yes' }],
        ['nonsense', 1],
        ['t:bad id', good[0]![1]],
      ],
      (key) => skipped.push(key),
    );
    expect(threads.map((t) => t.id)).toEqual(['c-1']);
    expect(threads[0]!.replies).toEqual([]);
    expect(threads[0]!.resolved).toBe(false);
    expect(skipped.sort()).toEqual(['nonsense', 'r:c-1:r-1', 's:c-1', 't:bad id', 't:c-2', 't:c-3', 't:c-4']);
  });

  it('refuses empty and too long texts, full boards and full threads', () => {
    expect(commentTextProblem('   ')).toMatch(/Write something/);
    expect(commentTextProblem('x'.repeat(MAX_COMMENT_CHARS + 1))).toMatch(/At most 2,000/);
    expect(commentTextProblem('x'.repeat(MAX_COMMENT_CHARS))).toBeNull();
    const anchor = { kind: 'block' as const, id: 'b' };
    expect(newComment([], { anchor, text: '', author: 'A' }, 'candidate', 1)).toBeNull();
    const many = Array.from({ length: MAX_COMMENT_THREADS }, (_, i) => thread(`c-${i}`));
    // The limits count each role on its own: these are the interviewer's.
    expect(newComment(many, { anchor, text: 'one more', author: 'A' }, 'interviewer', 1)).toBeNull();
    expect(
      newComment([], { anchor: { kind: 'point', x: NaN, y: 0 }, text: 'x', author: 'A' }, 'candidate', 1),
    ).toBeNull();
    const full = thread('c-1', {
      replies: Array.from({ length: MAX_COMMENT_REPLIES }, (_, i) => ({
        id: `r-${i}`,
        author: ann,
        createdAt: 1,
        text: 'r',
        mentions: [],
      })),
    });
    expect(newReply([full], 'c-1', { text: 'more', author: 'A' }, 'interviewer', 1)).toBeNull();
    expect(newReply([full], 'nope', { text: 'more', author: 'A' }, 'candidate', 1)).toBeNull();
  });

  it('finds mentions of the people present, longest name first', () => {
    const people = ['Ann', 'Ann Lee', 'Bo'];
    expect(mentionsIn('@Ann Lee and @bo, see this; @Annie is not here', people)).toEqual(['Ann Lee', 'Bo']);
    expect(mentionsIn('@Ann, @Ann again', people)).toEqual(['Ann']);
    expect(mentionsIn('mail ann@example.com', people)).toEqual([]);
    expect(mentionQuery('ping @an')).toBe('an');
    expect(mentionQuery('ping @')).toBe('');
    expect(mentionQuery('ping me')).toBeNull();
  });

  it('counts open and all threads per block and link', () => {
    const counts = commentCounts([
      thread('c-1'),
      thread('c-2', { resolved: true }),
      thread('c-3', { anchor: { kind: 'link', id: 'l-1' }, resolved: true }),
      thread('c-4', { anchor: { kind: 'point', x: 0, y: 0 } }),
    ]);
    expect(Object.fromEntries(counts)).toEqual({
      'block:db-1': { open: 1, total: 2 },
      'link:l-1': { open: 0, total: 1 },
    });
  });

  it('validates a board file’s threads', () => {
    expect(commentThreadsSchema.safeParse([thread('c-1')]).success).toBe(true);
    expect(commentThreadsSchema.safeParse([{ ...thread('c-1'), anchor: { kind: 'group', id: 'x' } }]).success).toBe(
      false,
    );
    expect(
      commentThreadsSchema.safeParse([{ ...thread('c-1'), author: { name: 'O', role: 'observer' } }]).success,
    ).toBe(false);
  });
});

describe('comment limits count each role on its own', () => {
  const cato = { name: 'Cato', role: 'candidate' as const };
  const anchor = { kind: 'point' as const, x: 0, y: 0 };
  it('keeps the interviewer’s threads and replies in view past a candidate’s flood dated to the epoch', () => {
    const flood = Array.from({ length: MAX_COMMENT_THREADS }, (_, i) =>
      thread(`flood-${i}`, { author: cato, createdAt: 0, anchor }),
    );
    const mine = thread('mine', {
      createdAt: 5000,
      replies: [
        ...Array.from({ length: MAX_COMMENT_REPLIES }, (_, i) => ({
          id: `f-${i}`,
          author: cato,
          createdAt: 0,
          text: 'spam',
          mentions: [],
        })),
        { id: 'answer', author: ann, createdAt: 6000, text: 'My follow-up', mentions: [] },
      ],
    });
    const threads = threadsFromEntries(threadsToEntries([...flood, mine]));
    const kept = threads.find((t) => t.id === 'mine');
    expect(kept).toBeDefined();
    expect(kept!.replies.map((r) => r.id)).toContain('answer');
    // The interviewer may still write; the candidate, at their limit, may not.
    expect(newComment(threads, { anchor, text: 'still here', author: 'Ann' }, 'interviewer', 7000)).not.toBeNull();
    expect(newComment(threads, { anchor, text: 'one more', author: 'Cato' }, 'candidate', 7000)).toBeNull();
    expect(newReply(threads, 'mine', { text: 'and again', author: 'Ann' }, 'interviewer', 7000)).not.toBeNull();
    // Such a board still exports and imports.
    expect(commentThreadsSchema.safeParse(threads).success).toBe(true);
  });
});
