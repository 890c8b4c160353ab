import { describe, expect, it } from 'vitest';
import * as codes from './close-codes';
import {
  CLOSE_CODE_TEXTS,
  CLOSE_DOCUMENT_TOO_LARGE,
  CLOSE_RATE_LIMITED,
  CLOSE_ROOM_FULL,
  CLOSE_STORAGE_FAILURE,
  CLOSE_WRONG_FIELD_TYPE,
  closeReason,
  closeText,
  type CloseCode,
  isFinalClose,
  REFUSAL_TEXTS,
} from './close-codes';

const closeCodes = Object.entries(codes as Record<string, unknown>).filter(
  (entry): entry is [string, CloseCode] => entry[0].startsWith('CLOSE_') && typeof entry[1] === 'number',
);

describe('close codes', () => {
  it('each code the server may send has a label and a sentence for the person, and codes are distinct', () => {
    expect(closeCodes.length).toBeGreaterThanOrEqual(15);
    for (const [name, code] of closeCodes) {
      expect(CLOSE_CODE_TEXTS[code]?.label, name).toMatch(/\S/);
      expect(CLOSE_CODE_TEXTS[code]?.text, name).toMatch(/\.$/);
    }
    expect(new Set(closeCodes.map(([, code]) => code)).size).toBe(closeCodes.length);
  });

  it('each code has its reason on the wire; a detail follows it, and the whole fits a close frame', () => {
    for (const [name, code] of closeCodes) expect(closeReason(code), name).toMatch(/^[a-z].*\S$/);
    expect(closeReason(CLOSE_RATE_LIMITED, 'more than 50 per second')).toBe(
      'too many messages: more than 50 per second',
    );
    const long = closeReason(CLOSE_WRONG_FIELD_TYPE, 'é'.repeat(200));
    expect(new TextEncoder().encode(long).byteLength).toBeLessThanOrEqual(123);
    expect(long).not.toContain('\uFFFD');
    expect(long.startsWith('a field of the board set to a value of the wrong type: éé')).toBe(true);
  });

  it('tells what happened in the words a person needs', () => {
    expect(closeText(CLOSE_ROOM_FULL)?.label).toBe('Board full');
    expect(closeText(CLOSE_STORAGE_FAILURE)?.label).toBe('Storage failing');
    expect(closeText(CLOSE_DOCUMENT_TOO_LARGE)?.label).toBe('Board too big');
    expect(closeText(CLOSE_RATE_LIMITED)?.label).toBe('Rate limited');
    expect(closeText(CLOSE_WRONG_FIELD_TYPE)?.text).toContain('wrong type');
    expect(REFUSAL_TEXTS[404].label).toBe('Board not found');
    expect(REFUSAL_TEXTS[403].label).toBe('No permission');
  });

  it('falls back to the reason, then to the code of a final close; a network drop says nothing', () => {
    expect(closeText(4001, 'maintenance')).toEqual({
      label: 'Disconnected',
      text: 'The server closed the connection: maintenance.',
    });
    expect(closeText(4499)?.text).toBe('The server closed the connection (code 4499).');
    expect(closeText(1006)).toBeNull();
  });

  it('44xx is final (the stock client stops retrying), 45xx and standard codes are retried', () => {
    expect(isFinalClose(CLOSE_WRONG_FIELD_TYPE)).toBe(true);
    expect(isFinalClose(CLOSE_DOCUMENT_TOO_LARGE)).toBe(true);
    expect(isFinalClose(CLOSE_ROOM_FULL)).toBe(false);
    expect(isFinalClose(CLOSE_STORAGE_FAILURE)).toBe(false);
    expect(isFinalClose(1001)).toBe(false);
  });
});
