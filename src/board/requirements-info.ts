/**
 * What each requirement field means, for the requirements panel and the
 * report: labels, one-line explanations (board-format.md) and units.
 */
import type { FeatureFlag, ScaleField } from './types';

export const FEATURE_INFO: Record<FeatureFlag, { label: string; description: string }> = {
  search: { label: 'Search', description: 'Full-text search or autocomplete' },
  media: { label: 'Media uploads', description: 'Users upload images or video' },
  staticContent: { label: 'Static content', description: 'Static assets served to many users' },
  asyncJobs: {
    label: 'Background work',
    description: 'Notifications, encoding, fan-out, or "never lose an accepted message"',
  },
  realtime: { label: 'Real-time push', description: 'The server pushes updates to connected clients' },
  analytics: { label: 'Analytics', description: 'Tracking behaviour or business metrics' },
};

export type QuantityKind = 'count' | 'bytes' | 'factor' | 'years';

export const SCALE_INFO: Record<
  ScaleField,
  { label: string; kind: QuantityKind; hint: string; defaultValue?: number }
> = {
  dau: { label: 'Daily active users', kind: 'count', hint: 'e.g. 1M' },
  readsPerUserPerDay: { label: 'Reads per user a day', kind: 'count', hint: 'e.g. 10' },
  writesPerUserPerDay: { label: 'Writes per user a day', kind: 'count', hint: 'e.g. 1' },
  peakFactor: { label: 'Peak over average', kind: 'factor', hint: '3 when empty', defaultValue: 3 },
  bytesPerRead: { label: 'Bytes per read', kind: 'bytes', hint: 'request and response, e.g. 11 KB' },
  bytesPerWrite: { label: 'Bytes per write', kind: 'bytes', hint: 'what one write stores, e.g. 500 B' },
  bytesPerUser: { label: 'Bytes per user', kind: 'bytes', hint: 'profile and settings, e.g. 1 KB' },
  retentionYears: { label: 'Retention', kind: 'years', hint: 'years, e.g. 5' },
  replicationFactor: { label: 'Copies of the data', kind: 'factor', hint: '3 when empty', defaultValue: 3 },
};

/** Availability targets offered in the panel (any value from 99 to 99.999 is allowed). */
export const AVAILABILITY_CHOICES = [99, 99.5, 99.9, 99.95, 99.99, 99.999] as const;
export const MIN_AVAILABILITY = 99;
export const MAX_AVAILABILITY = 99.999;
