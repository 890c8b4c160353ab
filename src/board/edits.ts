/**
 * The edits people make, as ops (src/board/ops.ts): what adding a block,
 * linking two blocks, moving or pasting means for the board. Pure: the editing
 * API (src/sync/editor.ts) applies what these return in one transaction.
 */
import { idPrefixOf, kindInfo } from './catalog';
import type { Fragment } from './clipboard';
import { instantiateFragment } from './clipboard';
import type { BoardOp } from './ops';
import { newId } from './ops';
import { defaultProtocol } from './protocols';
import type { Block, BoardSettings, Link } from './types';

/** An edit and the id of what it creates. */
export interface Created<T> {
  id: T;
  ops: BoardOp[];
}

export interface NewBlock {
  kind: string;
  x: number;
  y: number;
  /** The group it sits in; the position is then relative to the group. */
  parent?: string;
  /** Further fields (a pasted note's text). */
  fields?: Partial<Block>;
}

/** A block of a kind at a position, with the kind's default size and label from the catalog. */
export function addBlockEdit(init: NewBlock): Created<string> {
  const info = kindInfo(init.kind);
  const block: Block = {
    ...init.fields,
    id: newId(idPrefixOf(init.kind)),
    kind: init.kind,
    x: Math.round(init.x),
    y: Math.round(init.y),
  };
  if (init.parent) block.parent = init.parent;
  if (info.defaultSize) Object.assign(block, info.defaultSize);
  if (info.defaultLabel !== undefined && block.label === undefined) block.label = info.defaultLabel;
  return { id: block.id, ops: [{ op: 'add-block', block }] };
}

/**
 * A link from `from` to `to` with the protocol their kinds most likely speak.
 * No link to itself or to a missing block (null), and no second link in the
 * same direction: the existing one's id with no ops.
 */
export function connectEdit(
  blocks: ReadonlyMap<string, Block>,
  links: Iterable<Link>,
  from: string,
  to: string,
): Created<string> | null {
  const source = blocks.get(from);
  const target = blocks.get(to);
  if (!source || !target || from === to) return null;
  for (const link of links) if (link.from === from && link.to === to) return { id: link.id, ops: [] };
  const link: Link = { id: newId('l'), from, to, protocol: defaultProtocol(source.kind, target.kind) };
  return { id: link.id, ops: [{ op: 'add-link', link }] };
}

export interface BlockMove {
  id: string;
  x: number;
  y: number;
  /** A new parent group id, or null to take the block out of its group; absent keeps it. */
  parent?: string | null;
}

/** Block positions (and group changes), rounded to whole units. */
export function moveEdit(moves: readonly BlockMove[]): BoardOp[] {
  return moves.map((move) => {
    const set: Partial<Block> = { x: Math.round(move.x), y: Math.round(move.y) };
    if (move.parent !== undefined) set.parent = move.parent ?? undefined;
    return { op: 'update-block', id: move.id, set };
  });
}

/** A block's new rectangle (a resize may move its top-left corner). */
export function resizeEdit(id: string, rect: { x: number; y: number; width: number; height: number }): BoardOp[] {
  const set = {
    x: Math.round(rect.x),
    y: Math.round(rect.y),
    width: Math.round(rect.width),
    height: Math.round(rect.height),
  };
  return [{ op: 'update-block', id, set }];
}

/** Blocks (with their links and what is inside groups) and links removed. */
export function deleteEdit(blockIds: Iterable<string>, linkIds: Iterable<string>): BoardOp[] {
  return [
    ...[...linkIds].map((id) => ({ op: 'remove-link', id }) as const),
    ...[...blockIds].map((id) => ({ op: 'remove-block', id }) as const),
  ];
}

/** A fragment's blocks and links with fresh ids, moved by (dx, dy). */
export function pasteEdit(fragment: Fragment, dx: number, dy: number): Created<string[]> {
  const { blocks, links } = instantiateFragment(fragment, dx, dy);
  return {
    id: blocks.map((b) => b.id),
    ops: [
      ...blocks.map((block) => ({ op: 'add-block', block }) as const),
      ...links.map((link) => ({ op: 'add-link', link }) as const),
    ],
  };
}

/** A lint rule switched off or on for the board (the list kept sorted, and left out when empty). */
export function ruleEnabledEdit(settings: BoardSettings, ruleId: string, enabled: boolean): BoardOp[] {
  const current = new Set(settings.disabledRules ?? []);
  if (enabled) current.delete(ruleId);
  else current.add(ruleId);
  return [{ op: 'set-settings', set: { disabledRules: current.size > 0 ? [...current].sort() : undefined } }];
}
