import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { describe, expect, it } from 'vitest';
import { encodeUpdate, MESSAGE_SYNC } from './protocol';

describe('encodeUpdate', () => {
  it('writes the bytes y-protocols writes, whatever the length prefix takes', () => {
    for (const length of [0, 1, 127, 128, 129, 16_383, 16_384, 300_000]) {
      const update = Uint8Array.from({ length }, (_, i) => i % 251);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      expect(Buffer.from(encoding.toUint8Array(encoder)).equals(encodeUpdate(update)), `length ${length}`).toBe(true);
    }
  });
});
