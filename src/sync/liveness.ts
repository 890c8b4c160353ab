/**
 * Finds a dead connection within seconds. A network that silently stops
 * (a laptop lid, a Wi-Fi hand-over, a proxy that hangs) leaves the socket
 * "open": y-websocket notices only after 30 s without a message, and what
 * the page sent meanwhile sits in a socket that will never deliver it. So
 * while connected the page asks for a reply every CLIENT_PING_INTERVAL_MS
 * (query-awareness: the server answers with the awareness states), and
 * when nothing at all has come back for CLIENT_DEAD_AFTER_MS it drops the
 * socket and connects again. The new connection's sync exchange sends the
 * server every edit it lacks, those made while the old socket was dead too.
 */
import type { WebsocketProvider } from 'y-websocket';
import { CLIENT_DEAD_AFTER_MS, CLIENT_PING_INTERVAL_MS } from '../limits';

/** y-websocket's query-awareness message: type 3, nothing else. */
const QUERY_AWARENESS = new Uint8Array([3]);

/** Watches a provider's connection; returns the function that stops watching. */
export function watchLiveness(
  provider: WebsocketProvider,
  onDead: () => void = () => {},
  timing = { pingMs: CLIENT_PING_INTERVAL_MS, deadAfterMs: CLIENT_DEAD_AFTER_MS },
): () => void {
  const timer = setInterval(() => {
    const ws = provider.ws;
    if (!provider.wsconnected || !ws || ws.readyState !== WebSocket.OPEN) return;
    // wsLastMessageReceived is y-websocket's own record of the last message, in ms.
    if (Date.now() - provider.wsLastMessageReceived > timing.deadAfterMs) {
      onDead();
      // disconnect() closes and forgets the socket at once (no closing handshake on a dead link); connect() opens a new one.
      provider.disconnect();
      provider.connect();
      return;
    }
    ws.send(QUERY_AWARENESS);
  }, timing.pingMs);
  return () => clearInterval(timer);
}
