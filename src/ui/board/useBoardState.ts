import type * as Y from 'yjs';
import type { BoardSettings, Requirements } from '../../board/types';
import { requirementsOf, sessionOf } from '../../doc/board-doc';
import { useObserved } from '../common/useObserved';
import { useBoard } from './board-context';

/** The board's requirements, live. */
export function useRequirements(doc: Y.Doc): Requirements {
  const req = requirementsOf(doc);
  return useObserved(req, () => req.toJSON() as Requirements);
}

/** The board's settings (title aside), live. */
export function useSettings(doc: Y.Doc): BoardSettings {
  const session = sessionOf(doc);
  return useObserved(session, () => {
    const { title: _title, ...settings } = ((session.get('settings') as Y.Map<unknown> | undefined)?.toJSON() ??
      {}) as BoardSettings & { title?: string };
    return settings;
  });
}

/** Whether this person sees the linter's findings: interviewers always; others when the interviewer shows them. */
export function useFindingsVisible(): boolean {
  const { doc, role } = useBoard();
  const settings = useSettings(doc);
  return role === 'interviewer' || settings.findingsVisibleToCandidate === true;
}
