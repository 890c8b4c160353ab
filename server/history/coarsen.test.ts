import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryStorage } from '../storage/memory-storage';
import type { HistoryAuthor, HistoryEntry } from '../storage/storage';
import { coarsenEntries, coarseningCut, coarsenStoredHistory, type CoarseningPolicy } from './coarsen';

const policy: CoarseningPolicy = { rawRetentionMs: 60_000, secondRetentionMs: 10 * 60_000 };
const authors: HistoryAuthor[] = [
  { name: 'Ana', role: 'candidate' },
  { name: 'Ben', role: 'interviewer' },
];

/** An interview of edits spread over 40 minutes: several per second at times, by two people and the server. */
function recordInterview(start: number): HistoryEntry[] {
  const doc = new Y.Doc();
  const entries: HistoryEntry[] = [];
  let t = start;
  let by: HistoryAuthor | null = null;
  doc.on('update', (update: Uint8Array) => entries.push({ t, by, update }));
  const blocks = doc.getMap<Y.Map<unknown>>('blocks');
  const notes = doc.getText('notes');
  for (let i = 0; i < 400; i++) {
    t += i % 7 === 0 ? 20_000 : 150 + (i % 5) * 90;
    by = i % 11 === 0 ? null : authors[i % 2]!;
    if (i % 3 === 0) notes.insert(notes.length, `n${i} `);
    else if (i % 3 === 1) {
      const block = new Y.Map<unknown>();
      block.set('x', i);
      blocks.set(`b${i}`, block);
    } else blocks.get(`b${i - 1}`)?.set('x', -i);
  }
  return entries;
}

function stateAt(entries: readonly HistoryEntry[], t: number): unknown {
  const doc = new Y.Doc();
  for (const entry of entries) if (entry.t <= t) Y.applyUpdate(doc, entry.update);
  return {
    blocks: doc.getMap('blocks').toJSON(),
    notes: doc.getText('notes').toString(),
    pending: doc.store.pendingStructs,
  };
}

describe('history coarsening', () => {
  const start = Date.UTC(2026, 0, 5, 9, 0, 0);
  const entries = recordInterview(start);
  // The last half minute of edits is younger than the raw retention; the first ones older than the per-second one.
  const now = entries.at(-1)!.t + 30_000;
  const cut = coarseningCut(now, policy);
  const old = entries.filter((e) => e.t < cut);
  const coarse = coarsenEntries(old, now, policy);

  it('merges old entries into far fewer', () => {
    expect(old.length).toBeGreaterThan(300);
    expect(entries.length - old.length).toBeGreaterThan(5);
    expect(coarse.length).toBeLessThan(old.length / 2);
  });

  it('keeps the document at every retained time and at the end', () => {
    const after = [...coarse, ...entries.filter((e) => e.t >= cut)];
    const retained = new Set(after.map((e) => e.t));
    for (const t of retained) expect(stateAt(after, t)).toEqual(stateAt(entries, t));
    expect(stateAt(after, Infinity)).toEqual(stateAt(entries, Infinity));
  });

  it('merges per second, then per minute past the second retention, per author', () => {
    const minuteCut = Math.floor((now - policy.secondRetentionMs) / 60_000) * 60_000;
    const perBucket = new Map<string, number>();
    for (const e of coarse) {
      const step = e.t < minuteCut ? 60_000 : 1000;
      const key = `${Math.floor(e.t / step)}/${e.by?.name ?? ''}`;
      perBucket.set(key, (perBucket.get(key) ?? 0) + 1);
    }
    expect([...perBucket.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(coarse.map((e) => e.by?.name ?? null))).toEqual(new Set(['Ana', 'Ben', null]));
  });

  it('is idempotent, and leaves raw history alone', async () => {
    expect(coarsenEntries(coarse, now, policy)).toHaveLength(coarse.length);
    const storage = new MemoryStorage();
    for (const e of entries) storage.append('board', e.update, e);
    const first = await coarsenStoredHistory(storage, 'board', now, policy);
    expect(first).toEqual({ before: old.length, after: coarse.length });
    const second = await coarsenStoredHistory(storage, 'board', now, policy);
    expect(second).toEqual({ before: coarse.length, after: coarse.length });
    const stored = await storage.loadHistory('board');
    expect(stored.filter((e) => e.t >= cut)).toEqual(entries.filter((e) => e.t >= cut));
    expect(stateAt(stored, Infinity)).toEqual(stateAt(entries, Infinity));
  });
});
