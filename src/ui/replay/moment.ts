/** How a replay moment is written for people: interview time since the clock started, and the wall clock. */
import { formatClock } from '../../interview/timer';

/** "14:05": time since `origin` (the interview's start). */
export function interviewClock(t: number, origin: number): string {
  return formatClock(Math.max(0, t - origin));
}

/** "14:05 (10:32:07)": interview time and the time of day. */
export function momentLabel(t: number, origin: number): string {
  return `${interviewClock(t, origin)} (${new Date(t).toLocaleTimeString()})`;
}

/** How a pin's moment reads in lists and the report: the interview clock, or the time of day for a pin made before the timer ran. */
export function pinClock(pin: { t: number; elapsedMs?: number }): string {
  return pin.elapsedMs !== undefined ? formatClock(pin.elapsedMs) : new Date(pin.t).toLocaleTimeString();
}
