import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatBytesPerSecond,
  formatCount,
  formatDuration,
  formatInteger,
  formatPerSecond,
  formatValue,
  parseBytes,
  parseCount,
} from './units';

describe('units', () => {
  it.each([
    [0, '0'],
    [0.5, '0.5'],
    [11.574, '11.6'],
    [115.74, '116'],
    [999.4, '999'],
    [999.7, '1K'],
    [1_000, '1K'],
    [1_500, '1.5K'],
    [4_629.6, '4.63K'],
    [116_000, '116K'],
    [999_800, '1M'],
    [1_000_000, '1M'],
    [400_000_000, '400M'],
    [2.5e9, '2.5B'],
    [3e12, '3T'],
    [Number.NaN, '—'],
  ])('formatCount(%d) is %s', (value, text) => expect(formatCount(value)).toBe(text));

  it.each([
    [200, '200 B'],
    [1_000, '1 KB'],
    [11_000, '11 KB'],
    [1e9, '1 GB'],
    [3e9, '3 GB'],
    [80e9, '80 GB'],
    [2.74e12, '2.74 TB'],
    [5e15, '5 PB'],
  ])('formatBytes(%d) is %s (decimal units)', (value, text) => expect(formatBytes(value)).toBe(text));

  it('formats rates, integers, durations and step values', () => {
    expect(formatPerSecond(347.2)).toBe('347/s');
    expect(formatBytesPerSecond(3.85e6)).toBe('3.85 MB/s');
    expect(formatInteger(86_400)).toBe('86,400');
    expect(formatDuration(3_153.6)).toBe('52.6 min');
    expect(formatDuration(31_536)).toBe('8.76 h');
    expect(formatValue(10_000_000, 'per-day')).toBe('10M/day');
    expect(formatValue(80e9, 'bytes-per-day')).toBe('80 GB/day');
    expect(formatValue(3, 'factor')).toBe('×3');
  });

  it('parses what people type', () => {
    expect(parseCount('10M')).toBe(10_000_000);
    expect(parseCount('1.5k')).toBe(1_500);
    expect(parseCount('86,400')).toBe(86_400);
    expect(parseCount('2B')).toBe(2e9);
    expect(parseCount('ten')).toBeUndefined();
    expect(parseBytes('1 KB')).toBe(1_000);
    expect(parseBytes('200 B')).toBe(200);
    expect(parseBytes('3.5GB')).toBe(3.5e9);
    expect(parseBytes('3 XB')).toBeUndefined();
  });
});
