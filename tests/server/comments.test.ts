/**
 * Comments on a live board: the shared threads travel like any edit, and an
 * observer's (a read-only connection's) comment writes never reach anyone.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyOpsToDoc, commentsOf } from '../../src/doc/board-doc';
import { newComment, threadsFromEntries } from '../../src/board/comments';
import { connectClient, createBoard, type CreatedBoard, type SyncClient } from '../helpers/sync-clients';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';

/** Pins a comment straight into the client's document, as a tampered browser would (no editing API in the way). */
function pin(client: SyncClient, text: string, role: 'interviewer' | 'candidate') {
  const write = newComment([], { anchor: { kind: 'point', x: 1, y: 2 }, text, author: text }, role, Date.now())!;
  client.doc.transact(() => applyOpsToDoc(client.doc, [{ op: 'put-comment', key: write.key, value: write.value }]));
}
const texts = (client: SyncClient) => threadsFromEntries(commentsOf(client.doc).entries()).map((t) => t.text);

describe('comments on the sync server', () => {
  let server: TestServer;
  let board: CreatedBoard;
  const clients: SyncClient[] = [];
  const connect = (token: string) => {
    const client = connectClient(server.url, board.id, token);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    server = await startTestServer({ limits: { roomUnloadGraceMs: 100 } });
    board = await createBoard(server.url, { title: 'Comments' });
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.stop();
  });

  it('drops an observer’s comment and delivers the candidate’s', async () => {
    const interviewer = connect(board.tokens.interviewer);
    const candidate = connect(board.tokens.candidate);
    const observer = connect(board.tokens.observer);
    await Promise.all([interviewer.synced, candidate.synced, observer.synced]);

    pin(observer, 'from the observer', 'candidate');
    // One socket's messages are handled in order: once the observer's awareness,
    // sent after its write, reaches the others, the write was dealt with.
    observer.provider.awareness.setLocalStateField('marker', 'after-comment');
    await waitFor(
      () =>
        [interviewer, candidate].every((c) =>
          [...c.provider.awareness.getStates().values()].some((s) => s.marker === 'after-comment'),
        ),
      'the observer’s awareness at the others',
    );
    expect(texts(interviewer)).toEqual([]);
    expect(texts(candidate)).toEqual([]);

    pin(candidate, 'from the candidate', 'candidate');
    await waitFor(
      () => texts(interviewer).includes('from the candidate'),
      'the candidate’s comment at the interviewer',
    );
    await waitFor(() => texts(observer).includes('from the candidate'), 'the candidate’s comment at the observer');
    const late = connect(board.tokens.interviewer);
    await late.synced;
    await waitFor(() => texts(late).includes('from the candidate'), 'the late joiner synced');
    expect(texts(late)).toEqual(['from the candidate']);
    const metrics = await server.metrics.registry.getSingleMetricAsString('archboard_observer_writes_dropped_total');
    expect(metrics).toMatch(/archboard_observer_writes_dropped_total [1-9]/);
  });
});
