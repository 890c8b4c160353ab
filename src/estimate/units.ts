/**
 * Human units for back-of-the-envelope figures. Decimal throughout, as the
 * interview material counts: 1 KB = 1,000 B ("1 KB × 1M users = 1 GB"), 1K = 1,000.
 * Every formatter keeps three significant digits at most and never prints NaN.
 */

/** What a figure measures; decides how `formatValue` prints it. */
export type Unit = 'count' | 'per-day' | 'per-second' | 'bytes' | 'bytes-per-day' | 'bytes-per-second' | 'factor';

const COUNT_STEPS = [
  { value: 1e12, suffix: 'T' },
  { value: 1e9, suffix: 'B' },
  { value: 1e6, suffix: 'M' },
  { value: 1e3, suffix: 'K' },
] as const;

const BYTE_STEPS = [
  { value: 1e15, suffix: 'PB' },
  { value: 1e12, suffix: 'TB' },
  { value: 1e9, suffix: 'GB' },
  { value: 1e6, suffix: 'MB' },
  { value: 1e3, suffix: 'KB' },
] as const;

const NOT_A_NUMBER = '—';

/** Up to three significant digits, without trailing zeros: 115.74 → "116", 3.850 → "3.85". */
function significant(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  // Below 1,000 toPrecision(3) never switches to exponent notation for the magnitudes we print.
  const rounded = abs >= 100 ? Math.round(abs) : Number(abs.toPrecision(3));
  return (value < 0 ? '-' : '') + String(rounded);
}

function scaled(
  value: number,
  steps: readonly { value: number; suffix: string }[],
  space: string,
  baseSuffix: string,
): string {
  if (!Number.isFinite(value)) return NOT_A_NUMBER;
  const abs = Math.abs(value);
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (abs >= step.value * 0.9995) {
      // 999,700 rounds to "1000K"; print it as "1M" instead.
      const digits = significant(value / step.value);
      if (Math.abs(Number(digits)) >= 1000 && i > 0)
        return significant(value / steps[i - 1]!.value) + space + steps[i - 1]!.suffix;
      return digits + space + step.suffix;
    }
  }
  return significant(value) + (baseSuffix ? space + baseSuffix : '');
}

/** A count with K, M, B, T: 4,629.6 → "4.63K", 1,000,000 → "1M". */
export function formatCount(value: number): string {
  return scaled(value, COUNT_STEPS, '', '');
}

/** Bytes in decimal units: 1,000 → "1 KB", 3,850,000 → "3.85 MB", 8e10 → "80 GB". */
export function formatBytes(value: number): string {
  return scaled(value, BYTE_STEPS, ' ', 'B');
}

/** A rate per second: 347.2 → "347/s", 13,888 → "13.9K/s". */
export function formatPerSecond(value: number): string {
  return `${formatCount(value)}/s`;
}

/** Bytes per second: 3,850,000 → "3.85 MB/s". */
export function formatBytesPerSecond(value: number): string {
  return `${formatBytes(value)}/s`;
}

/** An integer with thousands separators, for the constants in formulas: 86400 → "86,400". */
export function formatInteger(value: number): string {
  if (!Number.isFinite(value)) return NOT_A_NUMBER;
  return Math.round(value).toLocaleString('en-US');
}

/** A figure in the unit it measures, such as a step's value. */
export function formatValue(value: number, unit: Unit): string {
  switch (unit) {
    case 'count':
      return formatCount(value);
    case 'per-day':
      return `${formatCount(value)}/day`;
    case 'per-second':
      return formatPerSecond(value);
    case 'bytes':
      return formatBytes(value);
    case 'bytes-per-day':
      return `${formatBytes(value)}/day`;
    case 'bytes-per-second':
      return formatBytesPerSecond(value);
    case 'factor':
      return `×${significant(value)}`;
  }
}

/** A duration in the largest unit that keeps it readable: 31.5 s, 52.6 min, 8.77 h, 3.65 days. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return NOT_A_NUMBER;
  if (seconds < 60) return `${significant(seconds)} s`;
  if (seconds < 3_600) return `${significant(seconds / 60)} min`;
  if (seconds < 86_400) return `${significant(seconds / 3_600)} h`;
  return `${significant(seconds / 86_400)} days`;
}

const QUANTITY = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i;
const COUNT_MULTIPLIERS: Record<string, number> = { '': 1, k: 1e3, m: 1e6, b: 1e9, t: 1e12 };
const BYTE_MULTIPLIERS: Record<string, number> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, pb: 1e15 };

function parseWith(text: string, multipliers: Record<string, number>): number | undefined {
  const m = QUANTITY.exec(text.replaceAll(',', '').replaceAll('_', ''));
  if (!m) return undefined;
  const multiplier = multipliers[m[2]!.toLowerCase()];
  if (multiplier === undefined) return undefined;
  const value = Number(m[1]) * multiplier;
  return Number.isFinite(value) ? value : undefined;
}

/** Reads a count typed the way people write it: "10M", "1.5K", "86,400", "2B" (billion). Undefined if it is not one. */
export function parseCount(text: string): number | undefined {
  return parseWith(text, COUNT_MULTIPLIERS);
}

/** Reads a size in decimal units: "200", "200 B", "1 KB", "3.5GB". Undefined if it is not one. */
export function parseBytes(text: string): number | undefined {
  return parseWith(text, BYTE_MULTIPLIERS);
}
