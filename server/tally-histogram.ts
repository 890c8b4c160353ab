/**
 * A Prometheus histogram of one unlabelled series for a per-message hot path:
 * observe() adds to a bucket count in a plain array, and the registry reads
 * the counts only when scraped. prom-client's own Histogram.observe validates
 * and hashes its labels and looks its series up on every call, which costs
 * more than the rest of the bookkeeping of one document update. What a
 * scrape shows (text exposition and JSON) is what prom-client's Histogram
 * shows for the same observations: tests/server/tally-histogram.test.ts holds
 * the two side by side.
 */
import type { Metric, Registry } from 'prom-client';

export interface TallyHistogramConfig {
  name: string;
  help: string;
  /** Upper bounds, ascending, without +Inf. */
  buckets: readonly number[];
  registers: readonly Registry[];
}

interface ExportedValue {
  labels: Record<string, number | string>;
  sharedLabels: Record<string, never>;
  value: number;
  metricName: string;
  exemplar?: null;
}

export class TallyHistogram {
  readonly name: string;
  readonly help: string;
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly upperBounds: readonly number[];
  /** Observations per bucket (not cumulative); the last slot holds those above every bound. */
  private readonly counts: Float64Array;
  private sum = 0;
  private count = 0;
  /** Whether the series exists: from the start, and after a reset only once observed again (as prom-client has it). */
  private present = true;

  constructor(config: TallyHistogramConfig) {
    this.name = config.name;
    this.help = config.help;
    this.upperBounds = [...config.buckets];
    this.counts = new Float64Array(this.upperBounds.length + 1);
    for (const registry of config.registers) registry.registerMetric(this as unknown as Metric);
  }

  /** Counts one observation (a finite number; anything else is ignored, as no scrape could show it). */
  observe(value: number): void {
    if (!Number.isFinite(value)) return;
    const bounds = this.upperBounds;
    let i = 0;
    while (i < bounds.length && value > bounds[i]!) i++;
    this.counts[i]!++;
    this.present = true;
    this.sum += value;
    this.count++;
  }

  reset(): void {
    this.counts.fill(0);
    this.sum = 0;
    this.count = 0;
    this.present = false;
  }

  /** The values as prom-client's Histogram hands them to the registry's text exposition. */
  getForPromString(): Promise<{
    name: string;
    help: string;
    type: string;
    values: ExportedValue[];
    aggregator: string;
  }> {
    const bucket = `${this.name}_bucket`;
    const values: ExportedValue[] = [];
    if (!this.present)
      return Promise.resolve({
        name: this.name,
        help: this.help,
        type: this.type,
        values,
        aggregator: this.aggregator,
      });
    let cumulative = 0;
    this.upperBounds.forEach((le, i) => {
      cumulative += this.counts[i]!;
      values.push({ labels: { le }, sharedLabels: {}, value: cumulative, metricName: bucket, exemplar: null });
    });
    values.push(
      { labels: { le: '+Inf' }, sharedLabels: {}, value: this.count, metricName: bucket, exemplar: null },
      { labels: {}, sharedLabels: {}, value: this.sum, metricName: `${this.name}_sum`, exemplar: undefined },
      { labels: {}, sharedLabels: {}, value: this.count, metricName: `${this.name}_count`, exemplar: undefined },
    );
    return Promise.resolve({ name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator });
  }

  /** The values as prom-client's Histogram.get() returns them (JSON, cluster aggregation). */
  async get(): Promise<{ name: string; help: string; type: string; values: object[]; aggregator: string }> {
    const data = await this.getForPromString();
    // prom-client's splayLabels: the labels last, with the shared ones (none here) merged in.
    return {
      ...data,
      values: data.values.map(({ sharedLabels: _shared, labels, ...value }) => ({ ...value, labels })),
    };
  }
}
