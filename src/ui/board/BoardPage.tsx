import { useEffect, useMemo, useState } from 'react';
import { useScreen } from '../common/useScreen';
import { ReactFlowProvider } from '@xyflow/react';
import { BoardAccessError, fetchBoardAccess, SyncedDoc } from '../../sync/connection';
import { PresenceSender } from '../../sync/presence';
import { createUndoManager } from '../../sync/undo';
import { BoardStore } from '../../sync/board-store';
import { ControlWriter } from '../../sync/control';
import { Editor } from '../../sync/editor';
import { createPrivateUndoManager } from '../../sync/private-doc';
import { ControlStore, Drills } from '../../sync/control';
import { useSession } from '../common/session-store';
import { BoardContext, type BoardRuntime } from './board-context';
import { BoardEditor } from './BoardEditor';
import { NameDialog } from './NameDialog';
import { rememberBoard, storedToken } from './recent-boards';

type LoadState =
  | { phase: 'loading'; message: string }
  | { phase: 'error'; message: string }
  | { phase: 'ready'; runtime: BoardRuntime };

function tokenFromHash(): string | undefined {
  const params = new URLSearchParams(location.hash.slice(1));
  return params.get('token') ?? undefined;
}

/** Opens board `id`: checks the link, loads the doc (IndexedDB first, then the server), then shows the editor. */
export function BoardPage({ id }: { id: string }) {
  const [state, setState] = useState<LoadState>({ phase: 'loading', message: 'Opening the board…' });
  const userName = useSession((s) => s.userName);
  const screen = useScreen();
  // A phone opens the board to follow and view: nothing there is fit for editing.
  const runtime = state.phase === 'ready' ? state.runtime : null;
  const shown = useMemo(
    () => (runtime && screen === 'phone' ? { ...runtime, readOnly: true } : runtime),
    [runtime, screen],
  );

  useEffect(() => {
    let cancelled = false;
    let cleanup = () => {};
    const token = tokenFromHash() ?? storedToken(id);
    if (!token) {
      setState({
        phase: 'error',
        message: 'This link has no access token. Open the full link you were given (it ends in #token=…).',
      });
      return;
    }
    if (!tokenFromHash()) history.replaceState(null, '', `/b/${id}#token=${token}`);
    void (async () => {
      // The role lookup and the doc load go in parallel: each costs a round trip.
      const synced = new SyncedDoc(id, token);
      const presence = new PresenceSender(synced.awareness);
      let privateSynced: SyncedDoc | null = null;
      // Everyone reads the control document (only interviewers' writes reach it).
      const controlSynced = new SyncedDoc(`${id}/control`, token);
      const controlStore = new ControlStore(controlSynced.doc);
      let store: BoardStore | null = null;
      let destroyed = false;
      // Until the board opens, the page says why the server keeps it waiting (board full, storage failing...).
      let stopWatching = synced.onStatus(() => {
        const problem = synced.problem;
        if (!cancelled && problem) setState({ phase: problem.final ? 'error' : 'loading', message: problem.text });
      });
      cleanup = () => {
        if (destroyed) return;
        destroyed = true;
        stopWatching();
        store?.destroy();
        presence.destroy();
        synced.destroy();
        privateSynced?.destroy();
        controlStore.destroy();
        controlSynced.destroy();
      };
      try {
        const access = await fetchBoardAccess(id, token);
        if (cancelled) return;
        // Only interviewers open the private document; the server refuses everyone else.
        if (access.role === 'interviewer') privateSynced = new SyncedDoc(`${id}/private`, token);
        const slow = setTimeout(
          () =>
            !cancelled &&
            !synced.problem &&
            setState({ phase: 'loading', message: 'Waiting for the server… the board opens as soon as it answers.' }),
          3_000,
        );
        await synced.whenLoaded();
        clearTimeout(slow);
        stopWatching();
        stopWatching = () => {};
        if (cancelled) return;
        const undo = createUndoManager(synced.doc);
        const boardStore = new BoardStore(synced.doc, undefined, controlSynced.doc);
        store = boardStore;
        const remember = () =>
          rememberBoard({ id, token, role: access.role, title: boardStore.getState().title ?? 'Untitled board' });
        remember();
        boardStore.subscribe((next, prev) => next.title !== prev.title && remember());
        const readOnly = access.role === 'observer';
        const privateDoc = privateSynced
          ? { synced: privateSynced, undo: createPrivateUndoManager(privateSynced.doc) }
          : null;
        const runtime: BoardRuntime = {
          id,
          token,
          access,
          role: access.role,
          readOnly,
          synced,
          store: boardStore,
          editor: new Editor(synced.doc, boardStore, undo, synced.awareness, readOnly, {
            role: access.role,
            controls:
              access.role === 'interviewer'
                ? new ControlWriter(controlSynced.doc, () => useSession.getState().userName || 'the interviewer')
                : null,
          }),
          presence,
          privateDoc,
          control: {
            synced: controlSynced,
            store: controlStore,
            drills: new Drills(
              controlSynced.doc,
              access.role === 'interviewer',
              () => useSession.getState().userName || 'The interviewer',
            ),
          },
        };
        setState({ phase: 'ready', runtime });
      } catch (err) {
        cleanup();
        if (!cancelled)
          setState({
            phase: 'error',
            message:
              err instanceof BoardAccessError
                ? err.message
                : `The board could not be opened: ${(err as Error).message}`,
          });
      }
    })();
    return () => {
      cancelled = true;
      cleanup();
    };
  }, [id]);

  if (state.phase !== 'ready') {
    return (
      <div className="ab-center-page">
        <div
          className={`ab-card-page${state.phase === 'error' ? ' is-error' : ''}`}
          role={state.phase === 'error' ? 'alert' : 'status'}
        >
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <p>{state.message}</p>
          {state.phase === 'error' && (
            <a className="ab-button" href="/">
              All boards
            </a>
          )}
        </div>
      </div>
    );
  }
  return (
    <BoardContext.Provider value={shown ?? state.runtime}>
      <ReactFlowProvider>
        <BoardEditor />
      </ReactFlowProvider>
      {!userName && <NameDialog />}
    </BoardContext.Provider>
  );
}
