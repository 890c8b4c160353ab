import { useState } from 'react';
import { Eye, Pin, Trash2 } from 'lucide-react';
import type { EvidencePin } from '../../sync/history-actions';
import { interviewClock } from './moment';

interface EvidencePanelProps {
  onPin: (pin: Omit<EvidencePin, 'id'>) => void;
  onRemove: (id: string) => void;
  pins: EvidencePin[];
  t: number;
  origin: number;
  /** Blocks selected on the replay's canvas: the pin names them. */
  selection: string[];
  blockLabel: (id: string) => string;
  onOpen: (t: number) => void;
}

/** The interviewer's evidence: scorecard notes pinned to moments and blocks, kept in the private document. */
export function EvidencePanel({ onPin, onRemove, pins, t, origin, selection, blockLabel, onOpen }: EvidencePanelProps) {
  const [note, setNote] = useState('');
  const pin = () => {
    if (!note.trim()) return;
    onPin({ t, note: note.trim(), blocks: selection, elapsedMs: Math.max(0, t - origin) });
    setNote('');
  };
  return (
    <div className="ab-evidence" data-testid="evidence">
      <form
        className="ab-versions__form"
        onSubmit={(e) => {
          e.preventDefault();
          pin();
        }}
      >
        <label>
          Scorecard note at {interviewClock(t, origin)}
          {selection.length > 0 && ` on ${selection.map(blockLabel).join(', ')}`}
          <textarea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder="drew one DB for 10K writes/s"
            rows={2}
            data-testid="pin-note"
          />
        </label>
        <button type="submit" className="ab-button" disabled={!note.trim()} data-testid="pin-save">
          <Pin size={15} /> Pin to this moment
        </button>
      </form>
      {pins.length === 0 && <p className="ab-muted">No evidence pinned yet. Only you see it.</p>}
      <ul className="ab-versions__list">
        {pins.map((p) => (
          <li key={p.id} data-testid="pin">
            <strong>
              {interviewClock(p.t, origin)}, {p.note}
            </strong>
            {p.blocks.length > 0 && <span className="ab-muted">{p.blocks.map(blockLabel).join(', ')}</span>}
            <span className="ab-versions__buttons">
              <button type="button" className="ab-button" onClick={() => onOpen(p.t)}>
                <Eye size={14} /> Show
              </button>
              <button
                type="button"
                className="ab-icon-button"
                onClick={() => onRemove(p.id)}
                aria-label="Remove the pin"
              >
                <Trash2 size={14} />
              </button>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
