import { Handle, Position } from '@xyflow/react';

const SIDES = [Position.Top, Position.Right, Position.Bottom, Position.Left] as const;

/**
 * A connection handle on each side. In loose connection mode any handle can
 * start or end a link; links are drawn between the nearest sides, not handles.
 */
export function BlockHandles({ hidden }: { hidden: boolean }) {
  if (hidden) return null;
  return (
    <>
      {SIDES.map((side) => (
        <Handle key={side} id={side} type="source" position={side} className="ab-handle" />
      ))}
    </>
  );
}
