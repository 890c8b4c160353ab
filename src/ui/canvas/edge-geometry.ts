/**
 * Floating links: a link leaves its source from the side facing the target
 * and enters the target the same way, so it never crosses its own cards
 * whichever way blocks are moved.
 */
import { Position, type InternalNode } from '@xyflow/react';

export interface Anchor {
  x: number;
  y: number;
  position: Position;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

function rectOf(node: InternalNode): Rect {
  const { x, y } = node.internals.positionAbsolute;
  return { x, y, width: node.measured.width ?? node.width ?? 0, height: node.measured.height ?? node.height ?? 0 };
}

function anchor(r: Rect, side: Position): Anchor {
  switch (side) {
    case Position.Top:
      return { x: r.x + r.width / 2, y: r.y, position: side };
    case Position.Bottom:
      return { x: r.x + r.width / 2, y: r.y + r.height, position: side };
    case Position.Left:
      return { x: r.x, y: r.y + r.height / 2, position: side };
    default:
      return { x: r.x + r.width, y: r.y + r.height / 2, position: side };
  }
}

/** The anchors of a link between two nodes: facing sides, chosen by where the target lies. */
export function linkAnchors(source: InternalNode, target: InternalNode): { source: Anchor; target: Anchor } {
  const s = rectOf(source);
  const t = rectOf(target);
  const dx = t.x + t.width / 2 - (s.x + s.width / 2);
  const dy = t.y + t.height / 2 - (s.y + s.height / 2);
  // Compare against the cards' shapes: wide cards prefer vertical links.
  const horizontal = Math.abs(dx) / (s.width + t.width) > Math.abs(dy) / (s.height + t.height);
  if (horizontal) {
    return dx >= 0
      ? { source: anchor(s, Position.Right), target: anchor(t, Position.Left) }
      : { source: anchor(s, Position.Left), target: anchor(t, Position.Right) };
  }
  return dy >= 0
    ? { source: anchor(s, Position.Bottom), target: anchor(t, Position.Top) }
    : { source: anchor(s, Position.Top), target: anchor(t, Position.Bottom) };
}

/** An arrowhead at `tip`, pointing into the side it enters. */
export function arrowheadPath(tip: Anchor, size = 9): string {
  const half = size * 0.55;
  const { x, y } = tip;
  switch (tip.position) {
    case Position.Top:
      return `M${x},${y} L${x - half},${y - size} L${x + half},${y - size} Z`;
    case Position.Bottom:
      return `M${x},${y} L${x - half},${y + size} L${x + half},${y + size} Z`;
    case Position.Left:
      return `M${x},${y} L${x - size},${y - half} L${x - size},${y + half} Z`;
    default:
      return `M${x},${y} L${x + size},${y - half} L${x + size},${y + half} Z`;
  }
}

/** Where the visible line should stop so it does not poke through the arrowhead's tip. */
export function backOff(tip: Anchor, by: number): { x: number; y: number } {
  switch (tip.position) {
    case Position.Top:
      return { x: tip.x, y: tip.y - by };
    case Position.Bottom:
      return { x: tip.x, y: tip.y + by };
    case Position.Left:
      return { x: tip.x - by, y: tip.y };
    default:
      return { x: tip.x + by, y: tip.y };
  }
}
