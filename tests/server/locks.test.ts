/**
 * The interviewer's locks, enforced by the server on the board document: a
 * candidate's write to locked requirements and a candidate's whole-board
 * replacement while imports are locked reach nobody; the interviewer's own
 * writes apply, and unlocking lets the candidate's through again.
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { Block, Board } from '../../src/board/types';
import { applyOpsToDoc, docToBoard } from '../../src/doc/board-doc';
import { setControl, type Locks } from '../../src/doc/control-doc';
import { goToPhase, initialTimer } from '../../src/interview/timer';
import { createBoard, type CreatedBoard } from '../helpers/sync-clients';
import { useSyncServer } from '../helpers/sync-server-suite';
import { waitFor } from '../helpers/wait-for';

const block = (id: string): Block => ({ id, kind: 'service', label: id, x: 0, y: 0, width: 120, height: 60 });

describe('locks the server enforces', () => {
  const suite = useSyncServer();
  const { connect } = suite;

  /** The interviewer and candidate on a board, the interviewer also on its control document. */
  async function room(board: CreatedBoard) {
    const interviewer = await connect(board.id, board.tokens.interviewer);
    const control = await connect(`${board.id}/control`, board.tokens.interviewer);
    const candidate = await connect(board.id, board.tokens.candidate);
    const candidateControl = await connect(`${board.id}/control`, board.tokens.candidate);
    /** Sets the locks and waits until the server has them (the candidate's copy of the control document has them). */
    const lock = async (locks: Locks) => {
      setControl(control.doc, 'locks', locks, 'Ana');
      await waitFor(
        () => JSON.stringify(candidateControl.doc.getMap('controls').get('locks')) === JSON.stringify(locks),
        'the locks at the server',
      );
    };
    /** A write of the candidate's that no lock holds back; once the interviewer has it, everything sent before it was handled. */
    let marks = 0;
    const candidateMark = async () => {
      const id = `mark-${++marks}`;
      applyOpsToDoc(candidate.doc, [{ op: 'add-block', block: block(id) }]);
      await waitFor(() => docToBoard(interviewer.doc).blocks.some((b) => b.id === id), `the candidate's ${id}`);
    };
    return { interviewer, control, candidate, candidateControl, lock, candidateMark };
  }

  const requirementsOf = (doc: Y.Doc) => docToBoard(doc).requirements ?? {};

  it('drops a candidate’s write to locked requirements, applies the interviewer’s, and the candidate’s once unlocked', async () => {
    const board = await createBoard(suite.server.url, { title: 'Locks' });
    const r = await room(board);
    applyOpsToDoc(r.interviewer.doc, [
      { op: 'set-requirement', field: 'prompt', value: 'Design a URL shortener' },
      { op: 'insert-functional', index: 0, text: 'Shorten a URL' },
      { op: 'set-scale', field: 'dau', value: 1_000_000 },
    ]);
    await waitFor(() => requirementsOf(r.candidate.doc).prompt === 'Design a URL shortener', 'the prompt');
    await r.lock({ requirements: 'locked', importLocked: true });

    // A tampered browser writes anyway: a new value, a new line, a removed line, a changed figure.
    applyOpsToDoc(r.candidate.doc, [
      { op: 'set-requirement', field: 'prompt', value: 'from-candidate' },
      { op: 'insert-functional', index: 1, text: 'from-candidate line' },
      { op: 'remove-functional', index: 0 },
      { op: 'set-scale', field: 'dau', value: 5 },
    ]);
    await r.candidateMark();
    const expected = { prompt: 'Design a URL shortener', functional: ['Shorten a URL'], scale: { dau: 1_000_000 } };
    expect(requirementsOf(r.interviewer.doc)).toMatchObject(expected);
    expect(requirementsOf(r.interviewer.doc).functional).toEqual(['Shorten a URL']);
    const late = await connect(board.id, board.tokens.observer);
    expect(requirementsOf(late.doc)).toMatchObject(expected);
    expect(JSON.stringify(late.doc.toJSON())).not.toContain('from-candidate');
    const metric = await suite.server.metrics.registry.getSingleMetricAsString('archboard_locked_writes_dropped_total');
    expect(metric).toMatch(/lock="requirements"} [1-9]/);

    // The interviewer's own write applies while the lock holds.
    applyOpsToDoc(r.interviewer.doc, [{ op: 'insert-functional', index: 1, text: 'Follow a short link' }]);
    await waitFor(() => late.doc && requirementsOf(late.doc).functional?.length === 2, 'the interviewer’s line');

    // Unlocked, the candidate's next write goes through (and their clock never broke: the marks kept arriving).
    await r.lock({ requirements: 'open', importLocked: true });
    applyOpsToDoc(r.candidate.doc, [{ op: 'insert-functional', index: 0, text: 'Mine, once open' }]);
    await waitFor(
      () => requirementsOf(late.doc).functional?.includes('Mine, once open') === true,
      'the candidate’s line',
    );
  });

  it('locks the requirements after the clarification step by default', async () => {
    const board = await createBoard(suite.server.url, { title: 'Steps' });
    const r = await room(board);
    // The requirements step: the candidate writes them down.
    applyOpsToDoc(r.candidate.doc, [{ op: 'insert-functional', index: 0, text: 'Asked and written' }]);
    await waitFor(() => requirementsOf(r.interviewer.doc).functional?.[0] === 'Asked and written', 'the line');

    setControl(r.control.doc, 'timer', goToPhase(initialTimer(), 1, 1_000), 'Ana');
    await waitFor(() => {
      const timer = r.candidateControl.doc.getMap('controls').get('timer') as { phaseIndex?: number } | undefined;
      return timer?.phaseIndex === 1;
    }, 'the next step at the server');
    applyOpsToDoc(r.candidate.doc, [{ op: 'insert-functional', index: 1, text: 'from-candidate, too late' }]);
    await r.candidateMark();
    expect(requirementsOf(r.interviewer.doc).functional).toEqual(['Asked and written']);
  });

  it('drops a candidate’s whole-board replacement while imports are locked, and applies it once they are open', async () => {
    const board = await createBoard(suite.server.url, { title: 'Replace' });
    const r = await room(board);
    const mine = ['lb', 'api', 'db', 'cache', 'queue', 'worker'];
    applyOpsToDoc(
      r.interviewer.doc,
      mine.map((id) => ({ op: 'add-block' as const, block: block(id) })),
    );
    await waitFor(() => docToBoard(r.candidate.doc).blocks.length === mine.length, 'the interviewer’s blocks');

    const imported: Board = { ...docToBoard(r.candidate.doc), blocks: [block('x1'), block('x2')], links: [] };
    r.candidate.doc.transact(() => applyOpsToDoc(r.candidate.doc, [{ op: 'replace-board', board: imported }]));
    expect(docToBoard(r.candidate.doc).blocks.map((b) => b.id)).toEqual(['x1', 'x2']);
    await r.candidateMark();
    expect(
      docToBoard(r.interviewer.doc)
        .blocks.map((b) => b.id)
        .filter((id) => !id.startsWith('mark-'))
        .sort(),
    ).toEqual([...mine].sort());
    const metric = await suite.server.metrics.registry.getSingleMetricAsString('archboard_locked_writes_dropped_total');
    expect(metric).toMatch(/lock="replacement"} [1-9]/);

    // Ordinary editing is no replacement: deleting blocks applies, even most of the board at once.
    applyOpsToDoc(r.candidate.doc, [{ op: 'add-block', block: block('extra') }]);
    await waitFor(() => docToBoard(r.interviewer.doc).blocks.some((b) => b.id === 'extra'), 'the extra block');
    applyOpsToDoc(r.candidate.doc, [{ op: 'remove-block', id: 'extra' }]);
    await waitFor(() => !docToBoard(r.interviewer.doc).blocks.some((b) => b.id === 'extra'), 'the removal');
    // (The first candidate's copy still shows its dropped import: a fresh one deletes.)
    const deleter = await connect(board.id, board.tokens.candidate);
    applyOpsToDoc(
      deleter.doc,
      mine.slice(0, 5).map((id) => ({ op: 'remove-block' as const, id })),
    );
    await waitFor(
      () =>
        docToBoard(r.interviewer.doc)
          .blocks.map((b) => b.id)
          .filter((id) => !id.startsWith('mark-'))
          .join() === mine[5],
      'the deletions',
    );

    // Open imports: a fresh candidate replaces the board for everyone.
    await r.lock({ requirements: 'after-clarification', importLocked: false });
    const fresh = await connect(board.id, board.tokens.candidate);
    const replacement: Board = { ...docToBoard(fresh.doc), blocks: [block('y1')], links: [] };
    fresh.doc.transact(() => applyOpsToDoc(fresh.doc, [{ op: 'replace-board', board: replacement }]));
    await waitFor(
      () =>
        docToBoard(r.interviewer.doc)
          .blocks.map((b) => b.id)
          .join() === 'y1',
      'the replacement at the interviewer',
    );
  });
});
