/**
 * A store that keeps documents in a Map: for tests, benchmarks of the sync
 * path alone, and as the simplest reading of the BoardStorage contract.
 */
import { assertBefore, selectHistory } from './history-entries';
import {
  StorageClosedError,
  type BoardStorage,
  type HistoryEntry,
  type HistoryRange,
  type UpdateOrigin,
} from './storage';

/** BoardStorage in memory. Pass the same maps to a new instance to model a restart. */
export class MemoryStorage implements BoardStorage {
  private closed = false;

  constructor(
    readonly documents: Map<string, Uint8Array[]> = new Map(),
    readonly histories: Map<string, HistoryEntry[]> = new Map(),
  ) {}

  async loadUpdates(docKey: string): Promise<Uint8Array[]> {
    this.assertOpen();
    return [...(this.documents.get(docKey) ?? [])];
  }

  append(docKey: string, update: Uint8Array, origin: UpdateOrigin): void {
    this.assertOpen();
    // A copy: the caller may reuse its buffer, a real store would have written it out.
    const copy = Uint8Array.from(update);
    appendTo(this.documents, docKey, copy);
    appendTo(this.histories, docKey, { t: origin.t, by: origin.by && { ...origin.by }, update: copy });
  }

  async compact(docKey: string, state: Uint8Array): Promise<void> {
    this.assertOpen();
    this.documents.set(docKey, [Uint8Array.from(state)]);
  }

  async loadHistory(docKey: string, range?: HistoryRange): Promise<HistoryEntry[]> {
    this.assertOpen();
    return selectHistory(this.histories.get(docKey) ?? [], range);
  }

  async replaceHistory(docKey: string, before: number, entries: readonly HistoryEntry[]): Promise<void> {
    this.assertOpen();
    assertBefore(before, entries);
    const kept = (this.histories.get(docKey) ?? []).filter((entry) => entry.t >= before);
    const replacement = entries.map((entry) => ({ ...entry, update: Uint8Array.from(entry.update) }));
    this.histories.set(docKey, [...replacement, ...kept]);
  }

  async flush(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new StorageClosedError();
  }
}

function appendTo<T>(lists: Map<string, T[]>, key: string, item: T): void {
  const list = lists.get(key);
  if (list) list.push(item);
  else lists.set(key, [item]);
}
