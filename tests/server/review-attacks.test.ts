/**
 * Attacks a tampered candidate browser can make with a stock y-websocket
 * client, found in review; each must leave the others' board intact.
 */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Block } from '../../src/board/types';
import { applyOpsToDoc, docToBoard } from '../../src/doc/board-doc';
import { setControl } from '../../src/doc/control-doc';
import { goToPhase, initialTimer } from '../../src/interview/timer';
import { updateMessage } from '../helpers/raw-messages';
import { createBoard } from '../helpers/sync-clients';
import { useSyncServer } from '../helpers/sync-server-suite';
import { waitFor } from '../helpers/wait-for';

const block = (id: string): Block => ({ id, kind: 'service', label: id, x: 0, y: 0, width: 120, height: 60 });

/** An update that carries nothing but a delete set: `len` clocks of `client` from `clock`. */
function deleteOnly(client: number, clock: number, len: number): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, 0);
  encoding.writeVarUint(encoder.restEncoder, 1);
  encoder.resetDsCurVal();
  encoding.writeVarUint(encoder.restEncoder, client);
  encoding.writeVarUint(encoder.restEncoder, 1);
  encoder.writeDsClock(clock);
  encoder.writeDsLen(len);
  return encoder.toUint8Array();
}

describe('review: a candidate cannot delete what others have not written yet', () => {
  const suite = useSyncServer();
  const { connect } = suite;

  it('drops a delete set aimed at the interviewer’s future clocks, locks on or off', async () => {
    const board = await createBoard(suite.server.url, { title: 'Future' });
    const interviewer = await connect(board.id, board.tokens.interviewer);
    const control = await connect(`${board.id}/control`, board.tokens.interviewer);
    const candidate = await connect(board.id, board.tokens.candidate);
    const candidateControl = await connect(`${board.id}/control`, board.tokens.candidate);
    applyOpsToDoc(interviewer.doc, [{ op: 'add-block', block: block('first') }]);
    await waitFor(() => docToBoard(candidate.doc).blocks.length === 1, 'the first block');

    // The candidate's raw socket deletes the next 100,000 clocks of the interviewer's client.
    const target = interviewer.doc.clientID;
    const from = Y.getState(interviewer.doc.store, target);
    const ws = candidate.provider.ws!;
    ws.send(updateMessage(deleteOnly(target, from, 100_000)));

    // Past the clarification step, the interviewer writes a requirement and a block.
    setControl(control.doc, 'timer', goToPhase(initialTimer(), 1, 1_000), 'Ana');
    await waitFor(() => {
      const timer = candidateControl.doc.getMap('controls').get('timer') as { phaseIndex?: number } | undefined;
      return timer?.phaseIndex === 1;
    }, 'the next step at the server');
    applyOpsToDoc(interviewer.doc, [
      { op: 'insert-functional', index: 0, text: 'Given by the interviewer' },
      { op: 'add-block', block: block('second') },
    ]);
    const observer = await connect(board.id, board.tokens.observer);
    await waitFor(() => docToBoard(candidate.doc).blocks.length >= 1, 'the candidate copy');
    // A late joiner and the candidate both have what the interviewer wrote.
    await waitFor(() => docToBoard(observer.doc).blocks.some((b) => b.id === 'second'), 'the second block (observer)');
    expect(docToBoard(observer.doc).requirements?.functional).toEqual(['Given by the interviewer']);
    await waitFor(
      () => docToBoard(candidate.doc).blocks.some((b) => b.id === 'second'),
      'the second block (candidate)',
    );
  });
});
