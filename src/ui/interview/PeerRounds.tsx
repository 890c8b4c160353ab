import { useEffect, useRef, useState } from 'react';
import { ArrowRightLeft, ExternalLink, Repeat } from 'lucide-react';
import { fetchRounds, pickProblem, startNextRound, type RoundLink } from '../../sync/rounds-client';
import { useBoard } from '../board/board-context';
import { useBoardSelector } from '../board/useBoardStore';
import { useSession } from '../common/session-store';
import { showError } from '../common/toast-store';

/** A page link made absolute, to copy or open. */
const absolute = (link: string) => new URL(link, window.location.origin).toString();

/**
 * Peers practising together take turns. The interviewer ends a round with
 * "Next round, swap roles": the server makes the next board; every screen on
 * this board hears of it (the control document names it) and asks for its own
 * link there, so each person sees theirs and never the other's.
 */
export function NextRoundButton() {
  const { id, token } = useBoard();
  const next = useBoardSelector((s) => s.control.controls.rounds.next);
  const [busy, setBusy] = useState(false);
  if (next) return null;
  return (
    <section data-testid="peer-rounds">
      <h4>Peer rounds</h4>
      <p className="ab-field__hint">
        Practising with a peer? End this round and swap: they become the interviewer and pick the next problem on their
        own screen, you the candidate. Each of you gets your own new link; the two reports link each other.
      </p>
      <button
        type="button"
        className="ab-button"
        disabled={busy}
        data-testid="next-round"
        onClick={() => {
          setBusy(true);
          startNextRound(id, token).then(
            () => setBusy(false),
            (err: Error) => {
              setBusy(false);
              showError(`Could not start the next round: ${err.message}`);
            },
          );
        }}
      >
        <ArrowRightLeft size={15} /> Next round, swap roles
      </button>
    </section>
  );
}

/** This person's link to the next round, once there is one: asked of the server with their own token. */
export function useNextRound(): RoundLink | null {
  const { id, token } = useBoard();
  const next = useBoardSelector((s) => s.control.controls.rounds.next);
  const [link, setLink] = useState<RoundLink | null>(null);
  useEffect(() => {
    if (!next) {
      setLink(null);
      return;
    }
    let cancelled = false;
    fetchRounds(id, token).then(
      (rounds) => !cancelled && setLink(rounds.next ?? null),
      (err: Error) => !cancelled && showError(`Could not fetch your link to the next round: ${err.message}`),
    );
    return () => {
      cancelled = true;
    };
  }, [id, token, next]);
  return link;
}

const ROLE_NOW: Record<RoundLink['role'], string> = {
  interviewer: 'You are the interviewer now: open your board and pick the problem there, out of the other’s sight.',
  candidate: 'You are the candidate now: your peer picks the problem on their screen.',
  observer: 'You watch it as an observer.',
};

/** The banner every screen shows once the next round exists: this person's own new link, and their role there. */
export function NextRoundNotice() {
  const link = useNextRound();
  usePickProblemForward();
  if (!link) return null;
  const url = absolute(link.link);
  return (
    <div className="ab-round-notice" role="status" data-testid="next-round-notice" data-role={link.role}>
      <Repeat size={16} aria-hidden />
      <div>
        <strong>Round {link.number} is ready.</strong> {ROLE_NOW[link.role]}
        <input
          className="ab-round-notice__link"
          readOnly
          value={url}
          aria-label="Your link to the next round"
          data-testid="next-round-link"
          onFocus={(e) => e.currentTarget.select()}
        />
      </div>
      <a className="ab-button ab-button--primary" href={url} data-testid="open-next-round">
        <ExternalLink size={15} /> Open round {link.number}
      </a>
    </div>
  );
}

/**
 * A next round's new interviewer arrives from the banner's "pick the problem there": the
 * Interviewer tab, where the pick list is, comes forward once, instead of leaving them on
 * Properties with a blank board and no word of where to pick.
 */
function usePickProblemForward(): void {
  const { role } = useBoard();
  const rounds = useBoardSelector((s) => s.control.controls.rounds);
  const templateId = useBoardSelector((s) => s.control.controls.templateId);
  const done = useRef(false);
  const wanted = role === 'interviewer' && rounds.previous !== undefined && !templateId;
  useEffect(() => {
    if (!wanted || done.current) return;
    done.current = true;
    useSession.getState().set({ sideTab: 'interviewer', sidePanelOpen: true });
  }, [wanted]);
}

interface TemplateSummary {
  id: string;
  title: string;
  difficulty: string;
}

/**
 * On a next round's board, before it has a problem: the new interviewer picks
 * one. The list shows titles only; the board gets the title, prompt and
 * starter blocks, and the answers stay on this screen.
 */
export function PickProblemSection() {
  const { id, token } = useBoard();
  const rounds = useBoardSelector((s) => s.control.controls.rounds);
  const templateId = useBoardSelector((s) => s.control.controls.templateId);
  const [templates, setTemplates] = useState<TemplateSummary[] | null>(null);
  const [choice, setChoice] = useState('');
  const [busy, setBusy] = useState(false);
  const wanted = rounds.previous !== undefined && !templateId;
  useEffect(() => {
    if (!wanted) return;
    let cancelled = false;
    fetch('/api/templates')
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`the server answered ${r.status}`))))
      .then((list: unknown) => {
        if (cancelled || !Array.isArray(list)) return;
        const valid = list.filter(
          (t): t is TemplateSummary =>
            typeof t === 'object' && t !== null && typeof (t as TemplateSummary).id === 'string',
        );
        setTemplates(valid);
        setChoice((c) => c || valid[0]?.id || '');
      })
      .catch((err: Error) => showError(`Could not list the problems: ${err.message}`));
    return () => {
      cancelled = true;
    };
  }, [wanted]);
  if (!wanted) return null;
  return (
    <section data-testid="pick-problem">
      <h4>Pick this round’s problem</h4>
      <p className="ab-field__hint">
        Round {rounds.number}: you interview. Only you see this list; the candidate sees the problem when you pick it,
        and its answers stay with you.
      </p>
      <label className="ab-field">
        <span className="ab-field__label">Problem</span>
        <select
          value={choice}
          onChange={(e) => setChoice(e.target.value)}
          disabled={!templates || busy}
          data-testid="pick-problem-select"
        >
          {(templates ?? []).map((t) => (
            <option key={t.id} value={t.id}>
              {t.title} ({t.difficulty})
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="ab-button ab-button--primary"
        disabled={!choice || busy}
        data-testid="pick-problem-start"
        onClick={() => {
          setBusy(true);
          pickProblem(id, token, choice).then(
            () => setBusy(false),
            (err: Error) => {
              setBusy(false);
              showError(`Could not set the problem: ${err.message}`);
            },
          );
        }}
      >
        Start with this problem
      </button>
    </section>
  );
}
