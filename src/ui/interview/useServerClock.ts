import { useEffect, useState } from 'react';
import { clockOffset, serverTime, timeSample, type ClockOffset, type TimeSample } from '../../interview/clock';

/** Round trips per estimate: the shortest one wins, so a few smooth out a slow one. */
const SAMPLES = 5;
/** Clocks drift slowly; re-estimating every few minutes is plenty. */
const REFRESH_MS = 5 * 60_000;

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
 * The server's clock as this browser sees it: every screen computes the shared
 * timer from server time, so screens agree even when machines' clocks differ.
 */
export function useServerClock(): () => number {
  const [offset, setOffset] = useState<ClockOffset | null>(null);
  useEffect(() => {
    let cancelled = false;
    const refresh = async () => {
      const next = clockOffset(await sampleServerTime());
      if (!cancelled && next) setOffset(next);
    };
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, []);
  return () => serverTime(Date.now(), offset);
}
