import { memo, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import {
  ClipboardCopy,
  Download,
  FileImage,
  FileJson,
  FileText,
  GitBranch,
  Grid3x3,
  HelpCircle,
  Image,
  LayoutGrid,
  Lock,
  Map as MapIcon,
  Moon,
  MoreHorizontal,
  Printer,
  Redo2,
  Sun,
  Undo2,
  Upload,
} from 'lucide-react';
import { IMPORT_ACCEPT, importLockedText } from '../export/import-board';
import { useLocks } from '../board/useBoardState';
import { useSolo } from '../board/useSolo';
import { useBoard } from '../board/board-context';
import { useSession } from '../common/session-store';
import type { BoardCommands } from '../board/useBoardCommands';
import type { Editor } from '../../sync/editor';
import { useBoardSelector } from '../board/useBoardStore';
import { MAX_LABEL_CHARS } from '../../limits';
import { CharCount, useCharLimit } from '../common/CharCount';
import { Menu, MenuItem } from './Menu';
import { TrafficControls, TrafficMenuItems } from '../lint/TrafficControls';

/** Whether there is something to undo and redo, following this person's history. */
function useUndoState(editor: Editor) {
  const [state, setState] = useState(() => editor.undoState());
  useEffect(() => {
    const update = () => setState(editor.undoState());
    update();
    return editor.onUndoStateChange(update);
  }, [editor]);
  return state;
}

/** The board's title, live, editable in place. */
function TitleField() {
  const { editor, readOnly } = useBoard();
  const stored = useBoardSelector((s) => s.title);
  const [title, setShown] = useState(stored ?? '');
  const [focused, setFocused] = useState(false);
  // Others' edits show unless this person is typing in the field.
  useEffect(() => {
    if (!focused) setShown(stored ?? '');
  }, [focused, stored]);
  const limit = useCharLimit(title.length, MAX_LABEL_CHARS);
  return (
    <span className="ab-title-field">
      <input
        className="ab-title"
        aria-label="Board title"
        value={title}
        placeholder="Untitled board"
        maxLength={MAX_LABEL_CHARS}
        readOnly={readOnly}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onPaste={limit.onPaste}
        onChange={(e) => {
          setShown(e.target.value);
          editor.setTitle(e.target.value);
        }}
        onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
      />
      {!readOnly && <CharCount length={title.length} max={MAX_LABEL_CHARS} active={focused} cut={limit.cut} floating />}
    </span>
  );
}

interface ToolbarProps {
  commands: BoardCommands;
  /** Extra items in the middle (timer) and on the right (people, status, share). */
  center?: ReactNode;
  right?: ReactNode;
}

/**
 * How many steps of collapsing the toolbar needs to fit its width. Each step
 * moves one more control into the "More" menu (or compacts the title and the
 * timer), so nothing ever overlaps: buttons that do not fit are not drawn on
 * top of each other but listed in the menu.
 */
const COLLAPSE = {
  shortcuts: 1,
  theme: 2,
  minimap: 3,
  snap: 4,
  arrange: 5,
  import: 6,
  traffic: 7,
  compactTitle: 8,
  compactTimer: 9,
  tightTitle: 10,
  tightTimer: 11,
  compactStatus: 12,
  compactButtons: 13,
} as const;
const MAX_COLLAPSE = 13;

/**
 * Whether a section's content spills out of it. Measured by the children's boxes, not
 * scrollWidth: a section aligned to the right spills to the left, where nothing scrolls.
 */
function overflows(el: Element): boolean {
  if (el.scrollWidth > el.clientWidth + 1) return true;
  const box = el.getBoundingClientRect();
  for (const child of el.children) {
    const r = child.getBoundingClientRect();
    if (r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1)) return true;
  }
  return false;
}

function useCollapseLevel(header: React.RefObject<HTMLElement | null>): number {
  const [level, setLevel] = useState(0);
  // One more step while something overflows (React re-renders before paint, so no overlap shows).
  useLayoutEffect(() => {
    const el = header.current;
    if (!el || level >= MAX_COLLAPSE) return;
    if (overflows(el) || [...el.children].some(overflows)) setLevel(level + 1);
  }, [header, level]);
  // When the width or a section's content changes (a person joins, the title grows), measure afresh.
  useEffect(() => {
    const el = header.current;
    if (!el) return;
    let lastWidth = el.clientWidth;
    let first = true;
    const observer = new ResizeObserver(() => {
      if (first) {
        first = false; // the notification every observer gets at once: nothing changed yet
        return;
      }
      const width = el.clientWidth;
      const grew = width > lastWidth;
      lastWidth = width;
      if (grew) setLevel(0);
      else if (overflows(el) || [...el.children].some(overflows)) setLevel((l) => Math.min(MAX_COLLAPSE, l + 1));
    });
    observer.observe(el);
    for (const section of el.children) for (const child of section.children) observer.observe(child);
    return () => observer.disconnect();
  }, [header, level]);
  return level;
}

/** The quiet bar above the board: title, undo, arrange, view toggles, import and export. */
export const Toolbar = memo(function Toolbar({ commands, center, right }: ToolbarProps) {
  const { editor, readOnly, role } = useBoard();
  const { importLocked, holder: lockHolder } = useLocks();
  const { canUndo, canRedo } = useUndoState(editor);
  const theme = useSession((s) => s.theme);
  const snapToGrid = useSession((s) => s.snapToGrid);
  const showMinimap = useSession((s) => s.showMinimap);
  const set = useSession((s) => s.set);
  const fileInput = useRef<HTMLInputElement>(null);
  const header = useRef<HTMLElement>(null);
  const level = useCollapseLevel(header);
  const inline = (at: number) => level < at;
  const compactClass = [
    level >= COLLAPSE.compactTitle ? ' is-compact-title' : '',
    level >= COLLAPSE.compactTimer ? ' is-compact-timer' : '',
    level >= COLLAPSE.tightTitle ? ' is-tight-title' : '',
    level >= COLLAPSE.tightTimer ? ' is-tight-timer' : '',
    level >= COLLAPSE.compactStatus ? ' is-compact-status' : '',
    level >= COLLAPSE.compactButtons ? ' is-compact-buttons' : '',
  ].join('');
  const toggleTheme = () => set({ theme: theme === 'dark' ? 'light' : 'dark' });
  const openFile = () => fileInput.current?.click();
  const overflowed =
    (!inline(COLLAPSE.shortcuts) ? 1 : 0) +
    (!inline(COLLAPSE.theme) ? 1 : 0) +
    (!inline(COLLAPSE.minimap) ? 1 : 0) +
    (!inline(COLLAPSE.snap) ? 1 : 0) +
    (!readOnly && !inline(COLLAPSE.arrange) ? 1 : 0) +
    (!readOnly && !inline(COLLAPSE.import) ? 1 : 0) +
    (!inline(COLLAPSE.traffic) ? 1 : 0);
  return (
    <header className={`ab-toolbar${compactClass}`} ref={header} data-collapse={level}>
      <div className="ab-toolbar__left">
        <a href="/" className="ab-logo" title="All boards">
          <img src="/favicon.svg" alt="" width={22} height={22} />
          <span>Archboard</span>
        </a>
        <TitleField />
        {!readOnly && (
          <div className="ab-toolgroup">
            <button
              type="button"
              className="ab-tool"
              onClick={commands.undo}
              disabled={!canUndo}
              title="Undo your last edit (Ctrl+Z)"
              aria-label="Undo"
            >
              <Undo2 size={17} />
            </button>
            <button
              type="button"
              className="ab-tool"
              onClick={commands.redo}
              disabled={!canRedo}
              title="Redo (Ctrl+Shift+Z)"
              aria-label="Redo"
            >
              <Redo2 size={17} />
            </button>
            {inline(COLLAPSE.arrange) && (
              <button
                type="button"
                className="ab-tool"
                onClick={() => commands.autoLayout()}
                title="Arrange the board, or the selection (Shift+L)"
                aria-label="Arrange"
              >
                <LayoutGrid size={17} />
              </button>
            )}
          </div>
        )}
        {inline(COLLAPSE.traffic) && <TrafficControls />}
        {inline(COLLAPSE.snap) && (
          <div className="ab-toolgroup">
            <button
              type="button"
              className={`ab-tool${snapToGrid ? ' is-on' : ''}`}
              onClick={() => set({ snapToGrid: !snapToGrid })}
              title="Snap to grid (Shift+G)"
              aria-pressed={snapToGrid}
              aria-label="Snap to grid"
            >
              <Grid3x3 size={17} />
            </button>
            {inline(COLLAPSE.minimap) && (
              <button
                type="button"
                className={`ab-tool${showMinimap ? ' is-on' : ''}`}
                onClick={() => set({ showMinimap: !showMinimap })}
                title="Minimap"
                aria-pressed={showMinimap}
                aria-label="Minimap"
              >
                <MapIcon size={17} />
              </button>
            )}
            {inline(COLLAPSE.theme) && (
              <button
                type="button"
                className="ab-tool"
                onClick={toggleTheme}
                title="Light or dark theme (Shift+T)"
                aria-label="Toggle theme"
                data-testid="theme-toggle"
              >
                {theme === 'dark' ? <Sun size={17} /> : <Moon size={17} />}
              </button>
            )}
          </div>
        )}
      </div>
      <div className="ab-toolbar__center">{center}</div>
      <div className="ab-toolbar__right">
        {!readOnly && (
          <input
            ref={fileInput}
            type="file"
            accept={IMPORT_ACCEPT}
            hidden
            data-testid="import-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void commands.importFile(file);
              e.target.value = '';
            }}
          />
        )}
        {!readOnly && inline(COLLAPSE.import) && (
          <button
            type="button"
            className="ab-tool"
            onClick={openFile}
            disabled={importLocked}
            title={importLocked ? importLockedText(lockHolder) : 'Import a board, Mermaid, Excalidraw or draw.io file'}
            aria-label={importLocked ? `Import (locked by ${lockHolder})` : 'Import'}
            data-testid="import"
          >
            {importLocked ? <Lock size={17} /> : <Upload size={17} />}
          </button>
        )}
        <ExportMenu commands={commands} role={role} />
        {inline(COLLAPSE.shortcuts) && (
          <button
            type="button"
            className="ab-tool"
            onClick={() => set({ shortcutsOpen: true })}
            title="Keyboard shortcuts (?)"
            aria-label="Keyboard shortcuts"
          >
            <HelpCircle size={17} />
          </button>
        )}
        {overflowed > 0 && (
          <Menu label={<MoreHorizontal size={17} />} title="More" testId="toolbar-more">
            {(close) => (
              <>
                {!readOnly && !inline(COLLAPSE.arrange) && (
                  <MenuItem
                    onSelect={() => {
                      close();
                      void commands.autoLayout();
                    }}
                  >
                    <LayoutGrid size={15} /> Arrange (Shift+L)
                  </MenuItem>
                )}
                {!readOnly && !inline(COLLAPSE.import) && (
                  <MenuItem
                    onSelect={() => {
                      close();
                      if (!importLocked) openFile();
                    }}
                  >
                    {importLocked ? (
                      <>
                        <Lock size={15} /> Import: locked by {lockHolder}
                      </>
                    ) : (
                      <>
                        <Upload size={15} /> Import a diagram file
                      </>
                    )}
                  </MenuItem>
                )}
                {!inline(COLLAPSE.traffic) && <TrafficMenuItems />}
                {!inline(COLLAPSE.snap) && (
                  <MenuItem onSelect={() => set({ snapToGrid: !snapToGrid })}>
                    <Grid3x3 size={15} /> Snap to grid: {snapToGrid ? 'on' : 'off'}
                  </MenuItem>
                )}
                {!inline(COLLAPSE.minimap) && (
                  <MenuItem onSelect={() => set({ showMinimap: !showMinimap })}>
                    <MapIcon size={15} /> Minimap: {showMinimap ? 'shown' : 'hidden'}
                  </MenuItem>
                )}
                {!inline(COLLAPSE.theme) && (
                  <MenuItem onSelect={toggleTheme} testId="theme-toggle-menu">
                    {theme === 'dark' ? <Sun size={15} /> : <Moon size={15} />}{' '}
                    {theme === 'dark' ? 'Light theme' : 'Dark theme'}
                  </MenuItem>
                )}
                {!inline(COLLAPSE.shortcuts) && (
                  <MenuItem
                    onSelect={() => {
                      close();
                      set({ shortcutsOpen: true });
                    }}
                  >
                    <HelpCircle size={15} /> Keyboard shortcuts (?)
                  </MenuItem>
                )}
              </>
            )}
          </Menu>
        )}
        {right}
      </div>
    </header>
  );
});

/** Every way out of the board: pictures, the board file, Mermaid, the reports. */
function ExportMenu({ commands, role }: { commands: BoardCommands; role: string }) {
  // A solo round's report is the candidate's own: the self-assessment and the reference in one copy.
  const solo = useSolo();
  return (
    <Menu label={<Download size={17} />} title="Export" testId="export-menu">
      {(close) => (
        <>
          <MenuItem
            testId="export-png"
            onSelect={() => {
              close();
              void commands.exportPng();
            }}
          >
            <Image size={15} /> PNG image
          </MenuItem>
          <MenuItem
            testId="export-svg"
            onSelect={() => {
              close();
              void commands.exportSvg();
            }}
          >
            <FileImage size={15} /> SVG image
          </MenuItem>
          <MenuItem
            testId="export-json"
            onSelect={() => {
              close();
              void commands.exportJson();
            }}
          >
            <FileJson size={15} /> Board file (JSON)
          </MenuItem>
          <div className="ab-menu__sep" />
          <MenuItem
            testId="export-mermaid"
            onSelect={() => {
              close();
              void commands.exportMermaid();
            }}
          >
            <GitBranch size={15} /> Mermaid file
          </MenuItem>
          <MenuItem
            testId="copy-mermaid"
            onSelect={() => {
              close();
              void commands.copyMermaid();
            }}
          >
            <ClipboardCopy size={15} /> Copy Mermaid text
          </MenuItem>
          <div className="ab-menu__sep" />
          {solo ? (
            <>
              <MenuItem
                testId="export-report"
                onSelect={() => {
                  close();
                  void commands.exportReport('solo', 'markdown');
                }}
              >
                <FileText size={15} /> Report with self-assessment (Markdown and diagram, zip)
              </MenuItem>
              <MenuItem
                testId="print-report"
                onSelect={() => {
                  close();
                  void commands.exportReport('solo', 'print');
                }}
              >
                <Printer size={15} /> Printable report with self-assessment
              </MenuItem>
            </>
          ) : (
            <>
              <MenuItem
                testId="export-report"
                onSelect={() => {
                  close();
                  void commands.exportReport('candidate', 'markdown');
                }}
              >
                <FileText size={15} /> Report (Markdown and diagram, zip)
                {role === 'interviewer' ? ', candidate’s copy' : ''}
              </MenuItem>
              <MenuItem
                testId="print-report"
                onSelect={() => {
                  close();
                  void commands.exportReport('candidate', 'print');
                }}
              >
                <Printer size={15} /> Printable report{role === 'interviewer' ? ', candidate’s copy' : ''}
              </MenuItem>
            </>
          )}
          {role === 'interviewer' && !solo && (
            <>
              <MenuItem
                testId="export-report-interviewer"
                onSelect={() => {
                  close();
                  void commands.exportReport('interviewer', 'markdown');
                }}
              >
                <Lock size={15} /> Report with scorecard (Markdown and diagram, zip)
              </MenuItem>
              <MenuItem
                testId="print-report-interviewer"
                onSelect={() => {
                  close();
                  void commands.exportReport('interviewer', 'print');
                }}
              >
                <Lock size={15} /> Printable report with scorecard
              </MenuItem>
            </>
          )}
        </>
      )}
    </Menu>
  );
}
