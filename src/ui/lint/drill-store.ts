/**
 * The live failure drill as the canvas and the drill panel show it: the
 * control document's failed items (everyone's, set by the interviewer) run
 * through the drill analysis on the current board (src/lint/drill-state.ts).
 * Derived, never stored: cards read only their own entry of `status`, so a
 * drill re-renders only the cards it touches.
 */
import { createContext, useContext, useEffect } from 'react';
import { create } from 'zustand';
import { liveDrill, type DrillStatus, type LiveDrill } from '../../lint';
import { useBoard } from '../board/board-context';

interface DrillView extends LiveDrill {
  set: (drill: LiveDrill) => void;
}

export const useDrill = create<DrillView>()((set) => ({
  marks: [],
  result: null,
  status: {},
  set: ({ marks, result, status }) => set({ marks, result, status }),
}));

/** Whether a canvas shows the live drill: the replay's canvas shows the past, not today's drill. */
export const DrillShown = createContext(true);

/** A block's state in the live drill, if the drill touches it (and this canvas shows it). */
export function useBlockDrill(id: string): DrillStatus | undefined {
  const shown = useContext(DrillShown);
  return useDrill((s) => (shown ? s.status[id] : undefined));
}

/** Whether a link is dead in the live drill: one of its ends failed or was cut off. */
export function useLinkDrill(source: string, target: string): boolean {
  const shown = useContext(DrillShown);
  return useDrill((s) => shown && (s.status[source] !== undefined || s.status[target] !== undefined));
}

/**
 * Re-runs the drill after every change to the control document's drill or,
 * while a drill runs, to the board, at most once an animation frame.
 */
export function useDrillRunner(): void {
  const { store, control } = useBoard();
  useEffect(() => {
    let frame = 0;
    const run = () => {
      frame = 0;
      const next = liveDrill(store.getBoard(), control.store.getState().drill.down);
      const prev = useDrill.getState();
      if (next.result === null && prev.result === null) return;
      prev.set(next);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(run);
    };
    schedule();
    const offControl = control.store.subscribe((next, prev) => next.drill !== prev.drill && schedule());
    const offBoard = store.subscribe((next, prev) => {
      const drilling = control.store.getState().drill.down.length > 0;
      if (
        drilling &&
        (next.blocks !== prev.blocks || next.links !== prev.links || next.requirements !== prev.requirements)
      )
        schedule();
    });
    return () => {
      offControl();
      offBoard();
      if (frame) cancelAnimationFrame(frame);
      useDrill.getState().set({ marks: [], result: null, status: {} });
    };
  }, [store, control]);
}
