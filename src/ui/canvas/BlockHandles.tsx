import { Handle, Position } from '@xyflow/react';

const SIDES = [Position.Top, Position.Right, Position.Bottom, Position.Left] as const;

/**
 * A connection handle on each side. In loose connection mode any handle can
 * start or end a link; links are drawn between the nearest sides, not handles.
 * Read-only views keep the handles, invisible and inert: React Flow draws no
 * edge for a node without them.
 */
export function BlockHandles({ readOnly }: { readOnly: boolean }) {
  return (
    <>
      {SIDES.map((side) => (
        <Handle
          key={side}
          id={side}
          type="source"
          position={side}
          className={`ab-handle${readOnly ? ' is-inert' : ''}`}
          isConnectable={!readOnly}
        />
      ))}
    </>
  );
}
