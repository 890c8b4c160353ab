import type { BoardSettings, Requirements } from '../../board/types';
import { LOCKED_BY } from '../../sync/editor';
import { useBoard } from './board-context';
import { useBoardSelector } from './useBoardStore';
import { EVALUATION_INDEX, useSolo } from './useSolo';

/** The board's requirements, live. */
export function useRequirements(): Requirements {
  return useBoardSelector((s) => s.requirements);
}

/** The board's settings (title aside), live. */
export function useSettings(): BoardSettings {
  return useBoardSelector((s) => s.settings);
}

/** What the interviewer has locked for this person now, and who holds each lock. */
export function useLocks(): { requirementsLocked: boolean; importLocked: boolean; holder: string } {
  const { editor } = useBoard();
  const requirementsLocked = useBoardSelector(() => editor.requirementsLocked());
  const importLocked = useBoardSelector(() => editor.importLocked());
  const name = useBoardSelector((s) => s.control.holders.locks);
  return { requirementsLocked, importLocked, holder: lockHolder(name) };
}

/** Who holds a lock, as a person reads it: the interviewer, by name once they have set one. */
export function lockHolder(name: string | undefined): string {
  return name ? `${LOCKED_BY} (${name})` : LOCKED_BY;
}

/** Whether this person sees the linter's findings: interviewers always; others when the interviewer shows them. */
export function useFindingsVisible(): boolean {
  const { role } = useBoard();
  const settings = useSettings();
  // A solo round's interviewer keeps them, like the follow-up questions, for the evaluation step.
  const solo = useSolo();
  const evaluating = useBoardSelector((s) => s.timer.finished || s.timer.phaseIndex >= EVALUATION_INDEX);
  if (solo) return evaluating;
  return role === 'interviewer' || settings.findingsVisibleToCandidate === true;
}
