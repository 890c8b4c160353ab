/**
 * Copy and paste of part of a board. A fragment holds the copied blocks (with
 * everything inside copied groups) and the links among them; pasting gives
 * every block and link a fresh id, so a fragment can be pasted many times and
 * into other boards.
 */
import type { Block, Link } from './types';
import { absolutePosition } from './geometry';
import { newId } from './ops';
import { idPrefixOf, isKnownKind } from './catalog';

export const CLIPBOARD_FORMAT = 'archboard/clipboard' as const;

export interface Fragment {
  format: typeof CLIPBOARD_FORMAT;
  blocks: Block[];
  links: Link[];
}

/** The fragment for a selection: top-level blocks of the fragment carry flow coordinates and no parent. */
export function makeFragment(
  blocks: readonly Block[],
  links: readonly Link[],
  selectedIds: Iterable<string>,
): Fragment {
  const byId = new Map(blocks.map((b) => [b.id, b]));
  const chosen = new Set<string>();
  for (const id of selectedIds) if (byId.has(id)) chosen.add(id);
  // Everything inside a copied group comes along.
  let grew = true;
  while (grew) {
    grew = false;
    for (const b of blocks) {
      if (b.parent && chosen.has(b.parent) && !chosen.has(b.id)) {
        chosen.add(b.id);
        grew = true;
      }
    }
  }
  const fragmentBlocks = blocks
    .filter((b) => chosen.has(b.id))
    .map((b) => {
      if (b.parent && chosen.has(b.parent)) return { ...b };
      const { parent: _parent, ...rest } = b;
      return { ...rest, ...absolutePosition(b.id, byId) };
    });
  const fragmentLinks = links.filter((l) => chosen.has(l.from) && chosen.has(l.to)).map((l) => ({ ...l }));
  return { format: CLIPBOARD_FORMAT, blocks: fragmentBlocks, links: fragmentLinks };
}

/** Reads clipboard text as a fragment; null when it is not one (or is malformed). */
export function parseFragment(text: string): Fragment | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const v = value as Partial<Fragment>;
  if (v.format !== CLIPBOARD_FORMAT || !Array.isArray(v.blocks) || !Array.isArray(v.links)) return null;
  const blocks = v.blocks.filter(
    (b): b is Block =>
      !!b &&
      typeof b.id === 'string' &&
      typeof b.kind === 'string' &&
      isKnownKind(b.kind) &&
      Number.isFinite(b.x) &&
      Number.isFinite(b.y),
  );
  const ids = new Set(blocks.map((b) => b.id));
  const links = v.links.filter((l): l is Link => !!l && typeof l.id === 'string' && ids.has(l.from) && ids.has(l.to));
  return { format: CLIPBOARD_FORMAT, blocks, links };
}

/** The fragment with fresh ids, moved by (dx, dy); links and parents follow the new ids. */
export function instantiateFragment(fragment: Fragment, dx: number, dy: number): { blocks: Block[]; links: Link[] } {
  const ids = new Map(fragment.blocks.map((b) => [b.id, newId(idPrefixOf(b.kind))]));
  const blocks = fragment.blocks.map((b) => {
    const inGroup = b.parent !== undefined && ids.has(b.parent);
    const block: Block = { ...b, id: ids.get(b.id)!, x: inGroup ? b.x : b.x + dx, y: inGroup ? b.y : b.y + dy };
    if (inGroup) block.parent = ids.get(b.parent!)!;
    else delete block.parent;
    return block;
  });
  const links = fragment.links.map((l) => ({ ...l, id: newId('l'), from: ids.get(l.from)!, to: ids.get(l.to)! }));
  return { blocks, links };
}
