/**
 * The sync server with stock y-websocket clients over real sockets: convergence,
 * roles, refusals, and misbehaving clients that must not disturb anyone else.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { MAX_MESSAGE_BYTES } from '../../src/limits';
import {
  CLOSE_BAD_UPDATE,
  CLOSE_MALFORMED_MESSAGE,
  CLOSE_MESSAGE_TOO_LARGE,
  CLOSE_RATE_LIMITED,
} from '../../src/protocol/close-codes';
import { applyOpsToDoc, blocksOf, docToBoard } from '../../src/doc/board-doc';
import {
  connectClient,
  createBoard,
  openRawSocket,
  syncUrl,
  tryUpgrade,
  type CreatedBoard,
  type SyncClient,
} from '../helpers/sync-clients';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';

const addBlock = (client: SyncClient, id: string, x = 0) =>
  client.doc.transact(() => applyOpsToDoc(client.doc, [{ op: 'add-block', block: { id, kind: 'service', x, y: 0 } }]));
const hasBlock = (client: SyncClient, id: string) => blocksOf(client.doc).has(id);

describe('sync server', () => {
  let server: TestServer;
  let board: CreatedBoard;
  const clients: SyncClient[] = [];
  const connect = (room: string, token: string | undefined) => {
    const client = connectClient(server.url, room, token);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    server = await startTestServer({ limits: { roomUnloadGraceMs: 100 } });
    board = await createBoard(server.url, { title: 'Sync test' });
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.stop();
  });

  it('makes two clients converge', async () => {
    const interviewer = connect(board.id, board.tokens.interviewer);
    const candidate = connect(board.id, board.tokens.candidate);
    await Promise.all([interviewer.synced, candidate.synced]);
    addBlock(interviewer, 'lb');
    addBlock(candidate, 'db', 100);
    await waitFor(() => hasBlock(interviewer, 'db') && hasBlock(candidate, 'lb'), 'both blocks on both clients');
    candidate.doc.transact(() =>
      applyOpsToDoc(candidate.doc, [{ op: 'update-block', id: 'lb', set: { replicas: 3 } }]),
    );
    await waitFor(
      () => blocksOf(interviewer.doc).get('lb')?.get('replicas') === 3,
      'the candidate’s edit at the interviewer',
    );
    expect(docToBoard(interviewer.doc)).toEqual(docToBoard(candidate.doc));
    expect(docToBoard(interviewer.doc).title).toBe('Sync test');
  });

  it('gives a late joiner everything', async () => {
    const first = connect(board.id, board.tokens.interviewer);
    await first.synced;
    for (let i = 0; i < 30; i++) addBlock(first, `b${i}`, i);
    const late = connect(board.id, board.tokens.candidate);
    await waitFor(() => blocksOf(late.doc).size === 30, 'all 30 blocks at the late joiner');
    expect(docToBoard(late.doc)).toEqual(docToBoard(first.doc));
  });

  it('drops an observer’s writes while the observer still receives everything', async () => {
    const interviewer = connect(board.id, board.tokens.interviewer);
    const candidate = connect(board.id, board.tokens.candidate);
    const observer = connect(board.id, board.tokens.observer);
    await Promise.all([interviewer.synced, candidate.synced, observer.synced]);

    addBlock(observer, 'from-observer');
    // The server handles one socket's messages in order: once the observer's
    // awareness (sent after its write) reaches the candidate, the write was dealt with.
    observer.provider.awareness.setLocalStateField('marker', 'after-write');
    await waitFor(
      () => [...candidate.provider.awareness.getStates().values()].some((s) => s.marker === 'after-write'),
      'the observer’s awareness at the candidate',
    );
    expect(hasBlock(candidate, 'from-observer')).toBe(false);
    expect(hasBlock(interviewer, 'from-observer')).toBe(false);

    addBlock(interviewer, 'from-interviewer');
    await waitFor(() => hasBlock(observer, 'from-interviewer'), 'the interviewer’s block at the observer');
    const late = connect(board.id, board.tokens.candidate);
    await waitFor(() => hasBlock(late, 'from-interviewer'), 'the late joiner synced');
    expect(hasBlock(late, 'from-observer')).toBe(false);
    const metrics = await server.metrics.registry.getSingleMetricAsString('archboard_observer_writes_dropped_total');
    expect(metrics).toMatch(/archboard_observer_writes_dropped_total [1-9]/);
  });

  it('refuses wrong, missing and foreign tokens with 401', async () => {
    const other = await createBoard(server.url);
    const base = `${syncUrl(server.url)}/${board.id}`;
    expect(await tryUpgrade(`${base}?token=${'x'.repeat(32)}`)).toEqual({ opened: false, status: 401 });
    expect(await tryUpgrade(`${base}?token=${board.tokens.interviewer.slice(1)}`)).toEqual({
      opened: false,
      status: 401,
    });
    expect(await tryUpgrade(base)).toEqual({ opened: false, status: 401 });
    expect(await tryUpgrade(`${base}?token=${other.tokens.interviewer}`)).toEqual({ opened: false, status: 401 });
    expect(await tryUpgrade(`${syncUrl(server.url)}/no!such?token=${board.tokens.interviewer}`)).toEqual({
      opened: false,
      status: 404,
    });
  });

  it('opens the private document to the interviewer alone (403 for the others)', async () => {
    const privateUrl = `${syncUrl(server.url)}/${board.id}/private`;
    expect(await tryUpgrade(`${privateUrl}?token=${board.tokens.candidate}`)).toEqual({ opened: false, status: 403 });
    expect(await tryUpgrade(`${privateUrl}?token=${board.tokens.observer}`)).toEqual({ opened: false, status: 403 });
    expect(await tryUpgrade(`${privateUrl}?token=${'y'.repeat(32)}`)).toEqual({ opened: false, status: 401 });

    const notes = connect(`${board.id}/private`, board.tokens.interviewer);
    const secondTab = connect(`${board.id}/private`, board.tokens.interviewer);
    const publicDoc = connect(board.id, board.tokens.candidate);
    await Promise.all([notes.synced, secondTab.synced, publicDoc.synced]);
    notes.doc.getMap('scorecard').set('communication', 'strong');
    await waitFor(
      () => secondTab.doc.getMap('scorecard').get('communication') === 'strong',
      'the private note in the second tab',
    );
    // A separate document: nothing of it reaches the board's.
    expect(publicDoc.doc.getMap('scorecard').size).toBe(0);
  });

  describe('a misbehaving client is closed alone', () => {
    async function roomWithTwoClients() {
      const a = connect(board.id, board.tokens.interviewer);
      const b = connect(board.id, board.tokens.candidate);
      await Promise.all([a.synced, b.synced]);
      const raw = await openRawSocket(`${syncUrl(server.url)}/${board.id}?token=${board.tokens.interviewer}`);
      return { a, b, raw };
    }

    async function expectRoomStillSyncs(a: SyncClient, b: SyncClient, blockId: string) {
      addBlock(a, blockId);
      await waitFor(() => hasBlock(b, blockId), `${blockId} at the other client`);
      expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
    }

    const message = (...parts: Array<(e: encoding.Encoder) => void>) => {
      const encoder = encoding.createEncoder();
      for (const part of parts) part(encoder);
      return encoding.toUint8Array(encoder);
    };

    it.each([
      ['an unknown message type', Uint8Array.of(9, 1, 2)],
      ['an unknown sync step', Uint8Array.of(0, 7, 0)],
      ['an empty message', new Uint8Array(0)],
      ['a truncated payload', Uint8Array.of(0, 2, 50, 1, 2)],
      [
        'awareness that is not JSON',
        message(
          (e) => encoding.writeVarUint(e, 1),
          (e) =>
            encoding.writeVarUint8Array(
              e,
              message((e2) => {
                encoding.writeVarUint(e2, 1);
                encoding.writeVarUint(e2, 7);
                encoding.writeVarUint(e2, 1);
                encoding.writeVarString(e2, '{nope');
              }),
            ),
        ),
      ],
    ])('closes on %s with 4400', async (_name, bytes) => {
      const { a, b, raw } = await roomWithTwoClients();
      raw.socket.send(bytes);
      expect((await raw.closed).code).toBe(CLOSE_MALFORMED_MESSAGE);
      await expectRoomStillSyncs(a, b, 'after-malformed');
    });

    it('closes on a text frame with 4400', async () => {
      const { a, b, raw } = await roomWithTwoClients();
      raw.socket.send('hello');
      expect(await raw.closed).toMatchObject({ code: CLOSE_MALFORMED_MESSAGE, reason: expect.stringMatching(/text/) });
      await expectRoomStillSyncs(a, b, 'after-text');
    });

    it('closes on an update Yjs cannot apply with 4422, leaving the document intact', async () => {
      const { a, b, raw } = await roomWithTwoClients();
      addBlock(a, 'before');
      await waitFor(() => hasBlock(b, 'before'), 'the first block');
      raw.socket.send(
        message(
          (e) => encoding.writeVarUint(e, 0),
          (e) => encoding.writeVarUint(e, 2),
          (e) => encoding.writeVarUint8Array(e, Uint8Array.of(1, 5, 200, 3, 4)),
        ),
      );
      expect((await raw.closed).code).toBe(CLOSE_BAD_UPDATE);
      await expectRoomStillSyncs(a, b, 'after-bad-update');
      const late = connect(board.id, board.tokens.observer);
      await waitFor(() => hasBlock(late, 'after-bad-update'), 'a late joiner synced');
      expect(docToBoard(late.doc)).toEqual(docToBoard(a.doc));
    });

    it('closes on an oversized message with 4413', async () => {
      const { a, b, raw } = await roomWithTwoClients();
      const big = new Uint8Array(MAX_MESSAGE_BYTES + 1024);
      big[0] = 1;
      raw.socket.send(big);
      expect((await raw.closed).code).toBe(CLOSE_MESSAGE_TOO_LARGE);
      await expectRoomStillSyncs(a, b, 'after-oversized');
    });

    it('cuts off a frame beyond ws’s hard ceiling with the standard 1009', async () => {
      const { a, b, raw } = await roomWithTwoClients();
      raw.socket.send(new Uint8Array(3 * MAX_MESSAGE_BYTES));
      expect((await raw.closed).code).toBe(1009);
      await expectRoomStillSyncs(a, b, 'after-huge');
    });

    it('closes a too fast sender with 4429', async () => {
      const { a, b, raw } = await roomWithTwoClients();
      // Query-awareness messages: harmless one by one, a flood all together.
      for (let i = 0; i < 2000 && raw.socket.readyState === raw.socket.OPEN; i++) raw.socket.send(Uint8Array.of(3));
      expect(await raw.closed).toMatchObject({ code: CLOSE_RATE_LIMITED, reason: expect.stringMatching(/per second/) });
      await expectRoomStillSyncs(a, b, 'after-flood');
    });
  });

  it('unloads an empty room after the grace period, compacts it and reloads it intact', async () => {
    const writer = connect(board.id, board.tokens.interviewer);
    await writer.synced;
    for (let i = 0; i < 20; i++) addBlock(writer, `b${i}`, i);
    const expected = docToBoard(writer.doc);
    await waitFor(async () => (await server.storage.loadUpdates(board.id)).length >= 21, 'the 20 edits stored');
    writer.provider.disconnect();
    await waitFor(() => !server.rooms.isLoaded(board.id), 'the room unloaded');
    await waitFor(
      async () => (await server.storage.loadUpdates(board.id)).length === 1,
      'storage compacted to one entry',
    );

    const reader = connect(board.id, board.tokens.candidate);
    await waitFor(() => blocksOf(reader.doc).size === 20, 'the reloaded blocks');
    expect(docToBoard(reader.doc)).toEqual(expected);
    expect(server.rooms.isLoaded(board.id)).toBe(true);
  });

  it('answers query-awareness with every state', async () => {
    const a = connect(board.id, board.tokens.interviewer);
    await a.synced;
    a.provider.awareness.setLocalStateField('user', { name: 'A' });
    const b = connect(board.id, board.tokens.candidate);
    await waitFor(
      () => [...b.provider.awareness.getStates().values()].some((s) => s.user?.name === 'A'),
      'A’s presence at B',
    );

    const raw = await openRawSocket(`${syncUrl(server.url)}/${board.id}?token=${board.tokens.observer}`);
    const listener = new awarenessProtocol.Awareness(new Y.Doc());
    raw.socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) === 1)
        awarenessProtocol.applyAwarenessUpdate(listener, decoding.readVarUint8Array(decoder), 'server');
    });
    raw.socket.send(Uint8Array.of(3));
    await waitFor(() => listener.getStates().get(a.doc.clientID)?.user?.name === 'A', 'A’s state in the answer');
    raw.socket.close();
  });

  it('shows a person again as soon as their page reconnects, with the presence it had', async () => {
    const a = connect(board.id, board.tokens.interviewer);
    const b = connect(board.id, board.tokens.candidate);
    await Promise.all([a.synced, b.synced]);
    a.provider.awareness.setLocalStateField('user', { name: 'A' });
    const seesA = () => [...b.provider.awareness.getStates().values()].some((s) => s.user?.name === 'A');
    await waitFor(seesA, 'A’s presence at B');
    // The server removes A's state when the socket closes; the page comes back with the clock it had.
    a.provider.disconnect();
    await waitFor(() => !seesA(), 'A gone from B once A’s socket closed');
    a.provider.connect();
    // Without a cursor move: A is told its state was removed and announces itself anew.
    await waitFor(seesA, 'A shown again at B', 5_000);
  });
});
