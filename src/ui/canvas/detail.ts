/**
 * Level of detail on the canvas. Below LOW_DETAIL_ZOOM a card is a plain
 * coloured rectangle (no icon, text, badges), a link a bare line (no label
 * chip), a pen stroke a simplified path: at that zoom the text is a few pixels
 * high and unreadable anyway, and hundreds of cards draw in a fraction of the
 * time. Outside the viewport nothing is drawn (React Flow's
 * onlyRenderVisibleElements). A picture export asks for everything in full
 * meanwhile (`drawAllInFull`), since it pictures the DOM.
 *
 * Session scope: this tab only.
 */
import { createContext, useContext } from 'react';
import { create } from 'zustand';

/** The zoom below which the canvas draws the simplified diagram. */
export const LOW_DETAIL_ZOOM = 0.4;

/**
 * From this many nodes the simplified diagram is drawn far out. An interview's
 * design (a few dozen cards) draws in full at any zoom: its small text still
 * reads as the design people drew, and costs nothing to draw; a 1024 px screen
 * fits the chat reference design at about 38%.
 */
export const LOW_DETAIL_FROM = 100;

/** Whether something (an export) needs every node and link in the DOM, in full detail. */
export const useFullDetail = create<{ requests: number }>(() => ({ requests: 0 }));

/** Provided by the canvas: true while the diagram is drawn in low detail. */
export const LowDetail = createContext(false);

export function useLowDetail(): boolean {
  return useContext(LowDetail);
}

/**
 * Draws every node and link in full until the returned function is called, and
 * resolves once the DOM has them all (every node mounted and measured, the
 * count of nodes and links steady for two frames).
 */
export async function drawAllInFull(): Promise<() => void> {
  useFullDetail.setState((s) => ({ requests: s.requests + 1 }));
  const release = () => useFullDetail.setState((s) => ({ requests: Math.max(0, s.requests - 1) }));
  const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  let last = '';
  let steady = 0;
  // At most about two seconds: a picture of what is there beats none.
  for (let i = 0; i < 120 && steady < 2; i++) {
    await frame();
    const nodes = document.querySelectorAll('.react-flow__node');
    const hidden = [...nodes].some((n) => (n as HTMLElement).style.visibility === 'hidden');
    const now = `${nodes.length}/${document.querySelectorAll('.react-flow__edge').length}`;
    steady = !hidden && now === last ? steady + 1 : 0;
    last = now;
  }
  return release;
}

/**
 * From this many nodes the canvas draws only those on screen. A smaller board
 * is drawn whole: mounting and measuring cards as the view pans costs more
 * than drawing a few dozen that are off screen.
 */
export const DRAW_VISIBLE_ONLY_FROM = 200;
