import { useState } from 'react';
import { Bookmark, Eye, RotateCcw } from 'lucide-react';
import type { ReplayHistory } from '../../sync/replay-history';
import type { BoardRuntime } from '../board/board-context';
import { useStore } from 'zustand';
import { useSession } from '../common/session-store';
import { momentLabel } from './moment';

interface VersionsPanelProps {
  /** The live board (the replay's own doc is read-only). */
  live: BoardRuntime;
  history: ReplayHistory;
  origin: number;
  /** The replay's moment: "Name this moment" names it. */
  t: number;
  onOpen: (t: number) => void;
  onRestore: (t: number, what: string) => void;
}

/** Named versions of the board: listed with time and author; anyone who may edit names and restores them. */
export function VersionsPanel({ live, history, origin, t, onOpen, onRestore }: VersionsPanelProps) {
  const { store, editor, readOnly, role } = live;
  const userName = useSession((s) => s.userName);
  const versions = useStore(store.zustand, (s) => s.versions);
  const [name, setName] = useState('');
  const save = () => {
    const trimmed = name.trim();
    if (!trimmed || role === 'observer') return;
    editor.addVersion({ name: trimmed.slice(0, 80), t, by: { name: userName, role } });
    setName('');
  };
  return (
    <div className="ab-versions" data-testid="versions">
      {!readOnly && (
        <form
          className="ab-versions__form"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <label>
            Name this moment ({momentLabel(t, origin)})
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="after high-level design"
              maxLength={80}
              data-testid="version-name"
            />
          </label>
          <button type="submit" className="ab-button" disabled={!name.trim()} data-testid="version-save">
            <Bookmark size={15} /> Save version
          </button>
        </form>
      )}
      {versions.length === 0 && <p className="ab-muted">No named versions yet.</p>}
      <ul className="ab-versions__list">
        {versions.map((v) => (
          <li key={v.id} data-testid="version">
            <strong>{v.name}</strong>
            <span className="ab-muted">
              {momentLabel(v.t, origin)}
              {v.by ? ` · ${v.by.name || v.by.role}` : ''}
            </span>
            <span className="ab-versions__buttons">
              <button type="button" className="ab-button" onClick={() => onOpen(Math.min(v.t, history.end))}>
                <Eye size={14} /> Show
              </button>
              {!readOnly && (
                <button
                  type="button"
                  className="ab-button"
                  onClick={() => onRestore(v.t, `at version “${v.name}”`)}
                  data-testid="version-restore"
                >
                  <RotateCcw size={14} /> Restore
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
