import { useEffect, useState } from 'react';
import { Cloud, CloudOff, RefreshCw } from 'lucide-react';
import { badgeView } from '../../sync/connection-status';
import { useBoard } from './board-context';
import { showError } from '../common/toast-store';

/**
 * Connected, reconnecting or offline, and why when the server closed the
 * connection (its close code: board full, storage failing, an edit refused...);
 * offline edits are kept and merge on reconnect.
 */
export function ConnectionBadge() {
  const { synced } = useBoard();
  const [{ status, problem }, setState] = useState({ status: synced.status, problem: synced.problem });
  useEffect(() => synced.onStatus(() => setState({ status: synced.status, problem: synced.problem })), [synced]);
  const view = badgeView(status, problem);
  useEffect(() => {
    if (problem?.final) showError(`${problem.text} Your edits are kept here; click “Reconnect” to send them.`);
  }, [problem]);
  const Icon = status === 'connected' ? Cloud : status === 'offline' ? CloudOff : RefreshCw;
  const common = {
    className: `ab-status ab-status--${status}`,
    title: view.title,
    'data-status': status,
    'data-close-code': problem?.code,
  };
  if (view.offersReconnect) {
    return (
      <button type="button" {...common} onClick={() => synced.reconnect()}>
        <CloudOff size={14} /> {view.text}
      </button>
    );
  }
  return (
    <span {...common} role="status">
      <Icon size={14} className={status === 'reconnecting' || status === 'connecting' ? 'ab-spin' : undefined} />
      <span className="ab-status__label">{view.text}</span>
    </span>
  );
}
