import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import {
  GraduationCap,
  History,
  ListChecks,
  Lock,
  MessageSquare,
  NotebookPen,
  PanelLeftClose,
  PanelLeftOpen,
  PanelRightClose,
  PanelRightOpen,
  Share2,
  ShieldCheck,
  SlidersHorizontal,
} from 'lucide-react';
import { blockName, CARD_SIZE, hasRole } from '../../board/catalog';
import type { BoardNode } from '../../sync/flow-binding';
import { useFlowBinding } from '../canvas/useFlowBinding';
import { useBoardSelector } from './useBoardStore';
import { ErrorBoundary } from '../common/ErrorBoundary';
import { Canvas, useDropTarget } from '../canvas/Canvas';
import { Palette } from '../palette/Palette';
import { PropertiesPanel } from '../panels/PropertiesPanel';
import { Toolbar } from '../toolbar/Toolbar';
import { ShortcutsSheet } from '../shortcuts/ShortcutsSheet';
import { useSession } from '../common/session-store';
import { useBoard } from './board-context';
import { useBoardCommands } from './useBoardCommands';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import { usePresenceSync } from './usePresenceSync';
import { useFollow } from './useFollow';
import { People } from './People';
import { ConnectionBadge } from './ConnectionBadge';
import { ShareDialog } from './ShareDialog';
import { RequirementsPanel } from '../panels/RequirementsPanel';
import { FindingsPanel } from '../panels/FindingsPanel';
import { useLint } from '../lint/lint-store';
import { useLintRunner } from '../lint/useLintRunner';
import { useDrillRunner } from '../lint/drill-store';
import { DrillPanel } from '../lint/DrillPanel';
import { useFindingsVisible } from './useBoardState';
import { NotesPanel } from '../panels/NotesPanel';
import { InterviewerPanel } from '../panels/InterviewerPanel';
import { PracticePanel } from '../panels/PracticePanel';
import { SoloReview } from '../interview/SoloReview';
import { useSolo, useSoloRound } from './useSolo';
import { CheckpointBanner, TimerBar } from '../interview/TimerBar';
import { NextRoundNotice } from '../interview/PeerRounds';
import { useScreen } from '../common/useScreen';
import { CompareDialog } from '../interview/CompareDialog';
import { useTemplate } from '../interview/useTemplate';
import { useServerClockSync } from '../interview/useServerClock';
import { ReplayView } from '../replay/ReplayView';
import { replayMomentFromHash, useReplay } from '../replay/replay-store';
import { CommentsPanel } from '../comments/CommentsPanel';
import { useCommentUi } from '../comments/comment-store';
import { PrivateCommentsFeed, useMentionNotices } from '../comments/useComments';
import { SideTabs, type SideTabInfo } from './SideTabs';

/** The side panel's tabs; `for` keeps one to an interview's interviewer or to a solo round. */
const TABS: (SideTabInfo & { for?: 'interviewer' | 'solo' })[] = [
  { id: 'practice', label: 'Practice', Icon: GraduationCap, for: 'solo' },
  { id: 'properties', label: 'Properties', Icon: SlidersHorizontal },
  { id: 'requirements', label: 'Requirements', Icon: ListChecks },
  { id: 'findings', label: 'Findings', Icon: ShieldCheck },
  { id: 'notes', label: 'Notes', Icon: NotebookPen },
  { id: 'comments', label: 'Comments', Icon: MessageSquare },
  { id: 'interviewer', label: 'Interviewer', Icon: Lock, for: 'interviewer' },
];

/** The findings count on the tab, by worst severity; nothing when findings are hidden. */
function FindingsCount() {
  const findings = useLint((s) => s.findings);
  const visible = useLint((s) => s.visible);
  if (!visible || findings.length === 0) return null;
  const worst = findings[0]!.severity;
  return <span className={`ab-tab__count ab-tab__count--${worst}`}>{findings.length}</span>;
}

/** The open comment threads on the tab. */
function CommentsCount() {
  const open = useBoardSelector((s) => s.comments.filter((t) => !t.resolved).length);
  const privateOpen = useCommentUi((s) => s.privateThreads.filter((t) => !t.resolved).length);
  const count = open + privateOpen;
  return count > 0 ? (
    <span className="ab-tab__count ab-tab__count--comments" data-testid="comments-count">
      {count}
    </span>
  ) : null;
}

/** An open board: toolbar, palette, canvas and the side panel, inside React Flow's provider. */
export function BoardEditor() {
  const { readOnly, role } = useBoard();
  const { getInternalNode } = useReactFlow<BoardNode>();
  const dropTarget = useDropTarget();
  const resolveDrop = useCallback(
    (id: string) => {
      const internal = getInternalNode(id);
      // Frames are not dropped into other frames.
      if (!internal || hasRole(internal.data.block.kind, 'frame')) return undefined;
      const size = {
        width: internal.measured.width ?? CARD_SIZE.width,
        height: internal.measured.height ?? CARD_SIZE.height,
      };
      return dropTarget(internal.internals.positionAbsolute, size, id);
    },
    [dropTarget, getInternalNode],
  );
  const screen = useScreen();
  const flow = useFlowBinding(resolveDrop);
  const { binding } = flow;
  const commands = useBoardCommands(binding);
  const replayOpen = useReplay((s) => s.openAt !== null);
  useKeyboardShortcuts(commands, !replayOpen);
  usePresenceSync(flow.selectedIds);
  useFollow(screen === 'phone');
  useLintRunner();
  useDrillRunner();
  useServerClockSync();
  useMentionNotices();
  const findingsVisible = useFindingsVisible();
  // Braces: an effect must return nothing or a cleanup (setVisible may return false, which React would call).
  useEffect(() => {
    useLint.getState().setVisible(findingsVisible);
  }, [findingsVisible]);

  const session = useSession();
  // A link from the report (`#token=…&replay=<ms>`) opens the replay at that moment.
  useEffect(() => {
    const moment = replayMomentFromHash(location.hash);
    if (moment !== undefined) useReplay.getState().open(moment, 'evidence');
    return () => useReplay.getState().close();
  }, []);
  const [sharing, setSharing] = useState(false);
  const [comparing, setComparing] = useState(false);
  const title = useBoardSelector((s) => s.title);
  useEffect(() => {
    document.title = title ? `${title} · Archboard` : 'Archboard';
    return () => {
      document.title = 'Archboard';
    };
  }, [title]);
  const templateId = useBoardSelector((s) => s.templateId);
  const template = useTemplate(role === 'interviewer' ? templateId : undefined);
  // Solo practice: the interviewer's tab (every answer, the reference) gives way to the practice tab.
  const solo = useSolo();
  const round = useSoloRound(solo);
  const tabs = TABS.filter((t) =>
    t.for === 'solo' ? solo : t.for === 'interviewer' ? role === 'interviewer' && !solo : true,
  );
  const sideTab = tabs.some((t) => t.id === session.sideTab) ? session.sideTab : 'properties';

  const selection = useMemo(() => {
    const ids = new Set(flow.selectedIds);
    return {
      blocks: flow.nodes.filter((n) => ids.has(n.id)).map((n) => n.data.block),
      links: flow.edges.filter((e) => ids.has(e.id) && e.data).map((e) => e.data!.link),
    };
  }, [flow.edges, flow.nodes, flow.selectedIds]);

  // Read through a ref: a callback that changed on every drag frame would re-render the panels that take it.
  const nodesRef = useRef(flow.nodes);
  nodesRef.current = flow.nodes;
  const blockLabel = useCallback((id: string) => {
    const block = nodesRef.current.find((n) => n.id === id)?.data.block;
    return block ? blockName(block) : id;
  }, []);
  const { selectOnly } = binding;
  const onPaletteAdd = useCallback((id: string) => selectOnly([id]), [selectOnly]);
  // Stable toolbar slots, so the memoized toolbar skips the drag frames.
  const toolbarCenter = useMemo(() => <TimerBar />, []);
  const toolbarRight = useMemo(
    () => (
      <>
        <People />
        <ConnectionBadge />
        <button
          type="button"
          className="ab-button"
          onClick={() => useReplay.getState().open()}
          title="Replay the board's history, name versions, restore a moment"
          aria-label="Replay"
          data-testid="replay-button"
        >
          <History size={15} /> <span className="ab-button__label">Replay</span>
        </button>
        <button
          type="button"
          className="ab-button ab-button--primary"
          onClick={() => setSharing(true)}
          data-testid="share-button"
          aria-label="Share"
        >
          <Share2 size={15} /> <span className="ab-button__label">Share</span>
        </button>
      </>
    ),
    [],
  );

  // On a desktop the panels are columns remembered open or closed; on a tablet they are
  // drawers over the canvas, one at a time, closed when the board opens; a phone shows no panels.
  const drawers = screen !== 'desktop';
  const paletteShown =
    !readOnly && screen !== 'phone' && (drawers ? session.drawer === 'palette' : session.paletteOpen);
  const sideShown = screen !== 'phone' && (drawers ? session.drawer === 'side' : session.sidePanelOpen);
  const togglePalette = () =>
    drawers
      ? session.set({ drawer: session.drawer === 'palette' ? null : 'palette' })
      : session.set({ paletteOpen: !session.paletteOpen });
  const toggleSide = () =>
    drawers
      ? session.set({ drawer: session.drawer === 'side' ? null : 'side' })
      : session.set({ sidePanelOpen: !session.sidePanelOpen });

  return (
    <div
      className={`ab-editor is-${screen}${paletteShown && !drawers ? '' : ' no-palette'}${sideShown && !drawers ? '' : ' no-side'}`}
    >
      <Toolbar commands={commands} center={toolbarCenter} right={toolbarRight} />
      <PrivateCommentsFeed />
      {paletteShown && <Palette onAdded={onPaletteAdd} />}
      <main className="ab-main">
        <ErrorBoundary part="The canvas">
          <Canvas flow={flow} />
        </ErrorBoundary>
        <CheckpointBanner />
        <NextRoundNotice />
        <ErrorBoundary part="The failure drill">
          <DrillPanel />
        </ErrorBoundary>
        {screen !== 'phone' && (
          <div className="ab-panel-toggles">
            {!readOnly && (
              <button
                type="button"
                className="ab-tool ab-tool--floating ab-tool--left"
                onClick={togglePalette}
                title={paletteShown ? 'Hide the palette' : 'Show the palette'}
                aria-label="Toggle palette"
              >
                {paletteShown ? <PanelLeftClose size={16} /> : <PanelLeftOpen size={16} />}
              </button>
            )}
            <button
              type="button"
              className="ab-tool ab-tool--floating ab-tool--right"
              onClick={toggleSide}
              title={sideShown ? 'Hide the side panel' : 'Show the side panel'}
              aria-label="Toggle side panel"
            >
              {sideShown ? <PanelRightClose size={16} /> : <PanelRightOpen size={16} />}
            </button>
          </div>
        )}
      </main>
      {sideShown && (
        <aside className="ab-side" aria-label="Side panel">
          <SideTabs
            tabs={tabs}
            active={sideTab}
            onSelect={(id) => session.set({ sideTab: id })}
            badge={(id) => (id === 'findings' ? <FindingsCount /> : id === 'comments' ? <CommentsCount /> : null)}
          />
          <div className="ab-side__body">
            <ErrorBoundary key={sideTab} part="This panel">
              {sideTab === 'requirements' && <RequirementsPanel />}
              {sideTab === 'findings' && <FindingsPanel blockLabel={blockLabel} focusBlocks={commands.focusBlocks} />}
              {sideTab === 'notes' && <NotesPanel />}
              {sideTab === 'practice' && <PracticePanel template={template} onReview={round.review} />}
              {sideTab === 'comments' && <CommentsPanel focusBlocks={commands.focusBlocks} />}
              {sideTab === 'interviewer' && (
                <InterviewerPanel onCompare={() => setComparing(true)} selectedBlocks={selection.blocks} />
              )}
              {sideTab === 'properties' && (
                <PropertiesPanel
                  blocks={selection.blocks}
                  links={selection.links}
                  blockLabel={blockLabel}
                  onDelete={commands.deleteSelection}
                  onLayoutSelection={() => commands.autoLayout(true)}
                  arrange={commands}
                />
              )}
            </ErrorBoundary>
          </div>
        </aside>
      )}
      {session.shortcutsOpen && <ShortcutsSheet onClose={() => session.set({ shortcutsOpen: false })} />}
      {sharing && <ShareDialog onClose={() => setSharing(false)} />}
      {replayOpen && <ReplayView />}
      {solo && round.reviewing && template.status === 'ready' && (
        <SoloReview
          template={template.board}
          onReport={(format) => void commands.exportReport('solo', format)}
          onClose={round.closeReview}
        />
      )}
      {comparing && template.status === 'ready' && (
        <CompareDialog reference={template.board.template.reference} onClose={() => setComparing(false)} />
      )}
    </div>
  );
}
