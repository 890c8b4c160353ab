import { useEffect, useRef } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useSession } from '../common/session-store';
import { usePresenceView } from './presence-store';

/**
 * While following someone, keeps the centre and zoom of their view; stops when they leave.
 * With `auto` (a phone), starts following once: the candidate, else the first person with a view.
 */
export function useFollow(auto = false): void {
  const following = useSession((s) => s.following);
  const candidate = usePresenceView(
    (s) =>
      (s.peers.find((p) => p.viewport && p.user.role === 'candidate') ?? s.peers.find((p) => p.viewport))?.clientId,
  );
  const started = useRef(false);
  useEffect(() => {
    if (!auto || started.current || candidate === undefined) return;
    started.current = true;
    if (useSession.getState().following === null) useSession.getState().set({ following: candidate });
  }, [auto, candidate]);
  const peer = usePresenceView((s) => s.peers.find((p) => p.clientId === following));
  const { setCenter } = useReactFlow();
  const viewport = peer?.viewport;
  useEffect(() => {
    if (following !== null && !peer) useSession.getState().set({ following: null });
  }, [following, peer]);
  useEffect(() => {
    if (!viewport) return;
    const cx = (-viewport.x + viewport.width / 2) / viewport.zoom;
    const cy = (-viewport.y + viewport.height / 2) / viewport.zoom;
    void setCenter(cx, cy, { zoom: viewport.zoom, duration: 120 });
  }, [setCenter, viewport]);
}
