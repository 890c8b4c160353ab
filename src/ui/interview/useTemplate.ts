import { useEffect, useState } from 'react';
import type { Board } from '../../board/types';
import { useBoard } from '../board/board-context';

export type TemplateState =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; board: Board & { template: NonNullable<Board['template']> } };

/**
 * The template a board was created from (its requirements, questions and
 * reference design: the answers), fetched from the server with this person's
 * token; the server gives it to interviewers only. `templateId` only says
 * whether there is one (undefined: none, or not for this person).
 */
export function useTemplate(templateId: string | undefined): TemplateState {
  const { id, token } = useBoard();
  const [state, setState] = useState<TemplateState>({ status: templateId ? 'loading' : 'none' });
  useEffect(() => {
    if (!templateId) {
      setState({ status: 'none' });
      return;
    }
    let cancelled = false;
    setState({ status: 'loading' });
    void (async () => {
      try {
        const response = await fetch(`/api/boards/${encodeURIComponent(id)}/template`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        if (!response.ok)
          throw new Error(
            response.status === 404
              ? `the template "${templateId}" is no longer on this server`
              : `the server answered ${response.status}`,
          );
        const { readBoard } = await import('../../board/format');
        const board = readBoard(await response.json(), `${templateId}.json`);
        if (!board.template) throw new Error('the template file has no template field');
        if (!cancelled)
          setState({ status: 'ready', board: board as Board & { template: NonNullable<Board['template']> } });
      } catch (err) {
        if (!cancelled) setState({ status: 'error', message: (err as Error).message });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [id, token, templateId]);
  return state;
}
