/**
 * A board client in Node: the stock y-websocket provider on a real server, to
 * read (or write) a board independently of the page under test.
 */
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { docToBoard } from '../../src/doc/board-doc';
import { parseLink, syncUrl } from './sync-clients';
import type { Board } from '../../src/board/types';

export interface DocClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  board(): Board;
  close(): void;
}

/** Connects to a board (or its private doc with room `<id>/private`) and resolves once synced. */
export async function connectDocClient(baseUrl: string, link: string, room?: string): Promise<DocClient> {
  const { id, token } = parseLink(link);
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(syncUrl(baseUrl), room ?? id, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('doc client did not sync in 10 s')), 10_000);
    provider.on('sync', (synced: boolean) => {
      if (synced) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    doc,
    provider,
    board: () => docToBoard(doc),
    close: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}
