/**
 * A store that keeps documents in a Map: for tests, benchmarks of the sync
 * path alone, and as the simplest reading of the BoardStorage contract.
 */
import { StorageClosedError, type BoardStorage } from './storage';

/** BoardStorage in memory. Pass the same `documents` map to a new instance to model a restart. */
export class MemoryStorage implements BoardStorage {
  private closed = false;

  constructor(readonly documents: Map<string, Uint8Array[]> = new Map()) {}

  async loadUpdates(docKey: string): Promise<Uint8Array[]> {
    this.assertOpen();
    return [...(this.documents.get(docKey) ?? [])];
  }

  append(docKey: string, update: Uint8Array): void {
    this.assertOpen();
    // A copy: the caller may reuse its buffer, a real store would have written it out.
    const copy = Uint8Array.from(update);
    const updates = this.documents.get(docKey);
    if (updates) updates.push(copy);
    else this.documents.set(docKey, [copy]);
  }

  async compact(docKey: string, state: Uint8Array): Promise<void> {
    this.assertOpen();
    this.documents.set(docKey, [Uint8Array.from(state)]);
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
