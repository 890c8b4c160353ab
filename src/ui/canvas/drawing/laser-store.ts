/**
 * Laser trails, session scope: points with the local time they arrived, for
 * the local pointer and for every peer's (through awareness). Nothing here
 * reaches the document.
 */
import { create } from 'zustand';
import { LASER_TRAIL_MS } from '../../../limits';

export interface TrailPoint {
  x: number;
  y: number;
  t: number;
}

interface LaserTrails {
  trails: Record<string, { color: string; points: TrailPoint[] }>;
  add: (key: string, color: string, point: { x: number; y: number }) => void;
  /** Drops points older than the trail's length; returns whether any remain. */
  prune: (now: number) => boolean;
}

export const useLaserTrails = create<LaserTrails>()((set, get) => ({
  trails: {},
  add: (key, color, point) => {
    const now = performance.now();
    const prev = get().trails[key]?.points ?? [];
    const last = prev[prev.length - 1];
    if (last && last.x === point.x && last.y === point.y) return;
    set({ trails: { ...get().trails, [key]: { color, points: [...prev, { ...point, t: now }] } } });
  },
  prune: (now) => {
    const trails: LaserTrails['trails'] = {};
    let any = false;
    let changed = false;
    for (const [key, trail] of Object.entries(get().trails)) {
      const points = trail.points.filter((p) => now - p.t < LASER_TRAIL_MS);
      if (points.length !== trail.points.length) changed = true;
      if (points.length > 0) {
        trails[key] = { ...trail, points };
        any = true;
      } else changed = true;
    }
    if (changed) set({ trails });
    return any;
  },
}));
