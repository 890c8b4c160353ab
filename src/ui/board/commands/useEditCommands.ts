/**
 * Commands that change the board from the selection: delete, the clipboard,
 * duplicate, nudge. Each goes through the editing API as one undo step.
 */
import { useMemo, useRef } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { Alignment, Axis, PlacedRect } from '../../../board/arrange';
import { CLIPBOARD_FORMAT, makeFragment, parseFragment, type Fragment } from '../../../board/clipboard';
import { CARD_SIZE, preferredKindFor } from '../../../board/catalog';
import { clearPasteOffset, type Rect } from '../../../board/geometry';
import { MAX_TEXT_CHARS } from '../../../limits';
import { nodeTypeOf, type BoardNode, type FlowBinding } from '../../../sync/flow-binding';
import { useBoard } from '../board-context';
import { showError, showInfo } from '../../common/toast-store';
import { loadImporters } from '../../export/import-board';
import { GRID } from '../../canvas/Canvas';
import { selectionOf } from './selection';

/** Where pasted copies land relative to the originals. */
const PASTE_OFFSET = 32;

export interface EditCommands {
  deleteSelection: () => void;
  copySelection: () => Fragment | null;
  cutSelection: () => Fragment | null;
  paste: (text: string) => void;
  duplicate: () => void;
  nudge: (dx: number, dy: number) => void;
  /** Lines up the selected blocks' edges or centres. */
  align: (how: Alignment) => void;
  /** Spaces the selected blocks (three or more) with equal gaps. */
  distribute: (axis: Axis) => void;
  /** Draws the selected blocks above or below the others. */
  reorder: (where: 'front' | 'back') => void;
}

export function useEditCommands(binding: FlowBinding): EditCommands {
  const { store, editor, readOnly } = useBoard();
  const { screenToFlowPosition, getNodes, getInternalNode } = useReactFlow<BoardNode>();
  // The fragment last copied here, for a paste when the system clipboard is not readable.
  const lastCopied = useRef<Fragment | null>(null);

  return useMemo(() => {
    /** Where the selected blocks are drawn, in flow coordinates. */
    const selectedRects = (): PlacedRect[] =>
      selectionOf(binding, store).blockIds.flatMap((id) => {
        const node = getInternalNode(id);
        if (!node) return [];
        const { x, y } = node.internals.positionAbsolute;
        const width = node.measured.width ?? node.width ?? CARD_SIZE.width;
        const height = node.measured.height ?? node.height ?? CARD_SIZE.height;
        return [{ id, x, y, width, height }];
      });
    const copySelection = () => {
      const { blockIds } = selectionOf(binding, store);
      if (blockIds.length === 0) return null;
      const { board } = store.getState();
      const fragment = makeFragment(board.blocks, board.links, blockIds);
      lastCopied.current = fragment;
      return fragment;
    };
    const deleteSelection = () => {
      const { blockIds, linkIds } = selectionOf(binding, store);
      if (blockIds.length + linkIds.length > 0) editor.deleteElements(blockIds, linkIds);
    };
    const pasteFragment = (fragment: Fragment) => {
      if (fragment.blocks.length === 0 || readOnly) return;
      // Copies land where they cover no card: cards on the board now, and copies pasted before.
      const existing: Rect[] = [];
      const sizeOf = new Map<string, { width: number; height: number }>();
      for (const n of getNodes()) {
        const internal = getInternalNode(n.id);
        if (!internal) continue;
        const size = {
          width: internal.measured.width ?? n.width ?? CARD_SIZE.width,
          height: internal.measured.height ?? n.height ?? CARD_SIZE.height,
        };
        sizeOf.set(n.id, size);
        if (n.type !== 'group') existing.push({ ...internal.internals.positionAbsolute, ...size });
      }
      const pasted = fragment.blocks
        .filter((b) => !b.parent && nodeTypeOf(b.kind) !== 'group')
        .map((b) => ({
          x: b.x,
          y: b.y,
          ...(sizeOf.get(b.id) ?? { width: b.width ?? CARD_SIZE.width, height: b.height ?? CARD_SIZE.height }),
        }));
      const { dx, dy } =
        pasted.length > 0 ? clearPasteOffset(pasted, existing, PASTE_OFFSET) : { dx: PASTE_OFFSET, dy: PASTE_OFFSET };
      binding.selectOnly(editor.paste(fragment, dx, dy));
    };
    const viewCentre = () => {
      const canvas = document.querySelector('.ab-canvas')?.getBoundingClientRect();
      return canvas
        ? screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 })
        : { x: 0, y: 0 };
    };
    /** Pasted Mermaid, Excalidraw or draw.io: added in the middle of the view, as one step. False for other text. */
    const pasteDiagram = async (text: string): Promise<boolean> => {
      const { detectFormat, importDiagram, importSummary } = await loadImporters();
      const format = detectFormat(text);
      if (format === undefined || format === 'archboard' || format === 'markdown') return false;
      let result;
      try {
        result = importDiagram(text);
      } catch (err) {
        showError(`Could not paste the diagram: ${(err as Error).message}`);
        return true;
      }
      const { board, report } = result;
      const top = board.blocks.filter((b) => !b.parent);
      if (top.length === 0) return false;
      const minX = Math.min(...top.map((b) => b.x));
      const minY = Math.min(...top.map((b) => b.y));
      const maxX = Math.max(...top.map((b) => b.x + (b.width ?? CARD_SIZE.width)));
      const maxY = Math.max(...top.map((b) => b.y + (b.height ?? CARD_SIZE.height)));
      const centre = viewCentre();
      const fragment: Fragment = { format: CLIPBOARD_FORMAT, blocks: board.blocks, links: board.links };
      const dx = Math.round(centre.x - (minX + maxX) / 2);
      const dy = Math.round(centre.y - (minY + maxY) / 2);
      binding.selectOnly(editor.paste(fragment, dx, dy));
      showInfo(`Pasted a diagram: ${importSummary(report)}.`, { label: 'Undo', run: () => editor.undo() });
      return true;
    };
    /** Plain text becomes a sticky note in the middle of the view. */
    const pasteText = (text: string) => {
      const note = preferredKindFor('annotation');
      if (!note) return;
      const canvas = document.querySelector('.ab-canvas')?.getBoundingClientRect();
      const center = canvas
        ? screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 })
        : { x: 0, y: 0 };
      const size = note.defaultSize ?? { width: 0, height: 0 };
      const id = editor.addBlock({
        kind: note.kind,
        x: center.x - size.width / 2,
        y: center.y - size.height / 2,
        fields: { notes: text.slice(0, MAX_TEXT_CHARS) },
      });
      binding.selectOnly([id]);
    };
    return {
      deleteSelection,
      copySelection,
      cutSelection: () => {
        const fragment = copySelection();
        deleteSelection();
        return fragment;
      },
      paste: (text) => {
        if (readOnly) return;
        const fragment = parseFragment(text) ?? (text.trim() === '' ? lastCopied.current : null);
        if (fragment) pasteFragment(fragment);
        else if (text.trim() !== '')
          void pasteDiagram(text).then((pasted) => {
            if (!pasted) pasteText(text);
          });
      },
      duplicate: () => {
        const fragment = copySelection();
        if (fragment) pasteFragment(fragment);
      },
      nudge: (dx, dy) => {
        const { blockIds } = selectionOf(binding, store);
        if (blockIds.length === 0 || readOnly) return;
        // One grid step whether or not snapping is on: the sheet promises grid steps.
        const unit = GRID;
        const ids = new Set(blockIds);
        const moves = binding
          .getState()
          .nodes.filter((n) => ids.has(n.id) && !(n.parentId && ids.has(n.parentId)))
          .map((n) => ({ id: n.id, x: n.position.x + dx * unit, y: n.position.y + dy * unit }));
        editor.moveBlocks(moves); // consecutive nudges merge into one undo step
      },
      align: (how) => {
        if (!readOnly) editor.alignBlocks(selectedRects(), how);
      },
      distribute: (axis) => {
        if (!readOnly) editor.distributeBlocks(selectedRects(), axis);
      },
      reorder: (where) => {
        const { blockIds } = selectionOf(binding, store);
        if (blockIds.length > 0 && !readOnly) editor.reorderBlocks(blockIds, where);
      },
    };
  }, [binding, editor, getInternalNode, getNodes, readOnly, screenToFlowPosition, store]);
}
