/**
 * What the connection badge says: the state of the board's connection and,
 * when the server closed it, what its close code means for the person (room
 * full, storage failing, an edit refused...). Plain data, so it is tested
 * without a browser; the texts live with the codes in src/protocol/close-codes.ts.
 */
import type { CloseText } from '../protocol/close-codes';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** Why the connection is not up, from the code of the server's last close. */
export interface ConnectionProblem extends CloseText {
  code: number;
  /** The server decided (a 44xx code): the page stops retrying until the person asks. */
  final: boolean;
}

export interface BadgeView {
  /** The badge's visible text. */
  text: string;
  /** Its tooltip: what happened and what becomes of this person's edits. */
  title: string;
  /** The badge is a button that reconnects. */
  offersReconnect: boolean;
}

const TEXT: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

const KEPT = 'Your edits are kept in this browser and merge when the connection is back.';

export function badgeView(status: ConnectionStatus, problem: ConnectionProblem | null): BadgeView {
  if (status === 'connected')
    return {
      text: TEXT.connected,
      title: 'Every edit is saved on the server and reaches everyone at once.',
      offersReconnect: false,
    };
  if (!problem) return { text: TEXT[status], title: KEPT, offersReconnect: false };
  if (problem.final)
    return {
      text: `${problem.label} · Reconnect`,
      title: `${problem.text} ${KEPT} Click to reconnect.`,
      offersReconnect: true,
    };
  return { text: `${problem.label} · ${TEXT[status]}`, title: `${problem.text} ${KEPT}`, offersReconnect: false };
}
