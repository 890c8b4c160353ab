import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyOpsToDoc, boardToDoc, commentsOf, docToBoard } from '../../src/doc/board-doc';
import { newComment } from '../../src/board/comments';
import { filterCommentWrites } from './comment-filter';
import { inspectUpdate } from './update-check';

const write = (text: string, role: 'interviewer' | 'candidate') =>
  newComment([], { anchor: { kind: 'point', x: 0, y: 0 }, text, author: 'A' }, role, 1)!;

/** The server's copy and one client's, in sync. */
function pair() {
  const server = boardToDoc({ format: 'archboard/1', title: 't', blocks: [], links: [] } as never);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}
/** What the client wrote since `before`, filtered for `role` as the server reads it. */
function filtered(server: Y.Doc, client: Y.Doc, before: Uint8Array, role: string) {
  const update = Y.encodeStateAsUpdate(client, before);
  const { check, read } = inspectUpdate(server, update);
  expect(check.problem).toBeNull();
  return { given: update, ...filterCommentWrites(server, update, read!, role) };
}

describe('filterCommentWrites', () => {
  it('passes an update that touches no comment as it is', () => {
    const { server, client } = pair();
    const before = Y.encodeStateVector(client);
    applyOpsToDoc(client, [{ op: 'set-title', title: 'kept' }]);
    const out = filtered(server, client, before, 'candidate');
    expect(out.dropped).toBe(0);
    expect(out.update).toBe(out.given);
  });

  it('collects a spoofed comment and keeps the rest of the update, the sender’s clock whole', () => {
    const { server, client } = pair();
    const before = Y.encodeStateVector(client);
    const spoof = write('spoof', 'interviewer');
    client.transact(() => {
      commentsOf(client).set(spoof.key, spoof.value);
      applyOpsToDoc(client, [{ op: 'set-title', title: 'kept' }]);
    });
    const out = filtered(server, client, before, 'candidate');
    expect(out.dropped).toBe(1);
    Y.applyUpdate(server, out.update);
    expect(commentsOf(server).has(spoof.key)).toBe(false);
    expect(docToBoard(server).title).toBe('kept');
    expect(Y.getState(server.store, client.clientID)).toBe(Y.getState(client.store, client.clientID));
  });

  it('drops a candidate’s deletion of clocks the server has not seen, which would take the next comment', () => {
    const { server } = pair();
    const interviewer = new Y.Doc();
    Y.applyUpdate(interviewer, Y.encodeStateAsUpdate(server));
    const next = write('next', 'interviewer');
    commentsOf(interviewer).set(next.key, next.value);
    const ahead = Y.encodeStateAsUpdate(interviewer, Y.encodeStateVector(server));
    // The candidate deletes the interviewer's next clocks before the server has them.
    const fake = new Y.Doc();
    Y.applyUpdate(fake, Y.encodeStateAsUpdate(interviewer));
    commentsOf(fake).delete(next.key);
    const deletion = Y.encodeStateAsUpdate(fake, Y.encodeStateVector(interviewer));
    const { read } = inspectUpdate(server, deletion);
    const out = filterCommentWrites(server, deletion, read!, 'candidate');
    expect(out.dropped).toBe(1);
    Y.applyUpdate(server, out.update);
    Y.applyUpdate(server, ahead);
    expect(commentsOf(server).get(next.key)).toEqual(next.value);
  });
});
