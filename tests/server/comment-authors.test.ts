/**
 * Comment authorship, enforced by the server: the role on a comment is the
 * role of the connection that wrote it. A candidate's comment claiming to be
 * the interviewer's, and a candidate's change or removal of the interviewer's
 * thread, reach nobody; the candidate's honest comments, resolving anyone's
 * thread, the interviewer's own writes (removing the candidate's thread too)
 * and a candidate's import through the editing API all apply. Every "reached
 * nobody" waits first for a later write of the same client to arrive.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newComment, threadKey, replyKey, stateKey, threadsFromEntries } from '../../src/board/comments';
import { commentsOf, docToBoard } from '../../src/doc/board-doc';
import { setControl } from '../../src/doc/control-doc';
import { openTestBoard } from '../../src/sync/test-board';
import { createBoard, type CreatedBoard, type SyncClient } from '../helpers/sync-clients';
import { useSyncServer } from '../helpers/sync-server-suite';
import { waitFor } from '../helpers/wait-for';

type Role = 'interviewer' | 'candidate';

/** A comment's flat write, as the editing API makes it. */
function comment(text: string, role: Role, name = role === 'interviewer' ? 'Ann' : 'Bo') {
  return newComment([], { anchor: { kind: 'point', x: 1, y: 2 }, text, author: name }, role, Date.now())!;
}
/** Writes straight into the client's document, as a tampered browser (or a stock client) would. */
const put = (client: SyncClient, key: string, value: object) => commentsOf(client.doc).set(key, value);
const remove = (client: SyncClient, key: string) => commentsOf(client.doc).delete(key);
const threadsOf = (client: SyncClient) => threadsFromEntries(commentsOf(client.doc).entries());
const textsOf = (client: SyncClient) => threadsOf(client).map((t) => t.text);

describe('comment authors the server enforces', () => {
  const suite = useSyncServer();
  const { connect } = suite;

  async function room(board: CreatedBoard) {
    const interviewer = await connect(board.id, board.tokens.interviewer);
    const candidate = await connect(board.id, board.tokens.candidate);
    let marks = 0;
    /** An honest comment of the candidate's; once the interviewer has it, everything the candidate sent before was handled. */
    const candidateMark = async () => {
      const write = comment(`mark ${++marks}`, 'candidate');
      put(candidate, write.key, write.value);
      await waitFor(() => commentsOf(interviewer.doc).has(write.key), `the candidate's mark ${marks}`);
      return write;
    };
    return { interviewer, candidate, candidateMark };
  }

  const dropped = async () => {
    const metric = await suite.server.metrics.registry.getSingleMetricAsString(
      'archboard_comment_writes_dropped_total',
    );
    const match = /role="candidate"} (\d+)/.exec(metric);
    return match ? Number(match[1]) : 0;
  };

  it('drops a candidate’s comment or reply claiming the interviewer’s role, and applies the honest one', async () => {
    const board = await createBoard(suite.server.url, { title: 'Spoof' });
    const r = await room(board);
    const before = await dropped();

    const spoof = comment('from-candidate, signed Interviewer', 'interviewer', 'Interviewer');
    put(r.candidate, spoof.key, spoof.value);
    const honest = await r.candidateMark();
    expect(commentsOf(r.interviewer.doc).has(spoof.key)).toBe(false);
    expect(threadsOf(r.interviewer).map((t) => t.author)).toEqual([{ name: 'Bo', role: 'candidate' }]);

    // A reply in the interviewer's name on the candidate's own thread: dropped too; the honest reply applies.
    const thread = honest.id;
    put(r.candidate, replyKey(thread, 'r-spoof'), { ...comment('from-candidate reply', 'interviewer').value });
    put(r.candidate, replyKey(thread, 'r-honest'), { ...comment('an honest reply', 'candidate').value });
    await waitFor(() => commentsOf(r.interviewer.doc).has(replyKey(thread, 'r-honest')), 'the honest reply');
    expect(commentsOf(r.interviewer.doc).has(replyKey(thread, 'r-spoof'))).toBe(false);

    const late = await connect(board.id, board.tokens.observer);
    expect(JSON.stringify(late.doc.toJSON())).not.toContain('from-candidate');
    expect(textsOf(late)).toEqual(['mark 1']);
    expect(await dropped()).toBeGreaterThanOrEqual(before + 2);
  });

  it('drops a candidate’s removal or rewrite of the interviewer’s thread; anyone may resolve it', async () => {
    const board = await createBoard(suite.server.url, { title: 'Theirs' });
    const r = await room(board);
    const theirs = comment('Why a queue here?', 'interviewer');
    put(r.interviewer, theirs.key, theirs.value);
    await waitFor(() => commentsOf(r.candidate.doc).has(theirs.key), 'the interviewer’s thread at the candidate');

    remove(r.candidate, theirs.key);
    await r.candidateMark();
    expect(textsOf(r.interviewer)).toContain('Why a queue here?');

    // Same author, other words: only the author's role may change a thread's text.
    put(r.candidate, theirs.key, { ...theirs.value, text: 'from-candidate: I give up' });
    await r.candidateMark();
    expect(threadsOf(r.interviewer).find((t) => t.id === theirs.id)?.text).toBe('Why a queue here?');

    // Resolving is anyone's who may edit.
    put(r.candidate, stateKey(theirs.id), { resolved: true, by: 'Bo', at: Date.now() });
    await waitFor(() => threadsOf(r.interviewer).find((t) => t.id === theirs.id)?.resolved === true, 'resolved');

    const late = await connect(board.id, board.tokens.interviewer);
    const kept = threadsFromEntries(commentsOf(late.doc).entries()).find((t) => t.id === theirs.id);
    expect(kept).toMatchObject({ text: 'Why a queue here?', author: { role: 'interviewer' }, resolved: true });
    expect(JSON.stringify(late.doc.toJSON())).not.toContain('from-candidate');
  });

  it('applies the interviewer’s own writes, removing the candidate’s thread included, and the candidate’s on their own', async () => {
    const board = await createBoard(suite.server.url, { title: 'Own' });
    const r = await room(board);
    const mine = await r.candidateMark();
    const other = await r.candidateMark();

    const theirs = comment('Interviewer here', 'interviewer');
    put(r.interviewer, theirs.key, theirs.value);
    put(r.interviewer, replyKey(mine.id, 'r-ann'), comment('A reply from Ann', 'interviewer').value);
    remove(r.interviewer, other.key);
    await waitFor(
      () => commentsOf(r.candidate.doc).has(theirs.key) && !commentsOf(r.candidate.doc).has(other.key),
      'the interviewer’s thread and removal at the candidate',
    );
    expect(
      threadsOf(r.candidate)
        .find((t) => t.id === mine.id)
        ?.replies.map((x) => x.text),
    ).toEqual(['A reply from Ann']);

    // The candidate changes and removes their own.
    put(r.candidate, mine.key, { ...mine.value, text: 'mark 1, reworded' });
    await waitFor(() => textsOf(r.interviewer).includes('mark 1, reworded'), 'the candidate’s own change');
    remove(r.candidate, mine.key);
    await waitFor(() => !commentsOf(r.interviewer.doc).has(mine.key), 'the candidate’s own removal');
  });

  it('applies a candidate’s import whole: the candidate’s comments replaced, the interviewer’s left as they are', async () => {
    const board = await createBoard(suite.server.url, { title: 'Import' });
    const r = await room(board);
    const control = await connect(`${board.id}/control`, board.tokens.interviewer);
    const candidateControl = await connect(`${board.id}/control`, board.tokens.candidate);
    setControl(control.doc, 'locks', { requirements: 'open', importLocked: false }, 'Ann');
    await waitFor(
      () =>
        (candidateControl.doc.getMap('controls').get('locks') as { importLocked?: boolean })?.importLocked === false,
      'imports open at the server',
    );
    const theirs = comment('Keep this', 'interviewer');
    put(r.interviewer, theirs.key, theirs.value);
    const old = await r.candidateMark();
    await waitFor(() => commentsOf(r.candidate.doc).has(theirs.key), 'the interviewer’s thread at the candidate');
    const before = await dropped();

    const editor = openTestBoard(r.candidate.doc, { role: 'candidate', controlDoc: candidateControl.doc }).editor;
    const file = {
      ...docToBoard(new Y.Doc()),
      title: 'Imported',
      comments: [
        { ...comment('From my file', 'candidate').value, id: 'c-file', replies: [], resolved: false },
        { ...comment('Signed Ann in the file', 'interviewer').value, id: 'c-ann', replies: [], resolved: false },
      ],
    };
    expect(editor.replaceBoard(file as never)).toBe(true);
    await waitFor(() => docToBoard(r.interviewer.doc).title === 'Imported', 'the import at the interviewer');
    await r.candidateMark();
    expect(textsOf(r.interviewer).sort()).toEqual(['From my file', 'Keep this', 'mark 2']);
    expect(commentsOf(r.interviewer.doc).has(old.key)).toBe(false);
    expect(threadKey('c-ann')).not.toBe(theirs.key);
    expect(textsOf(r.candidate).sort()).toEqual(textsOf(r.interviewer).sort());
    expect(await dropped()).toBe(before);
  });
});
