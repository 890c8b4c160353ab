/**
 * The back-of-the-envelope estimator: requirements in, QPS, storage and
 * bandwidth out, with every step of the arithmetic as data for the UI.
 *
 * How the scale fields map onto the figures (the vocabulary of the interview material):
 * - A read is a request that returns data; a write is one that sends data the
 *   system keeps. `bytesPerRead` is what one read moves over the network,
 *   request and response together (the time-boxed interview guide: a 1 KB request and a 10 KB
 *   response make an 11 KB read). `bytesPerWrite` is what one write sends and
 *   stores (the Slack estimate: a 200-byte message).
 * - Storage grows by writes × bytesPerWrite a day, over `retentionYears` of 365
 *   days, plus DAU × bytesPerUser of per-user data (the time-boxed interview guide multiplies by the
 *   DAU), all times `replicationFactor` copies.
 * - Peak bandwidth is peak reads × bytesPerRead + peak writes × bytesPerWrite.
 * A missing input makes the figures that need it 0 (listed in `missing`),
 * never NaN; peakFactor and replicationFactor default to 3 (listed in `assumed`).
 */
import type { Requirements, ScaleField } from '../board/types';
import { formatBytes, formatCount, formatInteger, formatPerSecond, type Unit } from './units';

/** Seconds in a day, as the interview material counts them. */
export const SECONDS_PER_DAY = 86_400;
/** Days in a year of retention. */
export const DAYS_PER_YEAR = 365;
/** Peak traffic over the daily average when the requirements do not say (the time-boxed interview guide: "Peak traffic: 3x"). */
export const DEFAULT_PEAK_FACTOR = 3;
/** Copies of every byte when the requirements do not say (the time-boxed interview guide: "With replication (3x)"). */
export const DEFAULT_REPLICATION_FACTOR = 3;

/** The figures the command line prints and the linter's load model reads. */
export interface EstimateFigures {
  avgReadQps: number;
  avgWriteQps: number;
  avgQps: number;
  peakReadQps: number;
  peakWriteQps: number;
  peakQps: number;
  /** New data a day, one copy. */
  storagePerDayBytes: number;
  /** Growth over the retention plus per-user data, times replication. */
  storageTotalBytes: number;
  peakBandwidthBytesPerSec: number;
}

/** The figures, in the order the command line prints them. */
export const ESTIMATE_FIGURE_KEYS = [
  'avgReadQps',
  'avgWriteQps',
  'avgQps',
  'peakReadQps',
  'peakWriteQps',
  'peakQps',
  'storagePerDayBytes',
  'storageTotalBytes',
  'peakBandwidthBytesPerSec',
] as const satisfies readonly (keyof EstimateFigures)[];

/** Which step of the arithmetic, for the panel to key and label it. */
export type EstimateStepId =
  | 'reads-per-day'
  | 'avg-read-qps'
  | 'writes-per-day'
  | 'avg-write-qps'
  | 'avg-qps'
  | 'peak-read-qps'
  | 'peak-write-qps'
  | 'peak-qps'
  | 'storage-per-day'
  | 'storage-growth'
  | 'user-data'
  | 'storage-total'
  | 'peak-bandwidth';

/** One line of the arithmetic, as the estimation panel shows it. */
export interface EstimateStep {
  id: EstimateStepId;
  label: string;
  /** The arithmetic in human units, such as "1M DAU × 10 reads". */
  formula: string;
  value: number;
  unit: Unit;
  /** Inputs of this step that took their default value. */
  assumed?: ScaleField[];
}

/** The figures with the daily counts, the factors used, and how they were reached. */
export interface Estimate extends EstimateFigures {
  readsPerDay: number;
  writesPerDay: number;
  /** The factors used, given or default. */
  peakFactor: number;
  replicationFactor: number;
  /** Inputs that took their default (peakFactor, replicationFactor). */
  assumed: ScaleField[];
  /** Inputs not given: the figures that need them are 0. */
  missing: ScaleField[];
  /** The arithmetic step by step; a step whose inputs are missing is left out. */
  steps: EstimateStep[];
}

/** A usable input: a finite number, at least 0. */
function given(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** Turns requirements into the back-of-the-envelope figures and their steps. */
export function estimate(requirements?: Requirements | null): Estimate {
  const scale = requirements?.scale ?? {};
  const steps: EstimateStep[] = [];
  const missing: ScaleField[] = [];
  const assumed: ScaleField[] = [];
  const input = (field: ScaleField): number | undefined => {
    const value = scale[field];
    if (given(value)) return value;
    missing.push(field);
    return undefined;
  };

  const dau = input('dau');
  const readsPerUser = input('readsPerUserPerDay');
  const writesPerUser = input('writesPerUserPerDay');
  const bytesPerRead = input('bytesPerRead');
  const bytesPerWrite = input('bytesPerWrite');
  const bytesPerUser = input('bytesPerUser');
  const retentionYears = input('retentionYears');

  // Factors of 0 would zero every peak or every copy: treat them as not given.
  let peakFactor = scale.peakFactor;
  if (!given(peakFactor) || peakFactor === 0) {
    peakFactor = DEFAULT_PEAK_FACTOR;
    assumed.push('peakFactor');
  }
  let replicationFactor = scale.replicationFactor;
  if (!given(replicationFactor) || replicationFactor === 0) {
    replicationFactor = DEFAULT_REPLICATION_FACTOR;
    assumed.push('replicationFactor');
  }
  const peakAssumed = assumed.includes('peakFactor') ? { assumed: ['peakFactor' as const] } : {};
  const copiesAssumed = assumed.includes('replicationFactor') ? { assumed: ['replicationFactor' as const] } : {};

  // Traffic.
  const hasReads = dau !== undefined && readsPerUser !== undefined;
  const hasWrites = dau !== undefined && writesPerUser !== undefined;
  const readsPerDay = hasReads ? dau * readsPerUser : 0;
  const writesPerDay = hasWrites ? dau * writesPerUser : 0;
  const avgReadQps = readsPerDay / SECONDS_PER_DAY;
  const avgWriteQps = writesPerDay / SECONDS_PER_DAY;
  const avgQps = avgReadQps + avgWriteQps;
  const peakReadQps = avgReadQps * peakFactor;
  const peakWriteQps = avgWriteQps * peakFactor;
  const peakQps = avgQps * peakFactor;
  const perDay = ` / ${formatInteger(SECONDS_PER_DAY)} s`;
  const times = `× ${formatCount(peakFactor)} peak factor`;

  if (hasReads) {
    steps.push({
      id: 'reads-per-day',
      label: 'Reads a day',
      formula: `${formatCount(dau)} DAU × ${formatCount(readsPerUser)} reads`,
      value: readsPerDay,
      unit: 'per-day',
    });
    steps.push({
      id: 'avg-read-qps',
      label: 'Average reads a second',
      formula: `${formatCount(readsPerDay)} reads${perDay}`,
      value: avgReadQps,
      unit: 'per-second',
    });
  }
  if (hasWrites) {
    steps.push({
      id: 'writes-per-day',
      label: 'Writes a day',
      formula: `${formatCount(dau)} DAU × ${formatCount(writesPerUser)} writes`,
      value: writesPerDay,
      unit: 'per-day',
    });
    steps.push({
      id: 'avg-write-qps',
      label: 'Average writes a second',
      formula: `${formatCount(writesPerDay)} writes${perDay}`,
      value: avgWriteQps,
      unit: 'per-second',
    });
  }
  if (hasReads && hasWrites) {
    steps.push({
      id: 'avg-qps',
      label: 'Average requests a second',
      formula: `${formatPerSecond(avgReadQps)} + ${formatPerSecond(avgWriteQps)}`,
      value: avgQps,
      unit: 'per-second',
    });
  }
  if (hasReads)
    steps.push({
      id: 'peak-read-qps',
      label: 'Peak reads a second',
      formula: `${formatPerSecond(avgReadQps)} ${times}`,
      value: peakReadQps,
      unit: 'per-second',
      ...peakAssumed,
    });
  if (hasWrites)
    steps.push({
      id: 'peak-write-qps',
      label: 'Peak writes a second',
      formula: `${formatPerSecond(avgWriteQps)} ${times}`,
      value: peakWriteQps,
      unit: 'per-second',
      ...peakAssumed,
    });
  if (hasReads || hasWrites)
    steps.push({
      id: 'peak-qps',
      label: 'Peak requests a second',
      formula: `${formatPerSecond(avgQps)} ${times}`,
      value: peakQps,
      unit: 'per-second',
      ...peakAssumed,
    });

  // Storage.
  const hasDailyStorage = hasWrites && bytesPerWrite !== undefined;
  const storagePerDayBytes = hasDailyStorage ? writesPerDay * bytesPerWrite : 0;
  const hasGrowth = hasDailyStorage && retentionYears !== undefined;
  const growthBytes = hasGrowth ? storagePerDayBytes * DAYS_PER_YEAR * retentionYears : 0;
  const hasUserData = dau !== undefined && bytesPerUser !== undefined;
  const userDataBytes = hasUserData ? dau * bytesPerUser : 0;
  const storageTotalBytes = (growthBytes + userDataBytes) * replicationFactor;

  if (hasDailyStorage) {
    steps.push({
      id: 'storage-per-day',
      label: 'New data a day',
      formula: `${formatCount(writesPerDay)} writes × ${formatBytes(bytesPerWrite)}`,
      value: storagePerDayBytes,
      unit: 'bytes-per-day',
    });
  }
  if (hasGrowth) {
    steps.push({
      id: 'storage-growth',
      label: 'Growth over the retention',
      formula: `${formatBytes(storagePerDayBytes)}/day × ${DAYS_PER_YEAR} days × ${formatCount(retentionYears)} years`,
      value: growthBytes,
      unit: 'bytes',
    });
  }
  if (hasUserData) {
    steps.push({
      id: 'user-data',
      label: 'Per-user data',
      formula: `${formatCount(dau)} users × ${formatBytes(bytesPerUser)}`,
      value: userDataBytes,
      unit: 'bytes',
    });
  }
  if (hasGrowth || hasUserData) {
    const parts = [hasGrowth ? formatBytes(growthBytes) : '', hasUserData ? formatBytes(userDataBytes) : ''].filter(
      Boolean,
    );
    const sum = parts.length > 1 ? `(${parts.join(' + ')})` : parts[0]!;
    steps.push({
      id: 'storage-total',
      label: 'Total storage',
      formula: `${sum} × ${formatCount(replicationFactor)} copies`,
      value: storageTotalBytes,
      unit: 'bytes',
      ...copiesAssumed,
    });
  }

  // Bandwidth.
  const readBandwidth = bytesPerRead !== undefined ? peakReadQps * bytesPerRead : 0;
  const writeBandwidth = bytesPerWrite !== undefined ? peakWriteQps * bytesPerWrite : 0;
  const peakBandwidthBytesPerSec = readBandwidth + writeBandwidth;
  const bandwidthTerms: string[] = [];
  if (hasReads && bytesPerRead !== undefined)
    bandwidthTerms.push(`${formatPerSecond(peakReadQps)} × ${formatBytes(bytesPerRead)}`);
  if (hasWrites && bytesPerWrite !== undefined)
    bandwidthTerms.push(`${formatPerSecond(peakWriteQps)} × ${formatBytes(bytesPerWrite)}`);
  if (bandwidthTerms.length > 0) {
    steps.push({
      id: 'peak-bandwidth',
      label: 'Peak bandwidth',
      formula: bandwidthTerms.join(' + '),
      value: peakBandwidthBytesPerSec,
      unit: 'bytes-per-second',
    });
  }

  return {
    avgReadQps,
    avgWriteQps,
    avgQps,
    peakReadQps,
    peakWriteQps,
    peakQps,
    storagePerDayBytes,
    storageTotalBytes,
    peakBandwidthBytesPerSec,
    readsPerDay,
    writesPerDay,
    peakFactor,
    replicationFactor,
    assumed,
    missing,
    steps,
  };
}

/** Just the figures, for the command line's JSON and other plain consumers. */
export function estimateFigures(estimate: EstimateFigures): EstimateFigures {
  const figures = {} as EstimateFigures;
  for (const key of ESTIMATE_FIGURE_KEYS) figures[key] = estimate[key];
  return figures;
}

/** Downtime a year an availability percentage allows: 99.99 → about 52.6 minutes. */
export function allowedDowntimeSecondsPerYear(availabilityPercent: number): number {
  if (!Number.isFinite(availabilityPercent)) return 0;
  const clamped = Math.min(100, Math.max(0, availabilityPercent));
  return ((100 - clamped) / 100) * DAYS_PER_YEAR * SECONDS_PER_DAY;
}
