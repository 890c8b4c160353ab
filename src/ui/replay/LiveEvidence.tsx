/**
 * Evidence pinned from the live board: the interviewer writes a scorecard note
 * and pins it to this moment (server time, and the interview clock as the
 * timer shows it) and to the blocks selected on the canvas. The pins live in
 * the private document beside those made in the replay; each one opens the
 * replay at its moment, and the interviewer's report lists them.
 */
import { useState } from 'react';
import { History, Pin, Trash2 } from 'lucide-react';
import type { Block } from '../../board/types';
import { timerView, type TimerState } from '../../interview/timer';
import { pinClock } from './moment';
import { addPin, pinsOf, readPins, removePin, type EvidencePin } from '../../sync/history-actions';
import { MAX_LABEL_CHARS } from '../../limits';
import { blockName } from '../../board/catalog';
import { useBoard, type BoardRuntime } from '../board/board-context';
import { useBoardSelector } from '../board/useBoardStore';
import { useObserved } from '../common/useObserved';
import { CharCount, useCharLimit } from '../common/CharCount';
import { serverNow } from '../interview/useServerClock';
import { useReplay } from './replay-store';

/** The interview clock at server time `now`, when the timer has been started. */
function interviewElapsed(timer: TimerState, now: number): number | undefined {
  const view = timerView(timer, now);
  return view.status === 'ready' ? undefined : view.elapsedMs;
}

type PrivateDoc = NonNullable<BoardRuntime['privateDoc']>['synced']['doc'];

export function LiveEvidence({ selected }: { selected: readonly Block[] }) {
  const { privateDoc } = useBoard();
  return privateDoc ? <EvidenceForm doc={privateDoc.synced.doc} selected={selected} /> : null;
}

function EvidenceForm({ doc, selected }: { doc: PrivateDoc; selected: readonly Block[] }) {
  const timer = useBoardSelector((s) => s.timer);
  const blocks = useBoardSelector((s) => s.blocks);
  const [note, setNote] = useState('');
  const limit = useCharLimit(note.length, MAX_LABEL_CHARS);
  const pins = useObserved<EvidencePin[]>(pinsOf(doc), () => readPins(doc));
  const labelOf = (id: string) => {
    const block = blocks.get(id);
    return block ? blockName(block) : id;
  };
  const pin = () => {
    const text = note.trim();
    if (!text) return;
    const t = Math.round(serverNow());
    const elapsedMs = interviewElapsed(timer, t);
    addPin(doc, {
      t,
      note: text,
      blocks: selected.map((b) => b.id),
      ...(elapsedMs !== undefined ? { elapsedMs: Math.round(elapsedMs) } : {}),
    });
    setNote('');
  };
  return (
    <section className="ab-evidence ab-evidence--live" data-testid="live-evidence">
      <h4>Evidence</h4>
      <form
        className="ab-versions__form"
        onSubmit={(e) => {
          e.preventDefault();
          pin();
        }}
      >
        <label>
          A scorecard note for this moment
          {selected.length > 0 && ` on ${selected.map((b) => labelOf(b.id)).join(', ')}`}
          <textarea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            onPaste={limit.onPaste}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) pin();
            }}
            maxLength={MAX_LABEL_CHARS}
            placeholder="drew one DB for 10K writes/s"
            rows={2}
            data-testid="live-pin-note"
          />
          <CharCount length={note.length} max={MAX_LABEL_CHARS} active={note !== ''} cut={limit.cut} />
        </label>
        <button type="submit" className="ab-button" disabled={!note.trim()} data-testid="live-pin-save">
          <Pin size={15} /> Pin to now
        </button>
      </form>
      {pins.length === 0 ? (
        <p className="ab-muted">No evidence pinned yet. Only interviewers see it; the report lists it.</p>
      ) : (
        <ul className="ab-versions__list">
          {pins.map((p) => (
            <li key={p.id} data-testid="live-pin" data-t={p.t}>
              <strong>
                <span data-testid="live-pin-clock">{pinClock(p)}</span>, {p.note}
              </strong>
              {p.blocks.length > 0 && <span className="ab-muted">{p.blocks.map(labelOf).join(', ')}</span>}
              <span className="ab-versions__buttons">
                <button
                  type="button"
                  className="ab-button"
                  onClick={() => useReplay.getState().open(p.t, 'evidence')}
                  data-testid="live-pin-replay"
                >
                  <History size={14} /> Replay
                </button>
                <button
                  type="button"
                  className="ab-icon-button"
                  onClick={() => removePin(doc, p.id)}
                  aria-label="Remove the pin"
                >
                  <Trash2 size={14} />
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
