import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { TallyHistogram } from '../../server/tally-histogram';

const BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1];

/** prom-client's Histogram and the tally histogram, each on a registry of its own, fed the same values. */
function pair() {
  const config = { name: 'archboard_update_handling_seconds', help: 'Time to handle one update', buckets: BUCKETS };
  const reference = new Registry();
  const tallied = new Registry();
  return {
    reference,
    tallied,
    promHistogram: new Histogram({ ...config, registers: [reference] }),
    tally: new TallyHistogram({ ...config, registers: [tallied] }),
  };
}

describe('tally histogram', () => {
  it('scrapes as prom-client’s Histogram does, empty and after observations on and between the bounds', async () => {
    const { reference, tallied, promHistogram, tally } = pair();
    expect(await tallied.metrics()).toBe(await reference.metrics());
    expect(await tallied.getMetricsAsJSON()).toEqual(await reference.getMetricsAsJSON());
    const values = [0, 0.00005, 0.00007, 0.0001, 0.003, 0.1, 0.1000001, 2, 1e-9, ...BUCKETS.map((b) => b * 0.999)];
    for (let i = 0; i < 1000; i++) values.push(((i * 7919) % 1000) / 5000);
    for (const value of values) {
      promHistogram.observe(value);
      tally.observe(value);
    }
    expect(await tallied.metrics()).toBe(await reference.metrics());
    expect(JSON.stringify(await tallied.getMetricsAsJSON())).toBe(JSON.stringify(await reference.getMetricsAsJSON()));
  });

  it('starts over on reset, as the registry’s resetMetrics does it', async () => {
    const { reference, tallied, promHistogram, tally } = pair();
    promHistogram.observe(0.002);
    tally.observe(0.002);
    reference.resetMetrics();
    tallied.resetMetrics();
    expect(await tallied.metrics()).toBe(await reference.metrics());
    promHistogram.observe(0.0004);
    tally.observe(0.0004);
    expect(await tallied.metrics()).toBe(await reference.metrics());
  });

  it('is refused by a registry that holds a metric of its name already', () => {
    const { tallied } = pair();
    expect(
      () =>
        new TallyHistogram({
          name: 'archboard_update_handling_seconds',
          help: 'again',
          buckets: BUCKETS,
          registers: [tallied],
        }),
    ).toThrow();
  });
});
