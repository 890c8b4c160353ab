import { describe, expect, it } from 'vitest';
import { clockOffset, serverTime, timeSample, type TimeSample } from './clock';
import { initialTimer, start, timerView } from './timer';

/**
 * A client whose clock is `skewMs` ahead of the server's, asking the time at
 * local time `sentAt`; the request takes `upMs` to arrive and the answer
 * `downMs` to come back.
 */
function sample(skewMs: number, sentAt: number, upMs: number, downMs: number): TimeSample {
  const serverNow = sentAt - skewMs + upMs;
  return { sentAt, receivedAt: sentAt + upMs + downMs, serverNow };
}

describe('clockOffset', () => {
  it.each([
    {
      name: 'a clock 5 minutes fast, symmetric trip',
      samples: [sample(300_000, 1_000, 40, 40)],
      offset: -300_000,
      roundTrip: 80,
    },
    { name: 'a clock 2 hours slow', samples: [sample(-7_200_000, 1_000, 25, 25)], offset: 7_200_000, roundTrip: 50 },
    {
      name: 'an exact clock, asymmetric trip: off by half the asymmetry',
      samples: [sample(0, 1_000, 100, 20)],
      offset: 40,
      roundTrip: 120,
    },
    {
      name: 'the shortest round trip wins',
      samples: [sample(60_000, 1_000, 900, 100), sample(60_000, 3_000, 10, 12), sample(60_000, 5_000, 300, 30)],
      offset: -60_001, // 1 ms off: the trip was 10 ms up, 12 down
      roundTrip: 22,
    },
    {
      name: 'broken samples are ignored',
      samples: [
        { sentAt: 10, receivedAt: 5, serverNow: 0 },
        { sentAt: 0, receivedAt: 10, serverNow: Number.NaN },
        sample(1_000, 100, 5, 5),
      ],
      offset: -1_000,
      roundTrip: 10,
    },
  ])('$name', ({ samples, offset, roundTrip }) => {
    const result = clockOffset(samples);
    expect(result).not.toBeNull();
    expect(result!.offsetMs).toBe(offset);
    expect(result!.roundTripMs).toBe(roundTrip);
    expect(result!.uncertaintyMs).toBe(roundTrip / 2);
  });

  it('is null without a usable sample', () => {
    expect(clockOffset([])).toBeNull();
    expect(clockOffset([{ sentAt: 10, receivedAt: 5, serverNow: 0 }])).toBeNull();
  });

  it('lets two screens with clocks minutes apart show the same timer within a second', () => {
    const serverStart = 1_750_000_000_000;
    const state = start(initialTimer(), serverStart);
    // One machine 3 minutes fast on a slow network, one 90 s slow on a fast one.
    const fast = {
      skew: 180_000,
      offset: clockOffset([
        sample(180_000, serverStart + 180_000, 300, 500),
        sample(180_000, serverStart + 181_000, 200, 210),
      ]),
    };
    const slow = { skew: -90_000, offset: clockOffset([sample(-90_000, serverStart - 90_000, 8, 9)]) };
    const trueServerNow = serverStart + 7 * 60_000 + 12_345;
    const elapsed = [fast, slow].map(
      ({ skew, offset }) => timerView(state, serverTime(trueServerNow + skew, offset)).elapsedMs,
    );
    expect(Math.abs(elapsed[0]! - elapsed[1]!)).toBeLessThan(1_000);
    // Without the correction they would be 4.5 minutes apart.
    expect(Math.abs(elapsed[0]! - 7 * 60_000 - 12_345)).toBeLessThan(1_000);
  });
});

describe('timeSample', () => {
  it.each<[string, unknown, TimeSample | null]>([
    ['a good answer', { now: 123 }, { sentAt: 1, receivedAt: 2, serverNow: 123 }],
    ['no now', {}, null],
    ['now as text', { now: '123' }, null],
    ['not an object', null, null],
  ])('%s', (_name, body, expected) => {
    expect(timeSample(1, 2, body)).toEqual(expected);
  });
});

describe('serverTime', () => {
  it('adds the offset, or nothing before one is known', () => {
    expect(serverTime(1_000, { offsetMs: -250, roundTripMs: 10, uncertaintyMs: 5 })).toBe(750);
    expect(serverTime(1_000, null)).toBe(1_000);
  });
});
