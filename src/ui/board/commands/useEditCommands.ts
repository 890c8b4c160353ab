/**
 * Commands that change the board from the selection: delete, the clipboard,
 * duplicate, nudge. Each goes through the editing API as one undo step.
 */
import { useMemo, useRef } from 'react';
import { useReactFlow } from '@xyflow/react';
import { makeFragment, parseFragment, type Fragment } from '../../../board/clipboard';
import { CARD_SIZE, preferredKindFor } from '../../../board/catalog';
import { clearPasteOffset, type Rect } from '../../../board/geometry';
import { MAX_TEXT_CHARS } from '../../../limits';
import { nodeTypeOf, type BoardNode, type FlowBinding } from '../../../sync/flow-binding';
import { useBoard } from '../board-context';
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
}

export function useEditCommands(binding: FlowBinding): EditCommands {
  const { store, editor, readOnly } = useBoard();
  const { screenToFlowPosition, getNodes, getInternalNode } = useReactFlow<BoardNode>();
  // The fragment last copied here, for a paste when the system clipboard is not readable.
  const lastCopied = useRef<Fragment | null>(null);

  return useMemo(() => {
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
        else if (text.trim() !== '') pasteText(text);
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
    };
  }, [binding, editor, getInternalNode, getNodes, readOnly, screenToFlowPosition, store]);
}
