import { useEffect } from 'react';
import type * as Y from 'yjs';
import { lint, trafficReport } from '../../lint';
import { estimate } from '../../estimate';
import { blocksOf, docToBoard, linksOf, requirementsOf, sessionOf } from '../../doc/board-doc';
import { useLint } from './lint-store';

/**
 * Re-lints the board after every change to it, its requirements or its
 * settings, at most once an animation frame, so it stays out of the way of
 * drawing (a 1,000-block board lints in about a millisecond).
 */
export function useLintRunner(doc: Y.Doc): void {
  useEffect(() => {
    let frame = 0;
    const run = () => {
      frame = 0;
      const board = docToBoard(doc);
      const figures = estimate(board.requirements);
      const state = useLint.getState();
      state.setBoard(board);
      state.set(lint(board, { estimate: figures }), figures);
      if (state.overlay) state.setTraffic(trafficReport(board, { estimate: figures, multiplier: state.multiplier }));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(run);
    };
    // The first run waits a frame too: the board's first paint comes before its findings.
    schedule();
    const types = [blocksOf(doc), linksOf(doc), requirementsOf(doc), sessionOf(doc)];
    for (const t of types) t.observeDeep(schedule);
    // Turning the overlay on or changing the what-if multiplier recomputes the figures too.
    const unsubscribe = useLint.subscribe((s, prev) => {
      if ((s.overlay && !prev.overlay) || s.multiplier !== prev.multiplier) schedule();
    });
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
      for (const t of types) t.unobserveDeep(schedule);
    };
  }, [doc]);
}
