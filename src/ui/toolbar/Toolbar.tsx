import { memo, useEffect, useRef, useState, type ReactNode } from 'react';
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
  Printer,
  Redo2,
  Sun,
  Undo2,
  Upload,
} from 'lucide-react';
import { useBoard } from '../board/board-context';
import { useSession } from '../common/session-store';
import type { BoardCommands } from '../board/useBoardCommands';
import type { Editor } from '../../sync/editor';
import { useBoardSelector } from '../board/useBoardStore';
import { MAX_LABEL_CHARS } from '../../limits';
import { Menu, MenuItem } from './Menu';

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
  return (
    <input
      className="ab-title"
      aria-label="Board title"
      value={title}
      placeholder="Untitled board"
      maxLength={MAX_LABEL_CHARS}
      readOnly={readOnly}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      onChange={(e) => {
        setShown(e.target.value);
        editor.setTitle(e.target.value);
      }}
      onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
    />
  );
}

interface ToolbarProps {
  commands: BoardCommands;
  /** Extra items in the middle (timer) and on the right (people, status, share). */
  center?: ReactNode;
  right?: ReactNode;
}

/** The quiet bar above the board: title, undo, arrange, view toggles, import and export. */
export const Toolbar = memo(function Toolbar({ commands, center, right }: ToolbarProps) {
  const { editor, readOnly, role } = useBoard();
  const { canUndo, canRedo } = useUndoState(editor);
  const theme = useSession((s) => s.theme);
  const snapToGrid = useSession((s) => s.snapToGrid);
  const showMinimap = useSession((s) => s.showMinimap);
  const set = useSession((s) => s.set);
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <header className="ab-toolbar">
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
            <button
              type="button"
              className="ab-tool"
              onClick={() => commands.autoLayout()}
              title="Arrange the board, or the selection (Shift+L)"
              aria-label="Arrange"
            >
              <LayoutGrid size={17} />
            </button>
          </div>
        )}
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
          <button
            type="button"
            className="ab-tool"
            onClick={() => set({ theme: theme === 'dark' ? 'light' : 'dark' })}
            title="Light or dark theme (Shift+T)"
            aria-label="Toggle theme"
            data-testid="theme-toggle"
          >
            {theme === 'dark' ? <Sun size={17} /> : <Moon size={17} />}
          </button>
        </div>
      </div>
      <div className="ab-toolbar__center">{center}</div>
      <div className="ab-toolbar__right">
        {!readOnly && (
          <>
            <input
              ref={fileInput}
              type="file"
              accept=".json,application/json"
              hidden
              data-testid="import-input"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void commands.importFile(file);
                e.target.value = '';
              }}
            />
            <button
              type="button"
              className="ab-tool"
              onClick={() => fileInput.current?.click()}
              title="Import a board file (.json)"
              aria-label="Import"
            >
              <Upload size={17} />
            </button>
          </>
        )}
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
              <MenuItem
                testId="export-report"
                onSelect={() => {
                  close();
                  void commands.exportReport('candidate', 'markdown');
                }}
              >
                <FileText size={15} /> Report (Markdown){role === 'interviewer' ? ', candidate’s copy' : ''}
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
              {role === 'interviewer' && (
                <>
                  <MenuItem
                    testId="export-report-interviewer"
                    onSelect={() => {
                      close();
                      void commands.exportReport('interviewer', 'markdown');
                    }}
                  >
                    <Lock size={15} /> Report with scorecard (Markdown)
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
        <button
          type="button"
          className="ab-tool"
          onClick={() => set({ shortcutsOpen: true })}
          title="Keyboard shortcuts (?)"
          aria-label="Keyboard shortcuts"
        >
          <HelpCircle size={17} />
        </button>
        {right}
      </div>
    </header>
  );
});
