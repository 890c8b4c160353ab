/**
 * Whether a room takes a client's update, decided before Yjs sees it: the
 * structure and field checks of update-check.ts, then the room's byte
 * budgets (the document's size, the updates held back for missing
 * dependencies). A refused update is applied, stored and sent nowhere; its
 * sender is closed with the code that says why.
 */
import * as Y from 'yjs';
import {
  CLOSE_BAD_UPDATE,
  CLOSE_DOCUMENT_TOO_LARGE,
  CLOSE_TOO_MUCH_PENDING,
  CLOSE_UPDATE_TOO_DEEP,
  CLOSE_WRONG_FIELD_TYPE,
  type CloseCode,
} from '../../src/protocol/close-codes';
import { inspectUpdate, type ReadUpdate, type UpdateCheck } from './update-check';

/** A refusal: the close code and the detail added to its reason for the sender. */
export interface Refusal {
  code: CloseCode;
  detail?: string;
}

/** The byte budgets of one room. */
export interface DocumentBudgetLimits {
  maxDocumentBytes: number;
  maxPendingBytesPerRoom: number;
}

/**
 * The size of one room's document, kept cheaply: the bytes it loaded plus
 * every update it integrated (an over-estimate, since edits replace edits);
 * only when that passes the limit is the real encoded size measured.
 */
export class DocumentBudget {
  private bytes = 0;

  constructor(private readonly limits: DocumentBudgetLimits) {}

  /** Counts bytes the document took in (loaded or integrated). */
  add(bytes: number): void {
    this.bytes += bytes;
  }

  /** Starts over from a freshly loaded document. */
  reset(bytes: number): void {
    this.bytes = bytes;
  }

  /** The refusal for `update` into `doc`, or null to apply it. */
  admit(doc: Y.Doc, update: Uint8Array): Refusal | null {
    return this.admitAndRead(doc, update).refusal;
  }

  /** The refusal for `update` into `doc` (null to apply it), and what the check read of an update it admits. */
  admitAndRead(doc: Y.Doc, update: Uint8Array): { refusal: Refusal | null; read: ReadUpdate | null } {
    const { check, read } = inspectUpdate(doc, update);
    return { refusal: this.refusalFor(doc, update, check), read };
  }

  private refusalFor(doc: Y.Doc, update: Uint8Array, check: UpdateCheck): Refusal | null {
    if (check.problem) {
      const code =
        check.problem.kind === 'too-deep'
          ? CLOSE_UPDATE_TOO_DEEP
          : check.problem.kind === 'wrong-type'
            ? CLOSE_WRONG_FIELD_TYPE
            : CLOSE_BAD_UPDATE;
      return { code, detail: check.problem.detail };
    }
    if (check.missingDependencies) {
      const pending = doc.store.pendingStructs?.update.byteLength ?? 0;
      const pendingDeletes = doc.store.pendingDs?.byteLength ?? 0;
      if (pending + pendingDeletes + update.byteLength > this.limits.maxPendingBytesPerRoom)
        return {
          code: CLOSE_TOO_MUCH_PENDING,
          detail: `${this.limits.maxPendingBytesPerRoom} bytes of such updates wait already`,
        };
    }
    if (this.bytes + update.byteLength > this.limits.maxDocumentBytes) {
      // Near the limit: measure for real, and count only what the update adds.
      this.bytes = Y.encodeStateAsUpdate(doc).byteLength;
      const added = Y.diffUpdate(update, Y.encodeStateVector(doc)).byteLength;
      if (this.bytes + added > this.limits.maxDocumentBytes)
        return {
          code: CLOSE_DOCUMENT_TOO_LARGE,
          detail: `${this.limits.maxDocumentBytes} bytes`,
        };
    }
    return null;
  }
}
