import { useEffect } from 'react';
import { create } from 'zustand';
import { clockOffset, serverTime, timeSample, type ClockOffset, type TimeSample } from '../../interview/clock';

/** Round trips per estimate: the shortest one wins, so a few smooth out a slow one. */
const SAMPLES = 5;
/** Clocks drift slowly; re-estimating every few minutes is plenty. */
const REFRESH_MS = 5 * 60_000;

/** The latest estimate of how far this browser's clock is from the server's. */
const useClockOffset = create<{ offset: ClockOffset | null }>()(() => ({ offset: null }));

/** The server's time now, as well as this browser knows it. */
export function serverNow(): number {
  return serverTime(Date.now(), useClockOffset.getState().offset);
}

async function sampleServerTime(): Promise<TimeSample[]> {
  const samples: TimeSample[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const sentAt = Date.now();
    try {
      const response = await fetch('/api/time', { cache: 'no-store' });
      const sample = timeSample(sentAt, Date.now(), await response.json());
      if (sample) samples.push(sample);
    } catch {
      // Offline: keep whatever offset we had.
    }
  }
  return samples;
}

/**
 * Keeps the clock offset fresh while a board is open. Every screen computes
 * the shared timer from server time, so screens agree even when machines'
 * clocks differ. Mount once per open board.
 */
export function useServerClockSync(): void {
  useEffect(() => {
    let cancelled = false;
    const refresh = async () => {
      const next = clockOffset(await sampleServerTime());
      if (!cancelled && next) useClockOffset.setState({ offset: next });
    };
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, []);
}

/** Re-renders when the offset estimate changes, and returns the server-time reader. */
export function useServerNow(): () => number {
  useClockOffset((s) => s.offset);
  return serverNow;
}
