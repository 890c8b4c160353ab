import { Eye, EyeOff } from 'lucide-react';
import { useSession } from '../common/session-store';
import { useBoard } from './board-context';
import { usePresenceView } from './presence-store';

const ROLE_LABEL = { interviewer: 'Interviewer', candidate: 'Candidate', observer: 'Observer' } as const;

function initials(name: string): string {
  return (
    name
      // Letters and digits only: "Ivy (interviewer)" is "II", not "I(".
      .replace(/[^\p{L}\p{N}\s]/gu, ' ')
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((w) => w[0]!.toUpperCase())
      .join('') || '?'
  );
}

/** Who is here, with their role; click someone to follow their view. */
export function People() {
  const { role } = useBoard();
  const peers = usePresenceView((s) => s.peers);
  const me = { name: useSession((s) => s.userName), color: useSession((s) => s.userColor) };
  const following = useSession((s) => s.following);
  const set = useSession((s) => s.set);
  return (
    <div className="ab-people" aria-label="People on this board">
      <span
        className="ab-avatar is-me"
        style={{ background: me.color }}
        title={`${me.name || 'You'} (you, ${ROLE_LABEL[role]})`}
      >
        {initials(me.name)}
      </span>
      {peers.map((p) => {
        const isFollowed = following === p.clientId;
        return (
          <button
            key={p.clientId}
            type="button"
            className={`ab-avatar${isFollowed ? ' is-followed' : ''}`}
            style={{ background: p.user.color }}
            title={`${p.user.name}, ${ROLE_LABEL[p.user.role] ?? p.user.role}. ${isFollowed ? 'Stop following' : 'Follow their view'}`}
            aria-label={`${p.user.name} (${ROLE_LABEL[p.user.role] ?? p.user.role})`}
            data-peer={p.user.name}
            onClick={() => set({ following: isFollowed ? null : p.clientId })}
          >
            {initials(p.user.name)}
            <span className="ab-avatar__follow">{isFollowed ? <EyeOff size={10} /> : <Eye size={10} />}</span>
          </button>
        );
      })}
    </div>
  );
}
