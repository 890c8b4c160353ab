import { useEffect, useMemo, useState } from 'react';
import { GraduationCap, Search } from 'lucide-react';
import { showError } from '../common/toast-store';

interface TemplateSummary {
  id: string;
  title: string;
  difficulty: 'easy' | 'medium' | 'hard';
  summary: string;
  prompt?: string;
}

const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;

/**
 * The classic problems: search, filter by difficulty, start a board from one,
 * for an interview or for solo practice (the board plays the interviewer).
 */
export function TemplateGallery({ create }: { create: (body: { template: string; mode?: 'solo' }) => Promise<void> }) {
  const [templates, setTemplates] = useState<TemplateSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [difficulty, setDifficulty] = useState<(typeof DIFFICULTIES)[number] | 'all'>('all');
  const [starting, setStarting] = useState<string | null>(null);

  useEffect(() => {
    fetch('/api/templates')
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`the server answered ${r.status}`))))
      .then((list: TemplateSummary[]) => setTemplates(list))
      .catch((err: Error) => setError(err.message));
  }, []);

  const shown = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return (templates ?? []).filter((t) => {
      if (difficulty !== 'all' && t.difficulty !== difficulty) return false;
      const text = `${t.title} ${t.summary} ${t.prompt ?? ''}`.toLowerCase();
      return words.every((w) => text.includes(w));
    });
  }, [difficulty, query, templates]);

  const start = async (id: string, solo = false) => {
    setStarting(solo ? `solo:${id}` : id);
    try {
      await create(solo ? { template: id, mode: 'solo' } : { template: id });
    } catch (err) {
      showError((err as Error).message);
    }
    setStarting(null);
  };

  return (
    <section className="ab-home__section" aria-label="Templates" id="templates">
      <div className="ab-gallery__head">
        <h2>Start from a classic problem</h2>
        <div className="ab-gallery__filters">
          <label className="ab-gallery__search">
            <Search size={15} aria-hidden />
            <input
              type="search"
              placeholder="Search problems"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              aria-label="Search templates"
              data-testid="template-search"
            />
          </label>
          <div className="ab-segmented" role="radiogroup" aria-label="Difficulty">
            {(['all', ...DIFFICULTIES] as const).map((d) => (
              <button
                key={d}
                type="button"
                role="radio"
                aria-checked={difficulty === d}
                className={difficulty === d ? 'is-on' : ''}
                onClick={() => setDifficulty(d)}
              >
                {d === 'all' ? 'All' : d[0]!.toUpperCase() + d.slice(1)}
              </button>
            ))}
          </div>
        </div>
      </div>
      {error && <p className="ab-error-text">The templates could not be loaded: {error}.</p>}
      {!templates && !error && <p className="ab-muted">Loading the templates…</p>}
      {templates && shown.length === 0 && <p className="ab-muted">No template matches.</p>}
      <ul className="ab-gallery" data-testid="template-gallery">
        {shown.map((t) => (
          <li key={t.id} className="ab-gallery__card" data-template={t.id}>
            <div className="ab-gallery__title">
              <h3>{t.title}</h3>
              <span className={`ab-difficulty ab-difficulty--${t.difficulty}`}>{t.difficulty}</span>
            </div>
            <p className="ab-muted">{t.summary}</p>
            <div className="ab-gallery__actions">
              <button
                type="button"
                className="ab-button"
                onClick={() => void start(t.id)}
                disabled={starting !== null}
                data-testid={`use-template-${t.id}`}
              >
                {starting === t.id ? 'Creating…' : 'New board from template'}
              </button>
              <button
                type="button"
                className="ab-button"
                onClick={() => void start(t.id, true)}
                disabled={starting !== null}
                title="Alone: the board plays the interviewer, answers your questions and runs the clock"
                data-testid={`practise-template-${t.id}`}
              >
                <GraduationCap size={15} /> {starting === `solo:${t.id}` ? 'Creating…' : 'Practise alone'}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
