import { ViewportPortal, useViewport } from '@xyflow/react';
import { MousePointer2 } from 'lucide-react';
import { usePresenceView } from '../board/presence-store';

/**
 * Other people's pointers, drawn inside the viewport in flow coordinates so
 * they pan and zoom with the diagram; the pointer itself keeps its size.
 */
export function RemoteCursors() {
  const peers = usePresenceView((s) => s.peers);
  const { zoom } = useViewport();
  return (
    <ViewportPortal>
      {peers.map((peer) =>
        peer.pointer ? (
          <div
            key={peer.clientId}
            className="ab-cursor"
            data-cursor-of={peer.user.name}
            style={{
              transform: `translate(${peer.pointer.x}px, ${peer.pointer.y}px) scale(${1 / zoom})`,
              color: peer.user.color,
            }}
          >
            <MousePointer2 size={18} fill="currentColor" strokeWidth={1.5} stroke="white" />
            <span className="ab-cursor__name" style={{ background: peer.user.color }}>
              {peer.user.name}
            </span>
          </div>
        ) : null,
      )}
    </ViewportPortal>
  );
}
