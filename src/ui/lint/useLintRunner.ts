import { useEffect } from 'react';
import { lint } from '../../lint';
import { estimate } from '../../estimate';
import { useBoard } from '../board/board-context';
import { useLint } from './lint-store';

/**
 * Re-lints the board after every change to it, its requirements or its
 * settings, at most once an animation frame, so it stays out of the way of
 * drawing (a 1,000-block board lints in about a millisecond).
 */
export function useLintRunner(): void {
  const { store } = useBoard();
  useEffect(() => {
    let frame = 0;
    const run = () => {
      frame = 0;
      const board = store.getBoard();
      const figures = estimate(board.requirements);
      useLint.getState().set(lint(board, { estimate: figures }), figures);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(run);
    };
    // The first run waits a frame too: the board's first paint comes before its findings.
    schedule();
    // Notes and the timer do not change findings.
    const unsubscribe = store.subscribe((next, prev) => {
      if (
        next.blocks !== prev.blocks ||
        next.links !== prev.links ||
        next.requirements !== prev.requirements ||
        next.settings !== prev.settings
      )
        schedule();
    });
    return () => {
      if (frame) cancelAnimationFrame(frame);
      unsubscribe();
    };
  }, [store]);
}
