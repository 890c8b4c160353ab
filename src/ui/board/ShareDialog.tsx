import { useState } from 'react';
import { Check, Copy, X } from 'lucide-react';
import type { ParticipantRole } from '../../protocol/roles';
import { useBoard } from './board-context';
import { Modal } from '../common/Modal';

const ROLES: { role: ParticipantRole; label: string; description: string }[] = [
  {
    role: 'interviewer',
    label: 'Interviewer',
    description: 'Edits, runs the timer, keeps private notes and the scorecard. Keep this link to yourself.',
  },
  { role: 'candidate', label: 'Candidate', description: 'Draws and edits the design.' },
  { role: 'observer', label: 'Observer', description: 'Watches live; cannot edit.' },
];

/** The links to this board that this person may share, each with a copy button. */
export function ShareDialog({ onClose }: { onClose: () => void }) {
  const { access } = useBoard();
  const [copied, setCopied] = useState<ParticipantRole | null>(null);
  const copy = async (role: ParticipantRole, url: string) => {
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // Without clipboard permission, select the text so Ctrl+C copies it.
      const input = document.querySelector<HTMLInputElement>(`[data-share-link="${role}"]`);
      input?.select();
    }
    setCopied(role);
    setTimeout(() => setCopied(null), 1500);
  };
  return (
    <Modal className="ab-share" label="Share this board" onClose={onClose}>
      <header>
        <h2>Share this board</h2>
        <button type="button" className="ab-icon-button" onClick={onClose} aria-label="Close">
          <X size={16} />
        </button>
      </header>
      {ROLES.filter((r) => access.links[r.role]).map(({ role, label, description }) => {
        const url = new URL(access.links[role]!, location.origin).toString();
        return (
          <div className="ab-share__row" key={role}>
            <div className="ab-share__head">
              <strong>{label}</strong>
              <span className="ab-muted">{description}</span>
            </div>
            <div className="ab-share__link">
              <input
                readOnly
                value={url}
                data-share-link={role}
                onFocus={(e) => e.target.select()}
                aria-label={`${label} link`}
              />
              <button type="button" className="ab-button" onClick={() => void copy(role, url)}>
                {copied === role ? <Check size={15} /> : <Copy size={15} />} {copied === role ? 'Copied' : 'Copy'}
              </button>
            </div>
          </div>
        );
      })}
    </Modal>
  );
}
