import { useEffect, useState } from 'react';
import { ViewportPortal, useViewport } from '@xyflow/react';
import { usePresenceView } from '../../board/presence-store';
import { LASER_TRAIL_MS } from '../../../limits';
import { useLaserTrails } from './laser-store';

/** Peers' laser positions go into the trails as they arrive. */
function useRemoteLasers(): void {
  const peers = usePresenceView((s) => s.peers);
  useEffect(() => {
    const add = useLaserTrails.getState().add;
    for (const p of peers) if (p.laser) add(String(p.clientId), p.user.color, p.laser);
  }, [peers]);
}

/**
 * Everyone's laser pointer as a fading trail, in flow coordinates (it pans and
 * zooms with the diagram). It fades over LASER_TRAIL_MS and is never stored.
 */
export function LaserTrails() {
  useRemoteLasers();
  const trails = useLaserTrails((s) => s.trails);
  const { zoom } = useViewport();
  const [now, setNow] = useState(() => performance.now());
  const active = Object.keys(trails).length > 0;
  useEffect(() => {
    if (!active) return;
    let frame = requestAnimationFrame(function tick(t) {
      setNow(t);
      if (useLaserTrails.getState().prune(t)) frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [active]);
  if (!active) return null;
  return (
    <ViewportPortal>
      <svg className="ab-laser" width={1} height={1} data-testid="laser-trails">
        {Object.entries(trails).map(([key, trail]) =>
          trail.points.slice(1).map((p, i) => {
            const a = trail.points[i]!;
            const life = Math.max(0, 1 - (now - p.t) / LASER_TRAIL_MS);
            return (
              <line
                key={`${key}-${p.t}`}
                data-laser-of={key}
                x1={a.x}
                y1={a.y}
                x2={p.x}
                y2={p.y}
                stroke={trail.color}
                strokeOpacity={life}
                strokeWidth={(2 + 4 * life) / zoom}
                strokeLinecap="round"
              />
            );
          }),
        )}
      </svg>
    </ViewportPortal>
  );
}
