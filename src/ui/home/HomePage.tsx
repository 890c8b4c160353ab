import { useState } from 'react';
import { GraduationCap, Moon, Plus, Sun, Trash2 } from 'lucide-react';
import { useSession } from '../common/session-store';
import { forgetBoard, recentBoards, type RecentBoard } from '../board/recent-boards';
import { createBoard, CreateTokenRequiredError } from './create-board';
import { CreateTokenForm } from './CreateTokenForm';
import { showError } from '../common/toast-store';
import { TemplateGallery } from './TemplateGallery';

type NewBoardRequest = Parameters<typeof createBoard>[0];

const ROLE_LABEL = { interviewer: 'Interviewer', candidate: 'Candidate', observer: 'Observer' } as const;

function when(ms: number): string {
  const d = new Date(ms);
  const today = new Date();
  return d.toDateString() === today.toDateString()
    ? `today ${d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`
    : d.toLocaleDateString();
}

/** The start page: a new board, and the boards opened here before. */
export function HomePage() {
  const theme = useSession((s) => s.theme);
  const set = useSession((s) => s.set);
  const [recent, setRecent] = useState<RecentBoard[]>(() => recentBoards());
  const [creating, setCreating] = useState(false);
  const [tokenAsked, setTokenAsked] = useState<{ body: NewBoardRequest; message: string } | null>(null);

  /** Creates a board and opens it; a server that wants a creation token gets the form instead. */
  const create = async (body: NewBoardRequest): Promise<void> => {
    try {
      location.assign(await createBoard(body));
    } catch (err) {
      if (!(err instanceof CreateTokenRequiredError)) throw err;
      setTokenAsked({ body, message: err.message });
    }
  };

  const newBoard = async () => {
    setCreating(true);
    try {
      await create({});
    } catch (err) {
      showError((err as Error).message);
    }
    setCreating(false);
  };

  return (
    <div className="ab-home">
      <header className="ab-home__header">
        <span className="ab-logo">
          <img src="/favicon.svg" alt="" width={26} height={26} />
          <span>Archboard</span>
        </span>
        <button
          type="button"
          className="ab-tool"
          onClick={() => set({ theme: theme === 'dark' ? 'light' : 'dark' })}
          aria-label="Toggle theme"
        >
          {theme === 'dark' ? <Sun size={17} /> : <Moon size={17} />}
        </button>
      </header>
      <main className="ab-home__main">
        <section className="ab-home__hero">
          <h1>System design interviews, on one live board</h1>
          <p className="ab-muted">
            Draw the design from building blocks, write down the requirements and the numbers, and let the linter point
            at what is missing.
          </p>
          <button
            type="button"
            className="ab-button ab-button--primary ab-button--large"
            onClick={() => void newBoard()}
            disabled={creating}
            data-testid="new-board"
          >
            <Plus size={18} /> New board
          </button>
          <div className="ab-home__solo" data-testid="practise-alone">
            <button
              type="button"
              className="ab-button ab-button--large"
              onClick={() => document.getElementById('templates')?.scrollIntoView({ behavior: 'smooth' })}
            >
              <GraduationCap size={18} /> Practise alone
            </button>
            <p className="ab-muted">
              No interviewer at hand? Pick a problem below and choose “Practise alone”: the board answers the questions
              you click, runs the 8-step clock, asks the follow-ups at the evaluation step, and ends with the reference
              design and a self-assessment in the report.
            </p>
          </div>
          {tokenAsked && (
            <CreateTokenForm
              message={tokenAsked.message}
              onSubmit={() => {
                const { body } = tokenAsked;
                setTokenAsked(null);
                create(body).catch((err: Error) => showError(err.message));
              }}
            />
          )}
        </section>
        <TemplateGallery create={create} />
        <section className="ab-home__section">
          <h2>Your boards</h2>
          {recent.length === 0 ? (
            <p className="ab-muted">Boards you open appear here.</p>
          ) : (
            <ul className="ab-recent" data-testid="recent-boards">
              {recent.map((b) => (
                <li key={`${b.id}-${b.role}`}>
                  <a href={`/b/${b.id}#token=${b.token}`} className="ab-recent__link">
                    <span className="ab-recent__title">{b.title || 'Untitled board'}</span>
                    <span className="ab-muted">
                      {ROLE_LABEL[b.role]} · opened {when(b.openedAt)}
                    </span>
                  </a>
                  <button
                    type="button"
                    className="ab-icon-button"
                    title="Remove from this list"
                    aria-label={`Remove ${b.title} from this list`}
                    onClick={() => {
                      forgetBoard(b.id);
                      setRecent(recentBoards());
                    }}
                  >
                    <Trash2 size={15} />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>
    </div>
  );
}
