import { useEffect, useState } from 'react';
import type { Board } from '../../board/types';
import { useBoard } from '../board/board-context';

/** A template board: a board with its `template` part (questions and reference). */
export type TemplateBoard = Board & { template: NonNullable<Board['template']> };

export type TemplateState =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; board: TemplateBoard };

/** One fetch per board, template and token, shared by every panel that asks (a failed one is asked again). */
const fetched = new Map<string, Promise<TemplateBoard>>();

/**
 * The template board `id` was created from, fetched from the server with this
 * person's token (the server gives it to interviewers only), validated once.
 */
export function fetchTemplate(id: string, token: string, templateId: string): Promise<TemplateBoard> {
  const key = `${id}\n${token}\n${templateId}`;
  let promise = fetched.get(key);
  if (!promise) {
    promise = (async () => {
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
      return board as TemplateBoard;
    })();
    fetched.set(key, promise);
    promise.catch(() => fetched.delete(key));
  }
  return promise;
}

/**
 * The template a board was created from (its requirements, questions and
 * reference design: the answers). `templateId` only says whether there is one
 * (undefined: none, or not for this person).
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
    fetchTemplate(id, token, templateId).then(
      (board) => !cancelled && setState({ status: 'ready', board }),
      (err: Error) => !cancelled && setState({ status: 'error', message: err.message }),
    );
    return () => {
      cancelled = true;
    };
  }, [id, token, templateId]);
  return state;
}
