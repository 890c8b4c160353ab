/**
 * The replay: the board as it was at any moment of its history, for everyone
 * on the board (the private document's history only for the interviewer).
 * It reads the history once, shows its own local doc (ReplayDoc) through the
 * usual canvas and panels, read-only, and never writes to the live board
 * except through the explicit "Restore this moment".
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { Copy, History, Palette as PaletteIcon, RotateCcw, X } from 'lucide-react';
import { blockName } from '../../board/catalog';
import { lint } from '../../lint';
import { estimate } from '../../estimate';
import { privateNotesOf } from '../../sync/private-doc';
import { fetchHistory } from '../../sync/history-client';
import { findingMarks, ReplayHistory, type FindingMark } from '../../sync/replay-history';
import { ReplayDoc } from '../../sync/replay-doc';
import { addPin, pinsOf, readPins, removePin, type EvidencePin } from '../../sync/history-actions';
import { useFlowBinding } from '../canvas/useFlowBinding';
import { useBoard, BoardContext, type BoardRuntime } from '../board/board-context';
import { Canvas } from '../canvas/Canvas';
import { DrillShown } from '../lint/drill-store';
import { RequirementsPanel } from '../panels/RequirementsPanel';
import { NotesPanel } from '../panels/NotesPanel';
import { useLint } from '../lint/lint-store';
import { useObserved } from '../common/useObserved';
import { showError, showInfo } from '../common/toast-store';
import { USER_COLORS } from '../common/session-store';
import { useReplay, type ReplayTab } from './replay-store';
import { ReplayTimeline, type Speed } from './ReplayTimeline';
import { momentLabel } from './moment';
import { copyAsNewBoard } from './copy-board';
import { VersionsPanel } from './VersionsPanel';
import { EvidencePanel } from './EvidencePanel';
import { TimelapseButton } from './TimelapseButton';

type Loaded =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; board: ReplayHistory; private: ReplayHistory | null };

const TABS: { id: ReplayTab; label: string; interviewerOnly?: boolean }[] = [
  { id: 'findings', label: 'Findings' },
  { id: 'requirements', label: 'Requirements' },
  { id: 'notes', label: 'Notes' },
  { id: 'versions', label: 'Versions' },
  { id: 'evidence', label: 'Evidence', interviewerOnly: true },
];

/** The canvas of the replay: the usual canvas on the replay's doc, with the "who drew this" tint. */
function ReplayCanvas({ onSelection }: { onSelection: (ids: string[]) => void }) {
  const flow = useFlowBinding(undefined);
  useEffect(() => onSelection(flow.selectedIds), [flow.selectedIds, onSelection]);
  return (
    <DrillShown.Provider value={false}>
      <Canvas flow={flow} />
    </DrillShown.Provider>
  );
}

/** Colors per author, and the style rules that outline each block in its author's color. */
function useAuthorTint(history: ReplayHistory, enabled: boolean) {
  const colors = useMemo(
    () => history.authors.map((author, i) => ({ author, color: USER_COLORS[i % USER_COLORS.length]! })),
    [history],
  );
  const css = useMemo(() => {
    if (!enabled) return '';
    const colorOf = new Map(colors.map(({ author, color }) => [`${author.role}\n${author.name}`, color]));
    const rules: string[] = [];
    for (const [id, author] of history.blockAuthors) {
      const color = author ? colorOf.get(`${author.role}\n${author.name}`) : '#94a3b8';
      rules.push(
        `.ab-replay .react-flow__node[data-id="${CSS.escape(id)}"] { box-shadow: 0 0 0 3px ${color}; border-radius: 10px; }`,
      );
    }
    return rules.join('\n');
  }, [colors, enabled, history]);
  return { colors, css };
}

export function ReplayView() {
  const live = useBoard();
  const openAt = useReplay((s) => s.openAt);
  const initialTab = useReplay((s) => s.tab);
  const close = useReplay((s) => s.close);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const isInterviewer = live.role === 'interviewer';
  // The board's own shortcuts are off while the replay is open (BoardEditor); Escape closes it.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => event.key === 'Escape' && close();
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [close]);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const [board, privateEntries] = await Promise.all([
          fetchHistory(live.id, live.token),
          isInterviewer ? fetchHistory(live.id, live.token, 'private') : Promise.resolve(null),
        ]);
        if (cancelled) return;
        if (board.length === 0) throw new Error('This board has no history yet.');
        setLoaded({
          status: 'ready',
          board: new ReplayHistory(board),
          private: privateEntries ? new ReplayHistory(privateEntries) : null,
        });
      } catch (err) {
        if (!cancelled) setLoaded({ status: 'error', message: (err as Error).message });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [isInterviewer, live.id, live.token]);

  return (
    <div className="ab-replay" role="dialog" aria-label="Replay" data-testid="replay">
      {loaded.status === 'ready' ? (
        <ReplayPlayer
          history={loaded.board}
          privateHistory={loaded.private}
          startAt={openAt === 'end' || openAt === null ? loaded.board.end : openAt}
          initialTab={initialTab}
          onClose={close}
        />
      ) : (
        <div className="ab-replay__status" role={loaded.status === 'error' ? 'alert' : 'status'}>
          <p>{loaded.status === 'error' ? loaded.message : 'Reading the board’s history…'}</p>
          <button type="button" className="ab-button" onClick={close}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}

/** The time of the last edit at or before t (before the first edit: just before it). */
function lastEditAt(history: ReplayHistory, t: number): number {
  const count = history.countAt(t);
  return count > 0 ? history.entries[count - 1]!.t : history.start - 1;
}

interface PlayerProps {
  history: ReplayHistory;
  privateHistory: ReplayHistory | null;
  startAt: number;
  initialTab: ReplayTab;
  onClose: () => void;
}

function ReplayPlayer({ history, privateHistory, startAt, initialTab, onClose }: PlayerProps) {
  const live = useBoard();
  const [t, setT] = useState(() => Math.min(history.end, Math.max(history.start, startAt)));
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<Speed>(4);
  const [skipIdle, setSkipIdle] = useState(true);
  const [tint, setTint] = useState(false);
  const [tab, setTab] = useState<ReplayTab>(initialTab);
  const [marks, setMarks] = useState<FindingMark[] | null>(null);
  const [selection, setSelection] = useState<string[]>([]);
  const [replayDoc] = useState(() => new ReplayDoc());
  useEffect(() => () => replayDoc.destroy(), [replayDoc]);
  const origin = history.timeline.chapters[0]?.t ?? history.start;

  // Keyed by the last edit at or before t: playback between edits rebuilds nothing.
  const lastEdit = lastEditAt(history, t);
  const board = useMemo(() => history.boardAt(lastEdit), [history, lastEdit]);
  useLayoutEffect(() => replayDoc.show(board), [board, replayDoc]);
  const findingsVisible = useLint((s) => s.visible);
  const findings = useMemo(() => lint(board, { estimate: estimate(board.requirements) }), [board]);
  const lastPrivateEdit = privateHistory ? lastEditAt(privateHistory, t) : 0;
  const privateNotes = useMemo(() => {
    if (!privateHistory) return null;
    const doc = privateHistory.docAt(lastPrivateEdit);
    const text = privateNotesOf(doc).toString();
    doc.destroy();
    return text;
  }, [privateHistory, lastPrivateEdit]);
  const pins = useObserved<EvidencePin[]>(pinsOf(live.privateDoc?.synced.doc ?? replayDoc.doc), () =>
    live.privateDoc ? readPins(live.privateDoc.synced.doc) : [],
  );

  useEffect(() => {
    let cancelled = false;
    // Once the view is up: first the keyframes (so every seek is fast), then the finding marks,
    // about 400 samples over the history, between every 200 ms and every 5 s.
    const sampleMs = Math.min(5_000, Math.max(200, (history.end - history.start) / 400));
    void (async () => {
      await history.prepareSeeks(undefined, () => cancelled);
      if (cancelled) return;
      const found = await findingMarks(history, (b) => lint(b, { estimate: estimate(b.requirements) }), sampleMs);
      if (!cancelled) setMarks(found);
    })();
    return () => {
      cancelled = true;
    };
  }, [history]);

  // Playback: history time advances `speed` times as fast as the wall clock.
  const tRef = useRef(t);
  tRef.current = t;
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function step(now) {
      let next = tRef.current + (now - last) * speed;
      last = now;
      if (skipIdle) next = history.skipIdle(next);
      if (next >= history.end) {
        setT(history.end);
        setPlaying(false);
        return;
      }
      setT(next);
      frame = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(frame);
  }, [history, playing, skipIdle, speed]);

  const onPlaying = useCallback(
    (play: boolean) => {
      // Play from the start once the end is reached.
      if (play && tRef.current >= history.end) setT(history.start);
      setPlaying(play);
    },
    [history.end, history.start],
  );

  const runtime = useMemo<BoardRuntime>(
    () => ({
      ...live,
      store: replayDoc.store,
      editor: replayDoc.editor,
      presence: replayDoc.presence,
      readOnly: true,
      privateDoc: null,
    }),
    [live, replayDoc],
  );
  const { colors, css } = useAuthorTint(history, tint);

  const restore = (at: number, what: string) => {
    // The discussion is not part of the design's past: a restored moment keeps today's comments.
    const comments = live.store.getState().comments;
    const { comments: _then, ...then } = history.boardAt(at);
    const past = comments.length > 0 ? { ...then, comments } : then;
    if (!live.editor.replaceBoard(past)) {
      showError('Restoring replaces the whole board, and the interviewer keeps that locked for now.');
      return;
    }
    showInfo(`The board is back as it was ${what}. Undo (Ctrl+Z) brings the later state back.`);
    onClose();
  };
  const [copying, setCopying] = useState(false);
  const copy = async () => {
    setCopying(true);
    try {
      const title = `${board.title ?? 'Untitled board'} (at ${momentLabel(t, origin)})`;
      const link = await copyAsNewBoard(board, title);
      window.open(link, '_blank', 'noopener');
      showInfo('The copy opened in a new tab.');
    } catch (err) {
      showError(`The copy could not be made: ${(err as Error).message}`);
    } finally {
      setCopying(false);
    }
  };

  const tabs = TABS.filter((x) => !x.interviewerOnly || live.role === 'interviewer');
  return (
    <>
      <header className="ab-replay__header">
        <h2>
          <History size={17} /> Replay
        </h2>
        <span className="ab-muted" data-testid="replay-moment">
          {momentLabel(t, origin)}
        </span>
        <div className="ab-replay__actions">
          <button
            type="button"
            className={`ab-button${tint ? ' is-active' : ''}`}
            aria-pressed={tint}
            onClick={() => setTint(!tint)}
            data-testid="replay-tint"
          >
            <PaletteIcon size={15} /> Who drew this
          </button>
          <TimelapseButton history={history} origin={origin} title={board.title} />
          <button type="button" className="ab-button" onClick={() => void copy()} disabled={copying}>
            <Copy size={15} /> {copying ? 'Copying…' : 'Copy as a new board'}
          </button>
          {!live.readOnly && (
            <button
              type="button"
              className="ab-button"
              onClick={() => restore(t, `at ${momentLabel(t, origin)}`)}
              data-testid="replay-restore"
            >
              <RotateCcw size={15} /> Restore this moment
            </button>
          )}
          <button type="button" className="ab-icon-button" onClick={onClose} aria-label="Close the replay">
            <X size={16} />
          </button>
        </div>
      </header>
      {tint && (
        <div className="ab-replay__legend" data-testid="replay-legend">
          {colors.map(({ author, color }) => (
            <span key={`${author.role}-${author.name}`}>
              <i style={{ background: color }} /> {author.name || author.role} ({author.role})
            </span>
          ))}
        </div>
      )}
      <style>{css}</style>
      <div className="ab-replay__body">
        <BoardContext.Provider value={runtime}>
          <ReactFlowProvider>
            <main className="ab-replay__canvas">
              <ReplayCanvas onSelection={setSelection} />
            </main>
          </ReactFlowProvider>
          <aside className="ab-side ab-replay__side" aria-label="The board at this moment">
            <nav className="ab-tabs" role="tablist">
              {tabs.map((x) => (
                <button
                  key={x.id}
                  type="button"
                  role="tab"
                  aria-selected={tab === x.id}
                  className={`ab-tab${tab === x.id ? ' is-active' : ''}`}
                  onClick={() => setTab(x.id)}
                >
                  {x.label}
                </button>
              ))}
            </nav>
            <div className="ab-side__body">
              {tab === 'findings' &&
                (findingsVisible ? (
                  <ul className="ab-replay__findings" data-testid="replay-findings">
                    {findings.length === 0 && <li className="ab-muted">No findings at this moment.</li>}
                    {findings.map((f, i) => (
                      <li key={i} className={`ab-replay__finding ab-replay__finding--${f.severity}`}>
                        <strong>{f.severity}</strong> {f.message}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="ab-muted">The interviewer has hidden the findings.</p>
                ))}
              {tab === 'requirements' && <RequirementsPanel />}
              {tab === 'notes' && (
                <>
                  <NotesPanel />
                  {privateNotes !== null && (
                    <section className="ab-replay__private">
                      <h3>Your private notes at this moment</h3>
                      <pre data-testid="replay-private-notes">{privateNotes || '(none yet)'}</pre>
                    </section>
                  )}
                </>
              )}
              {tab === 'versions' && (
                <VersionsPanel live={live} history={history} origin={origin} t={t} onOpen={setT} onRestore={restore} />
              )}
              {tab === 'evidence' && live.privateDoc && (
                <EvidencePanel
                  onPin={(pin) => live.privateDoc && addPin(live.privateDoc.synced.doc, pin)}
                  onRemove={(id) => live.privateDoc && removePin(live.privateDoc.synced.doc, id)}
                  pins={pins}
                  t={t}
                  origin={origin}
                  selection={selection}
                  blockLabel={(id) => {
                    const block = board.blocks.find((b) => b.id === id);
                    return block ? blockName(block) : id;
                  }}
                  onOpen={setT}
                />
              )}
            </div>
          </aside>
        </BoardContext.Provider>
      </div>
      <ReplayTimeline
        history={history}
        t={t}
        origin={origin}
        onSeek={(next) => {
          setT(next);
        }}
        playing={playing}
        onPlaying={onPlaying}
        speed={speed}
        onSpeed={setSpeed}
        skipIdle={skipIdle}
        onSkipIdle={setSkipIdle}
        marks={marks}
        pins={pins}
      />
    </>
  );
}
