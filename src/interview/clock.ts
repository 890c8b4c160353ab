/**
 * The server's time on a client whose own clock may be minutes off: the
 * shared timer is computed from server time, so every screen needs the offset
 * between its clock and the server's. Estimated NTP-style from round trips to
 * `GET /api/time` (`{ now }`).
 */

/** One round trip to `GET /api/time`. */
export interface TimeSample {
  /** Local clock (ms) when the request was sent. */
  sentAt: number;
  /** Local clock (ms) when the answer arrived. */
  receivedAt: number;
  /** The server's `now` (ms) from the answer. */
  serverNow: number;
}

/** How far the local clock is behind the server's. */
export interface ClockOffset {
  /** Add to the local clock to get server time. */
  offsetMs: number;
  /** The round trip of the sample used. */
  roundTripMs: number;
  /**
   * The most the offset can be wrong by: half the round trip (the server read
   * its clock somewhere inside it). Two screens agree within the sum of theirs.
   */
  uncertaintyMs: number;
}

/** A sample from a request's local send and receive times and the parsed JSON answer; null if the answer has no usable `now`. */
export function timeSample(sentAt: number, receivedAt: number, body: unknown): TimeSample | null {
  const now = typeof body === 'object' && body !== null ? (body as { now?: unknown }).now : undefined;
  if (typeof now !== 'number' || !Number.isFinite(now)) return null;
  return { sentAt, receivedAt, serverNow: now };
}

/**
 * The clock offset from a few samples: each gives `serverNow - (sentAt +
 * receivedAt) / 2` (the server read its clock about halfway through the round
 * trip); the sample with the shortest round trip is the most precise, so it
 * wins. Samples with a negative or non-finite round trip are ignored. Null
 * when no sample is usable.
 */
export function clockOffset(samples: readonly TimeSample[]): ClockOffset | null {
  let best: TimeSample | null = null;
  let bestRoundTrip = Infinity;
  for (const s of samples) {
    const roundTrip = s.receivedAt - s.sentAt;
    if (!Number.isFinite(roundTrip) || !Number.isFinite(s.serverNow) || roundTrip < 0) continue;
    if (roundTrip < bestRoundTrip) {
      best = s;
      bestRoundTrip = roundTrip;
    }
  }
  if (best === null) return null;
  return {
    offsetMs: best.serverNow - (best.sentAt + best.receivedAt) / 2,
    roundTripMs: bestRoundTrip,
    uncertaintyMs: bestRoundTrip / 2,
  };
}

/** Server time from a local clock reading and an offset (zero offset when none is known yet). */
export function serverTime(localNow: number, offset: ClockOffset | null): number {
  return localNow + (offset?.offsetMs ?? 0);
}
