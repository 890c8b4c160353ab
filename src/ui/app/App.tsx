import { useEffect } from 'react';
import { useSession } from '../common/session-store';
import { Toasts } from '../common/Toasts';
import { HomePage } from '../home/HomePage';
import { BoardPage } from '../board/BoardPage';

/** `/` is the home page and `/b/<id>` a board; anything else is a friendly 404. */
function route(pathname: string): { page: 'home' } | { page: 'board'; id: string } | { page: 'missing' } {
  if (pathname === '/' || pathname === '') return { page: 'home' };
  const m = /^\/b\/([A-Za-z0-9_-]{6,64})\/?$/.exec(pathname);
  return m ? { page: 'board', id: m[1]! } : { page: 'missing' };
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
          <div className="ab-card-page">
            <p>There is no page at {location.pathname}.</p>
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
