import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { describe, expect, it, vi } from 'vitest';
import { peersOf, UNNAMED } from './presence';

describe('peersOf', () => {
  it('reads a wrong-typed name, colour and role as missing, with a warning, and never throws', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const mine = new Awareness(new Y.Doc());
    const theirs = new Awareness(new Y.Doc());
    theirs.setLocalState({
      user: { name: 42, color: 'red;background:url(x)', role: 'admin' },
      pointer: { x: 'a', y: 1 },
      selection: ['b1', 7],
    });
    applyAwarenessUpdate(mine, encodeAwarenessUpdate(theirs, [theirs.clientID]), 'remote');
    const [peer] = peersOf(mine);
    expect(peer).toMatchObject({
      user: { name: UNNAMED, color: '#94a3b8', role: 'observer' },
      pointer: null,
      selection: ['b1'],
    });
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
