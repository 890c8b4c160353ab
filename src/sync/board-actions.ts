/**
 * Every edit a person makes to the board, as one LOCAL transaction each (one
 * undo step each). The UI calls these; nothing in the UI writes the doc itself.
 */
import * as Y from 'yjs';
import { kindInfo } from '../board/catalog';
import type { Fragment } from '../board/clipboard';
import { instantiateFragment } from '../board/clipboard';
import type { BoardOp } from '../board/ops';
import { newId } from '../board/ops';
import { defaultProtocol } from '../board/protocols';
import type { Block, Board, Link } from '../board/types';
import {
  applyOpsToDoc,
  blocksOf,
  boardToDoc,
  linksOf,
  removeBlocksFromDoc,
  setFields,
  settingsOf,
  mapToBlock,
} from '../doc/board-doc';
import { LOCAL } from './origin';

function edit(doc: Y.Doc, fn: () => void): void {
  doc.transact(fn, LOCAL);
}

/** Adds a block of a kind at a position (relative to `parent` when given); returns its id. */
export function addBlock(doc: Y.Doc, init: { kind: string; x: number; y: number; parent?: string }): string {
  const info = kindInfo(init.kind);
  const id = newId(init.kind === 'group' ? 'group' : init.kind === 'note' ? 'note' : 'b');
  const block: Block = { id, kind: init.kind, x: Math.round(init.x), y: Math.round(init.y) };
  if (init.parent) block.parent = init.parent;
  if (info.defaultSize) Object.assign(block, info.defaultSize);
  if (init.kind === 'group') block.label = 'Region';
  edit(doc, () => {
    const map = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(block)) map.set(k, v);
    blocksOf(doc).set(id, map);
  });
  return id;
}

/** Sets fields of a block; a field set to undefined is removed. */
export function updateBlock(doc: Y.Doc, id: string, set: Partial<Block>): void {
  const map = blocksOf(doc).get(id);
  if (map) edit(doc, () => setFields(map, set));
}

/** Sets fields of a link; a field set to undefined is removed. */
export function updateLink(doc: Y.Doc, id: string, set: Partial<Link>): void {
  const map = linksOf(doc).get(id);
  if (map) edit(doc, () => setFields(map, set));
}

/**
 * Links `from` to `to` with the protocol their kinds most likely speak. No link
 * to itself, and no second link in the same direction: returns the existing one.
 */
export function connectBlocks(doc: Y.Doc, from: string, to: string): string | null {
  const blocks = blocksOf(doc);
  const source = blocks.get(from);
  const target = blocks.get(to);
  if (!source || !target || from === to) return null;
  for (const [id, link] of linksOf(doc)) if (link.get('from') === from && link.get('to') === to) return id;
  const id = newId('l');
  const protocol = defaultProtocol(source.get('kind') as string, target.get('kind') as string);
  edit(doc, () => {
    const map = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({ id, from, to, protocol })) map.set(k, v);
    linksOf(doc).set(id, map);
  });
  return id;
}

/** Deletes blocks (with their links and, for groups, what is inside) and links. */
export function deleteElements(doc: Y.Doc, blockIds: Iterable<string>, linkIds: Iterable<string>): void {
  const links = linksOf(doc);
  edit(doc, () => {
    for (const id of linkIds) links.delete(id);
    removeBlocksFromDoc(doc, blockIds);
  });
}

export interface BlockMove {
  id: string;
  x: number;
  y: number;
  /** A new parent group id, or null to take the block out of its group; absent keeps it. */
  parent?: string | null;
}

/** Writes block positions (and group changes) in one transaction. */
export function moveBlocks(doc: Y.Doc, moves: readonly BlockMove[]): void {
  const blocks = blocksOf(doc);
  edit(doc, () => {
    for (const move of moves) {
      const map = blocks.get(move.id);
      if (!map) continue;
      const set: Partial<Block> = { x: Math.round(move.x), y: Math.round(move.y) };
      if (move.parent !== undefined) set.parent = move.parent ?? undefined;
      setFields(map, set);
    }
  });
}

/** Resizes a block (groups, notes, cards), possibly moving its top-left corner. */
export function resizeBlock(
  doc: Y.Doc,
  id: string,
  rect: { x: number; y: number; width: number; height: number },
): void {
  updateBlock(doc, id, {
    x: Math.round(rect.x),
    y: Math.round(rect.y),
    width: Math.round(rect.width),
    height: Math.round(rect.height),
  });
}

/** Pastes a fragment moved by (dx, dy); returns the new block ids. */
export function pasteFragment(doc: Y.Doc, fragment: Fragment, dx: number, dy: number): string[] {
  const { blocks, links } = instantiateFragment(fragment, dx, dy);
  edit(doc, () =>
    applyOpsToDoc(doc, [
      ...blocks.map((block) => ({ op: 'add-block', block }) as const),
      ...links.map((link) => ({ op: 'add-link', link }) as const),
    ]),
  );
  return blocks.map((b) => b.id);
}

/** Replaces the board's content with a board file's (import). */
export function replaceBoard(doc: Y.Doc, board: Board): void {
  boardToDoc(board, doc, LOCAL);
}

/** Applies a quick fix or any list of ops as one step. */
export function applyBoardOps(doc: Y.Doc, ops: readonly BoardOp[]): void {
  edit(doc, () => applyOpsToDoc(doc, ops));
}

export function setTitle(doc: Y.Doc, title: string): void {
  edit(doc, () => settingsOf(doc).set('title', title));
}

/** Moves blocks to computed positions (auto-layout), as one step. */
export function placeBlocks(doc: Y.Doc, positions: ReadonlyMap<string, { x: number; y: number }>): void {
  moveBlocks(
    doc,
    [...positions].map(([id, p]) => ({ id, x: p.x, y: p.y })),
  );
}

/** The current plain blocks, for computations that need the whole set (layout, copy). */
export function currentBlocks(doc: Y.Doc): Block[] {
  return [...blocksOf(doc).values()].map(mapToBlock);
}
