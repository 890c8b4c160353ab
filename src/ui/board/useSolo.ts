/**
 * Solo practice: one person alone on a board the server made in solo mode
 * (`controls.mode`), holding the interviewer's token, while the page shows
 * them the candidate's side and plays the interviewer: it starts the clock,
 * brings the follow-up questions forward at the evaluation step and opens the
 * end-of-round review when the clock finishes.
 */
import { useEffect, useRef, useState } from 'react';
import { phaseIndexOf } from '../../interview/phases';
import { start } from '../../interview/timer';
import { useSession } from '../common/session-store';
import { serverNow } from '../interview/useServerClock';
import { useBoard } from './board-context';
import { useBoardSelector } from './useBoardStore';

/** The step at which the interviewer asks the follow-up questions. */
export const EVALUATION_INDEX = phaseIndexOf('evaluation');

/** Whether this board is a solo practice round for this person. */
export function useSolo(): boolean {
  const { role } = useBoard();
  const mode = useBoardSelector((s) => s.control.controls.mode);
  return role === 'interviewer' && mode === 'solo';
}

/** Runs a solo round as its interviewer would; the end-of-round review's open state. */
export function useSoloRound(solo: boolean): { reviewing: boolean; review: () => void; closeReview: () => void } {
  const { editor, store, control } = useBoard();
  const phaseIndex = useBoardSelector((s) => s.timer.phaseIndex);
  const finished = useBoardSelector((s) => s.timer.finished);
  const [reviewing, setReviewing] = useState(false);
  const started = useRef(false);
  // The name prompt comes first on a new browser: the round has not begun while it is up.
  const named = useSession((s) => s.userName !== '');
  const [serverKnown, setServerKnown] = useState(false);

  // The clock starts when the round opens, once the server's timer is known (a cached copy might be stale).
  useEffect(() => {
    if (!solo || started.current) return;
    started.current = true;
    let cancelled = false;
    void control.synced.whenServerSynced().then(() => {
      if (cancelled) return;
      useSession.getState().set({ sideTab: 'practice', sidePanelOpen: true });
      setServerKnown(true);
    });
    return () => {
      cancelled = true;
      started.current = false;
    };
  }, [control, solo]);
  useEffect(() => {
    if (!solo || !serverKnown || !named) return;
    const { timer } = store.getState();
    const fresh = !timer.finished && timer.runningSince === null && timer.spentMs.every((ms) => ms === 0);
    if (fresh) editor.updateTimer((s) => start(s, serverNow()));
  }, [editor, named, serverKnown, solo, store]);

  // The evaluation step: the interviewer's follow-up questions come forward.
  useEffect(() => {
    if (solo && phaseIndex === EVALUATION_INDEX && !finished)
      useSession.getState().set({ sideTab: 'practice', sidePanelOpen: true });
  }, [finished, phaseIndex, solo]);

  // The end of the round: the comparison with the reference and the self-assessment.
  useEffect(() => {
    if (solo && finished) setReviewing(true);
  }, [finished, solo]);

  return { reviewing, review: () => setReviewing(true), closeReview: () => setReviewing(false) };
}
