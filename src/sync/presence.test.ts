import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { describe, expect, it, vi } from 'vitest';
import { guardRemoteStates, peersOf, UNNAMED } from './presence';

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

describe('guardRemoteStates', () => {
  it('clears a malformed caret before other listeners read it, and keeps a good one', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const doc = new Y.Doc();
    const mine = new Awareness(doc);
    guardRemoteStates(mine);
    const seen: unknown[] = [];
    mine.on('change', ({ updated, added }: { updated: number[]; added: number[] }) => {
      for (const id of [...added, ...updated]) seen.push((mine.getStates().get(id) as { cursor?: unknown }).cursor);
    });
    const theirs = new Awareness(new Y.Doc());
    const send = (cursor: unknown) => {
      theirs.setLocalStateField('cursor', cursor);
      applyAwarenessUpdate(mine, encodeAwarenessUpdate(theirs, [theirs.clientID]), 'remote');
    };
    send({ anchor: { evil: true }, head: 7 });
    const text = doc.getText('t');
    text.insert(0, 'hello');
    const position = JSON.parse(JSON.stringify(Y.createRelativePositionFromTypeIndex(text, 2))) as unknown;
    send({ anchor: position, head: position });
    expect(seen).toEqual([null, { anchor: position, head: position }]);
    // What y-codemirror.next does with it: no throw.
    expect(Y.createAbsolutePositionFromRelativePosition(position as Y.RelativePosition, doc)?.index).toBe(2);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});
