import { describe, expect, it } from 'vitest';
import { allowedDowntimeSecondsPerYear, estimate, estimateFigures, ESTIMATE_FIGURE_KEYS } from './estimate';
import { formatBytes, formatBytesPerSecond, formatPerSecond } from './units';

/** Within `percent` of `expected`: the worked estimates round aggressively ("~115", "~3.85 MB"). */
function expectAbout(actual: number, expected: number, percent = 2) {
  expect(Math.abs(actual - expected) / expected).toBeLessThanOrEqual(percent / 100);
}

describe('estimate: the worked examples of the interview material', () => {
  it('the worked estimate: 1M DAU × 10 requests a day ≈ 115/s, peak 3× ≈ 350/s', () => {
    const e = estimate({ scale: { dau: 1_000_000, readsPerUserPerDay: 10 } });
    expectAbout(e.avgQps, 115);
    expect(e.avgQps).toBeCloseTo(10_000_000 / 86_400, 6);
    expectAbout(e.peakQps, 350);
    expect(e.peakFactor).toBe(3);
    expect(e.assumed).toContain('peakFactor');
    expect(formatPerSecond(e.avgQps)).toBe('116/s');
    expect(formatPerSecond(e.peakQps)).toBe('347/s');
  });

  it('the worked estimate: 1 KB × 1M users = 1 GB, 3 GB with three copies', () => {
    const e = estimate({ scale: { dau: 1_000_000, bytesPerUser: 1_000 } });
    expect(e.steps.find((s) => s.id === 'user-data')?.value).toBe(1e9);
    expect(e.storageTotalBytes).toBe(3e9);
    expect(e.replicationFactor).toBe(3);
    expect(formatBytes(e.storageTotalBytes)).toBe('3 GB');
    expect(e.steps.find((s) => s.id === 'storage-total')?.formula).toBe('1 GB × 3 copies');
  });

  it('the worked estimate: 350/s × (1 KB request + 10 KB response) ≈ 3.85 MB/s', () => {
    // A read moves its request and its response: bytesPerRead = 11 KB.
    const e = estimate({ scale: { dau: 1_000_000, readsPerUserPerDay: 10, bytesPerRead: 11_000 } });
    expectAbout(e.peakBandwidthBytesPerSec, 3.85e6);
    expect(formatBytesPerSecond(350 * 11_000)).toBe('3.85 MB/s');
    expect(formatBytesPerSecond(e.peakBandwidthBytesPerSec)).toBe('3.82 MB/s');
  });

  it('the Slack estimate: 10M DAU × 40 messages = 400M a day ≈ 4,600/s, ~15,000 at ~3.3× peak, 200 B each ≈ 80 GB a day', () => {
    const e = estimate({ scale: { dau: 10_000_000, writesPerUserPerDay: 40, bytesPerWrite: 200, peakFactor: 3.25 } });
    expect(e.writesPerDay).toBe(400_000_000);
    expectAbout(e.avgWriteQps, 4_600);
    expectAbout(e.peakWriteQps, 15_000);
    expect(e.storagePerDayBytes).toBe(80e9);
    expect(formatBytes(e.storagePerDayBytes)).toBe('80 GB');
    expect(e.assumed).not.toContain('peakFactor');
    // With the default factor of 3 the peak is about 14K.
    expectAbout(estimate({ scale: { dau: 10_000_000, writesPerUserPerDay: 40 } }).peakQps, 13_900);
  });
});

describe('estimate: the rest of the arithmetic', () => {
  const urlShortener = {
    dau: 1_000_000,
    readsPerUserPerDay: 10,
    writesPerUserPerDay: 1,
    peakFactor: 3,
    bytesPerWrite: 500,
    bytesPerRead: 500,
    bytesPerUser: 1_000,
    retentionYears: 5,
    replicationFactor: 3,
  };

  it('adds growth over the retention to per-user data, times replication', () => {
    const e = estimate({ scale: urlShortener });
    expect(e.storagePerDayBytes).toBe(1_000_000 * 500);
    const growth = 1_000_000 * 500 * 365 * 5;
    expect(e.storageTotalBytes).toBe((growth + 1e9) * 3);
    expect(e.avgReadQps).toBeCloseTo(115.74, 2);
    expect(e.avgWriteQps).toBeCloseTo(11.574, 3);
    expect(e.peakBandwidthBytesPerSec).toBeCloseTo(e.peakReadQps * 500 + e.peakWriteQps * 500, 6);
    expect(e.missing).toEqual([]);
    expect(e.assumed).toEqual([]);
  });

  it('shows every step with its formula in human units', () => {
    const e = estimate({ scale: urlShortener });
    const formulas = Object.fromEntries(e.steps.map((s) => [s.id, s.formula]));
    expect(formulas['reads-per-day']).toBe('1M DAU × 10 reads');
    expect(formulas['avg-read-qps']).toBe('10M reads / 86,400 s');
    expect(formulas['peak-qps']).toBe('127/s × 3 peak factor');
    expect(formulas['storage-growth']).toBe('500 MB/day × 365 days × 5 years');
    expect(formulas['storage-total']).toBe('(913 GB + 1 GB) × 3 copies');
    expect(formulas['peak-bandwidth']).toBe('347/s × 500 B + 34.7/s × 500 B');
    expect(e.steps.map((s) => s.id)).toEqual([
      'reads-per-day',
      'avg-read-qps',
      'writes-per-day',
      'avg-write-qps',
      'avg-qps',
      'peak-read-qps',
      'peak-write-qps',
      'peak-qps',
      'storage-per-day',
      'storage-growth',
      'user-data',
      'storage-total',
      'peak-bandwidth',
    ]);
  });

  it('marks the steps that used a default', () => {
    const e = estimate({ scale: { dau: 1000, readsPerUserPerDay: 1, bytesPerUser: 10 } });
    expect(e.steps.find((s) => s.id === 'peak-read-qps')?.assumed).toEqual(['peakFactor']);
    expect(e.steps.find((s) => s.id === 'storage-total')?.assumed).toEqual(['replicationFactor']);
    expect(e.steps.find((s) => s.id === 'avg-read-qps')?.assumed).toBeUndefined();
  });

  it.each([
    ['no requirements', undefined],
    ['empty scale', { scale: {} }],
    ['only DAU', { scale: { dau: 5_000 } }],
    ['factors of zero', { scale: { peakFactor: 0, replicationFactor: 0 } }],
    ['garbage while typing', { scale: { dau: Number.NaN, readsPerUserPerDay: -1, bytesPerRead: Infinity } as never }],
  ])('%s gives zeros, never NaN', (_name, requirements) => {
    const e = estimate(requirements);
    for (const key of ESTIMATE_FIGURE_KEYS) {
      expect(Number.isFinite(e[key]), key).toBe(true);
      expect(e[key]).toBe(0);
    }
    for (const step of e.steps) expect(Number.isFinite(step.value)).toBe(true);
  });

  it('lists the inputs it did not get and leaves their steps out', () => {
    const e = estimate({ scale: { dau: 1_000, readsPerUserPerDay: 2 } });
    expect(e.missing).toEqual([
      'writesPerUserPerDay',
      'bytesPerRead',
      'bytesPerWrite',
      'bytesPerUser',
      'retentionYears',
    ]);
    expect(e.steps.map((s) => s.id)).toEqual(['reads-per-day', 'avg-read-qps', 'peak-read-qps', 'peak-qps']);
  });

  it('estimateFigures keeps exactly the figures', () => {
    const figures = estimateFigures(estimate({ scale: urlShortener }));
    expect(Object.keys(figures)).toEqual([...ESTIMATE_FIGURE_KEYS]);
  });

  it('converts availability to downtime a year', () => {
    expect(allowedDowntimeSecondsPerYear(99.99) / 60).toBeCloseTo(52.56, 2);
    expect(allowedDowntimeSecondsPerYear(99.9) / 3600).toBeCloseTo(8.76, 2);
  });
});
