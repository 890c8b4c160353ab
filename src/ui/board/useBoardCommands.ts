/**
 * The editing commands of an open board, shared by the keyboard, the toolbar
 * and the panels: each is one LOCAL transaction, so one undo step.
 */
import { useCallback, useMemo, useRef } from 'react';
import { useReactFlow } from '@xyflow/react';
import { makeFragment, parseFragment, type Fragment } from '../../board/clipboard';
import type { Size } from '../../board/layout';
import { docToBoard, readTitle } from '../../doc/board-doc';
import {
  addBlock,
  currentBlocks,
  deleteElements,
  moveBlocks,
  pasteFragment,
  placeBlocks,
  updateBlock,
} from '../../sync/board-actions';
import { mapToLink, linksOf } from '../../doc/board-doc';
import { nodeTypeOf, type BoardNode, type FlowBinding } from '../../sync/useFlowBinding';
import { clearPasteOffset, type Rect } from '../../board/geometry';
import { useBoard } from './board-context';
import { showError, showInfo } from '../common/toast-store';
import { downloadBlob, fileNameFor } from '../export/download';
import { importBoardFile } from '../export/import-board';
import { GRID } from '../canvas/Canvas';
import { fitOptions } from '../canvas/fit';
import { MAX_TEXT_CHARS } from '../../limits';
// Layout (dagre), file reading (zod), picture export (html-to-image) and the report load when first
// used, not with the board: each is an action, and the first render should not pay for them.
const loadLayout = () => import('../../board/layout');
const loadFormat = () => import('../../board/format');
const loadPictures = () => import('../export/png');
const loadReports = () => import('../export/report');

/** Where pasted copies land relative to the originals. */
const PASTE_OFFSET = 32;

export interface BoardCommands {
  undo: () => void;
  redo: () => void;
  deleteSelection: () => void;
  copySelection: () => Fragment | null;
  cutSelection: () => Fragment | null;
  paste: (text: string) => void;
  duplicate: () => void;
  selectAll: () => void;
  deselect: () => void;
  nudge: (dx: number, dy: number) => void;
  autoLayout: (selectionOnly?: boolean) => Promise<void>;
  fitView: () => void;
  zoomIn: () => void;
  zoomOut: () => void;
  zoomReset: () => void;
  exportPng: () => Promise<void>;
  exportSvg: () => Promise<void>;
  exportJson: () => Promise<void>;
  exportMermaid: () => Promise<void>;
  copyMermaid: () => Promise<void>;
  /** The report, for the candidate or (with the scorecard and private notes) for the interviewer. */
  exportReport: (copy: 'candidate' | 'interviewer', format: 'markdown' | 'print') => Promise<void>;
  importFile: (file: File) => Promise<boolean>;
  /** Selects blocks and brings them into view (a click on a lint finding). */
  focusBlocks: (ids: string[]) => void;
}

export function useBoardCommands(binding: FlowBinding): BoardCommands {
  const { id, token, doc, undo, readOnly, privateDoc } = useBoard();
  const flow = useReactFlow<BoardNode>();
  const { selectOnly, selectedIds } = binding;
  const selected = useRef<string[]>(selectedIds);
  selected.current = selectedIds;
  // The fragment last copied here, for a paste when the system clipboard is not readable.
  const lastCopied = useRef<Fragment | null>(null);

  const selection = useCallback(() => {
    const ids = new Set(selected.current);
    const blockIds = flow
      .getNodes()
      .filter((n) => ids.has(n.id))
      .map((n) => n.id);
    const linkIds = flow
      .getEdges()
      .filter((e) => ids.has(e.id))
      .map((e) => e.id);
    return { blockIds, linkIds };
  }, [flow]);

  const step = useCallback(
    (fn: () => void) => {
      if (readOnly) return;
      undo.stopCapturing();
      fn();
      undo.stopCapturing();
    },
    [readOnly, undo],
  );

  const copySelection = useCallback(() => {
    const { blockIds } = selection();
    if (blockIds.length === 0) return null;
    const links = [...linksOf(doc).values()].map(mapToLink);
    const fragment = makeFragment(currentBlocks(doc), links, blockIds);
    lastCopied.current = fragment;
    return fragment;
  }, [doc, selection]);

  const deleteSelection = useCallback(() => {
    const { blockIds, linkIds } = selection();
    if (blockIds.length + linkIds.length === 0) return;
    step(() => deleteElements(doc, blockIds, linkIds));
  }, [doc, selection, step]);

  const pasteFragmentHere = useCallback(
    (fragment: Fragment) => {
      if (fragment.blocks.length === 0) return;
      // Copies land where they cover no card: cards on the board now, and copies pasted before.
      const existing: Rect[] = [];
      const sizeOf = new Map<string, { width: number; height: number }>();
      for (const n of flow.getNodes()) {
        const internal = flow.getInternalNode(n.id);
        if (!internal) continue;
        const size = {
          width: internal.measured.width ?? n.width ?? 184,
          height: internal.measured.height ?? n.height ?? 56,
        };
        sizeOf.set(n.id, size);
        if (n.type !== 'group') existing.push({ ...internal.internals.positionAbsolute, ...size });
      }
      const pasted = fragment.blocks
        .filter((b) => !b.parent && nodeTypeOf(b.kind) !== 'group')
        .map((b) => ({ x: b.x, y: b.y, ...(sizeOf.get(b.id) ?? { width: b.width ?? 184, height: b.height ?? 56 }) }));
      const { dx, dy } =
        pasted.length > 0 ? clearPasteOffset(pasted, existing, PASTE_OFFSET) : { dx: PASTE_OFFSET, dy: PASTE_OFFSET };
      let ids: string[] = [];
      step(() => {
        ids = pasteFragment(doc, fragment, dx, dy);
      });
      selectOnly(ids);
    },
    [doc, flow, selectOnly, step],
  );

  const paste = useCallback(
    (text: string) => {
      if (readOnly) return;
      const fragment = parseFragment(text) ?? (text.trim() === '' ? lastCopied.current : null);
      if (fragment) {
        pasteFragmentHere(fragment);
        return;
      }
      if (text.trim() === '') return;
      // Plain text becomes a sticky note in the middle of the view.
      const canvas = document.querySelector('.ab-canvas')?.getBoundingClientRect();
      const center = canvas
        ? flow.screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 })
        : { x: 0, y: 0 };
      let id = '';
      step(() => {
        id = addBlock(doc, { kind: 'note', x: center.x - 100, y: center.y - 60 });
        updateBlock(doc, id, { notes: text.slice(0, MAX_TEXT_CHARS) });
      });
      selectOnly([id]);
    },
    [doc, flow, pasteFragmentHere, readOnly, selectOnly, step],
  );

  const nudge = useCallback(
    (dx: number, dy: number) => {
      const { blockIds } = selection();
      if (blockIds.length === 0 || readOnly) return;
      // One grid step whether or not snapping is on: the sheet promises grid steps.
      const unit = GRID;
      const ids = new Set(blockIds);
      const moves = flow
        .getNodes()
        .filter((n) => ids.has(n.id) && !(n.parentId && ids.has(n.parentId)))
        .map((n) => ({ id: n.id, x: n.position.x + dx * unit, y: n.position.y + dy * unit }));
      moveBlocks(doc, moves); // consecutive nudges merge into one undo step
    },
    [doc, flow, readOnly, selection],
  );

  const autoLayout = useCallback(
    async (selectionOnly = false) => {
      const { layoutBlocks } = await loadLayout();
      const { blockIds } = selection();
      const only = selectionOnly || blockIds.length > 1 ? new Set(blockIds) : undefined;
      const sizes = new Map<string, Size>();
      for (const n of flow.getNodes())
        sizes.set(n.id, { width: n.measured?.width ?? n.width ?? 184, height: n.measured?.height ?? n.height ?? 56 });
      const links = [...linksOf(doc).values()].map(mapToLink);
      const positions = layoutBlocks(currentBlocks(doc), links, sizes, only);
      if (positions.size === 0) return;
      step(() => placeBlocks(doc, positions));
      if (!only) requestAnimationFrame(() => void flow.fitView(fitOptions({ duration: 300 })));
    },
    [doc, flow, selection, step],
  );

  const diagramBounds = useCallback(() => {
    const nodes = flow.getNodes();
    if (nodes.length === 0) return null;
    return flow.getNodesBounds(nodes);
  }, [flow]);

  const background = () =>
    getComputedStyle(document.documentElement).getPropertyValue('--ab-canvas-bg').trim() || '#ffffff';

  return useMemo<BoardCommands>(
    () => ({
      undo: () => !readOnly && undo.undo(),
      redo: () => !readOnly && undo.redo(),
      deleteSelection,
      copySelection,
      cutSelection: () => {
        const fragment = copySelection();
        deleteSelection();
        return fragment;
      },
      paste,
      duplicate: () => {
        const fragment = copySelection();
        if (fragment) pasteFragmentHere(fragment);
      },
      selectAll: () => selectOnly([...flow.getNodes().map((n) => n.id), ...flow.getEdges().map((e) => e.id)]),
      deselect: () => selectOnly([]),
      nudge,
      autoLayout,
      fitView: () => void flow.fitView(fitOptions({ maxZoom: 1.5, duration: 200 })),
      zoomIn: () => void flow.zoomIn({ duration: 150 }),
      zoomOut: () => void flow.zoomOut({ duration: 150 }),
      zoomReset: () => void flow.zoomTo(1, { duration: 150 }),
      exportPng: async () => {
        const bounds = diagramBounds();
        if (!bounds) return showError('Nothing to export yet: the board is empty.');
        try {
          const { dataUrlToBlob, diagramToPng } = await loadPictures();
          const url = await diagramToPng(bounds, background());
          downloadBlob(await dataUrlToBlob(url), fileNameFor(readTitle(doc), 'png'));
        } catch (err) {
          showError(`PNG export failed: ${(err as Error).message}`);
        }
      },
      exportSvg: async () => {
        const bounds = diagramBounds();
        if (!bounds) return showError('Nothing to export yet: the board is empty.');
        try {
          const { dataUrlToBlob, diagramToSvg } = await loadPictures();
          const url = await diagramToSvg(bounds, background());
          downloadBlob(await dataUrlToBlob(url), fileNameFor(readTitle(doc), 'svg'));
        } catch (err) {
          showError(`SVG export failed: ${(err as Error).message}`);
        }
      },
      exportJson: async () => {
        const { writeBoard } = await loadFormat();
        const board = docToBoard(doc);
        downloadBlob(new Blob([writeBoard(board)], { type: 'application/json' }), fileNameFor(board.title, 'json'));
        showInfo(`Exported ${board.blocks.length} blocks and ${board.links.length} links.`);
      },
      exportMermaid: async () => {
        const { mermaidOf } = await loadReports();
        downloadBlob(new Blob([mermaidOf(doc)], { type: 'text/plain' }), fileNameFor(readTitle(doc), 'mmd'));
      },
      copyMermaid: async () => {
        const { mermaidOf } = await loadReports();
        try {
          await navigator.clipboard.writeText(mermaidOf(doc));
          showInfo('Mermaid text copied: paste it into a Markdown file or mermaid.live.');
        } catch {
          showError('The browser did not allow copying; download the Mermaid file instead.');
        }
      },
      exportReport: async (copy, format) => {
        const [{ diagramToPng }, { boardReport, interviewerCopy, reportHtml, reportInput }] = await Promise.all([
          loadPictures(),
          loadReports(),
        ]);
        const bounds = diagramBounds();
        let png: string | null;
        try {
          png = bounds ? await diagramToPng(bounds, background()) : null;
        } catch {
          png = null; // the report still has the Mermaid text of the diagram
        }
        const input = reportInput(doc, png);
        const privateMaterial =
          copy === 'interviewer' && privateDoc ? interviewerCopy(privateDoc.synced.doc, { id, token }) : undefined;
        const suffix = privateMaterial ? '-interviewer' : '';
        if (format === 'markdown') {
          downloadBlob(
            new Blob([boardReport(input, privateMaterial)], { type: 'text/markdown' }),
            fileNameFor(`${readTitle(doc) ?? 'board'} report${suffix}`, 'md'),
          );
          return;
        }
        const url = URL.createObjectURL(new Blob([reportHtml(input, privateMaterial)], { type: 'text/html' }));
        if (!window.open(url, '_blank'))
          downloadBlob(
            await (await fetch(url)).blob(),
            fileNameFor(`${readTitle(doc) ?? 'board'} report${suffix}`, 'html'),
          );
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      },
      importFile: (file) => (readOnly ? Promise.resolve(false) : importBoardFile(doc, file, undo)),
      focusBlocks: (ids) => {
        selectOnly(ids);
        const nodes = flow.getNodes().filter((n) => ids.includes(n.id));
        if (nodes.length > 0) void flow.fitView({ nodes, padding: 0.6, maxZoom: 1.2, duration: 300 });
      },
    }),
    [
      autoLayout,
      copySelection,
      deleteSelection,
      diagramBounds,
      doc,
      flow,
      id,
      nudge,
      paste,
      pasteFragmentHere,
      privateDoc,
      readOnly,
      selectOnly,
      token,
      undo,
    ],
  );
}
