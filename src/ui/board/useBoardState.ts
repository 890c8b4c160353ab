import type { BoardSettings, Requirements } from '../../board/types';
import { useBoard } from './board-context';
import { useBoardSelector } from './useBoardStore';

/** The board's requirements, live. */
export function useRequirements(): Requirements {
  return useBoardSelector((s) => s.requirements);
}

/** The board's settings (title aside), live. */
export function useSettings(): BoardSettings {
  return useBoardSelector((s) => s.settings);
}

/** Whether this person sees the linter's findings: interviewers always; others when the interviewer shows them. */
export function useFindingsVisible(): boolean {
  const { role } = useBoard();
  const settings = useSettings();
  return role === 'interviewer' || settings.findingsVisibleToCandidate === true;
}
