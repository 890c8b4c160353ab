import { useSyncExternalStore } from 'react';

/**
 * The kind of screen the board is on, from its width. A tablet (under 1024 px)
 * keeps the canvas full width with the palette and side panel as drawers over
 * it; a phone (under 600 px) opens the board in a follow-and-view mode.
 */
export type ScreenSize = 'desktop' | 'tablet' | 'phone';

const PHONE = '(max-width: 599px)';
const TABLET = '(max-width: 1023px)';

/** The screen size now, outside React. */
export function currentScreen(): ScreenSize {
  if (typeof window === 'undefined' || !window.matchMedia) return 'desktop';
  if (window.matchMedia(PHONE).matches) return 'phone';
  if (window.matchMedia(TABLET).matches) return 'tablet';
  return 'desktop';
}

function subscribe(onChange: () => void): () => void {
  const queries = [window.matchMedia(PHONE), window.matchMedia(TABLET)];
  for (const q of queries) q.addEventListener('change', onChange);
  return () => {
    for (const q of queries) q.removeEventListener('change', onChange);
  };
}

export function useScreen(): ScreenSize {
  return useSyncExternalStore(subscribe, currentScreen, () => 'desktop');
}
