/**
 * Coarsening of old history. Entries older than the raw retention are merged
 * per second, entries older than the per-second retention per minute; each
 * merge is per author, so "who drew this" survives. Every merged entry of a
 * bucket takes the bucket's last time: the document at any retained time (a
 * bucket's end, or any time in the raw part) is exactly what it was, and no
 * entry ever holds a struct whose dependencies come later.
 */
import * as Y from 'yjs';
import { HISTORY_RAW_RETENTION_MS, HISTORY_SECOND_RETENTION_MS } from '../../src/limits';
import type { BoardStorage, HistoryEntry } from '../storage/storage';

/** How old history is coarsened; the production values are in src/limits.ts. */
export interface CoarseningPolicy {
  rawRetentionMs: number;
  secondRetentionMs: number;
}

export const DEFAULT_COARSENING: Readonly<CoarseningPolicy> = Object.freeze({
  rawRetentionMs: HISTORY_RAW_RETENTION_MS,
  secondRetentionMs: HISTORY_SECOND_RETENTION_MS,
});

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const floorTo = (t: number, step: number) => Math.floor(t / step) * step;

/** Entries with t before this are coarsened at `now` (a whole second, so no second is split). */
export function coarseningCut(now: number, policy: CoarseningPolicy = DEFAULT_COARSENING): number {
  return floorTo(now - policy.rawRetentionMs, SECOND);
}

/** The coarsened form of `entries` (all before coarseningCut(now), oldest first). */
export function coarsenEntries(
  entries: readonly HistoryEntry[],
  now: number,
  policy: CoarseningPolicy = DEFAULT_COARSENING,
): HistoryEntry[] {
  const minuteCut = floorTo(now - policy.secondRetentionMs, MINUTE);
  const buckets = new Map<number, Map<string, HistoryEntry[]>>();
  for (const entry of entries) {
    const bucket = entry.t < minuteCut ? floorTo(entry.t, MINUTE) : floorTo(entry.t, SECOND);
    let byAuthor = buckets.get(bucket);
    if (!byAuthor) buckets.set(bucket, (byAuthor = new Map<string, HistoryEntry[]>()));
    const author = entry.by ? `${entry.by.role}\n${entry.by.name}` : '';
    const list = byAuthor.get(author);
    if (list) list.push(entry);
    else byAuthor.set(author, [entry]);
  }
  const merged: HistoryEntry[] = [];
  for (const byAuthor of buckets.values()) {
    const groups = [...byAuthor.values()];
    const end = Math.max(...groups.flat().map((entry) => entry.t));
    for (const group of groups) {
      const update = group.length === 1 ? group[0]!.update : Y.mergeUpdates(group.map((entry) => entry.update));
      merged.push({ t: end, by: group[0]!.by, update });
    }
  }
  // Buckets are met in time order already when entries are; sort anyway for entries a crash replay reordered.
  return merged.sort((a, b) => a.t - b.t);
}

/**
 * Coarsens a document's stored history as of `now`. Returns how many entries
 * it replaced by how many; does nothing when nothing would merge.
 */
export async function coarsenStoredHistory(
  storage: BoardStorage,
  docKey: string,
  now: number,
  policy: CoarseningPolicy = DEFAULT_COARSENING,
): Promise<{ before: number; after: number }> {
  const cut = coarseningCut(now, policy);
  const old = await storage.loadHistory(docKey, { until: cut - 1 });
  const coarse = coarsenEntries(old, now, policy);
  if (coarse.length < old.length) await storage.replaceHistory(docKey, cut, coarse);
  return { before: old.length, after: coarse.length };
}
