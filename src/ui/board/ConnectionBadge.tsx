import { useEffect, useState } from 'react';
import { Cloud, CloudOff, RefreshCw } from 'lucide-react';
import type { ConnectionStatus } from '../../sync/connection';
import { useBoard } from './board-context';
import { showError } from '../common/toast-store';

const TEXT: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

/** Connected, reconnecting or offline; offline edits are kept and merge on reconnect. */
export function ConnectionBadge() {
  const { synced } = useBoard();
  const [status, setStatus] = useState(synced.status);
  useEffect(() => synced.onStatus(setStatus), [synced]);
  const Icon = status === 'connected' ? Cloud : status === 'offline' ? CloudOff : RefreshCw;
  const title =
    status === 'connected'
      ? 'Every edit is saved on the server and reaches everyone at once.'
      : `${synced.closedReason ? `The server closed the connection: ${synced.closedReason}. ` : ''}Your edits are kept in this browser and merge when the connection is back.`;
  useEffect(() => {
    if (status === 'offline' && synced.closedReason)
      showError(
        `The server closed the connection: ${synced.closedReason}. Your edits are kept here; click “Reconnect” to send them.`,
      );
  }, [status, synced]);
  if (status === 'offline' && synced.closedReason) {
    return (
      <button
        type="button"
        className={`ab-status ab-status--${status}`}
        title={title}
        data-status={status}
        onClick={() => synced.reconnect()}
      >
        <CloudOff size={14} /> Reconnect
      </button>
    );
  }
  return (
    <span className={`ab-status ab-status--${status}`} title={title} data-status={status} role="status">
      <Icon size={14} className={status === 'reconnecting' || status === 'connecting' ? 'ab-spin' : undefined} />
      {TEXT[status]}
    </span>
  );
}
