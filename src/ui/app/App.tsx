import { useEffect } from 'react';
import { useSession } from '../common/session-store';
import { Toasts } from '../common/Toasts';
import { HomePage } from '../home/HomePage';
import { BoardPage } from '../board/BoardPage';
import { REFUSAL_TEXTS } from '../../protocol/close-codes';

/** `/` is the home page and `/b/<id>` a board; anything else is a friendly 404. */
function route(pathname: string): { page: 'home' } | { page: 'board'; id: string } | { page: 'missing'; text: string } {
  if (pathname === '/' || pathname === '') return { page: 'home' };
  const m = /^\/b\/([A-Za-z0-9_-]{6,64})\/?$/.exec(pathname);
  if (m) return { page: 'board', id: m[1]! };
  // A board address whose id cannot be one: the server would answer 404 for it.
  if (pathname.startsWith('/b/')) return { page: 'missing', text: REFUSAL_TEXTS[404].text };
  return { page: 'missing', text: `There is no page at ${pathname}.` };
}

export function App() {
  const theme = useSession((s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);
  const r = route(location.pathname);
  return (
    <>
      {r.page === 'home' && <HomePage />}
      {r.page === 'board' && <BoardPage id={r.id} />}
      {r.page === 'missing' && (
        <div className="ab-center-page">
          <div className="ab-card-page is-error" role="alert">
            <p>{r.text}</p>
            <a className="ab-button" href="/">
              All boards
            </a>
          </div>
        </div>
      )}
      <Toasts />
    </>
  );
}
