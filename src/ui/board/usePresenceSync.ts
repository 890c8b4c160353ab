import { useEffect } from 'react';
import { peersOf } from '../../sync/presence';
import { useBoard } from './board-context';
import { useSession } from '../common/session-store';
import { usePresenceView } from './presence-store';

/** Publishes this person's name, role and selection, and mirrors everyone else's presence into the view store. */
export function usePresenceSync(selectedIds: string[]): void {
  const { synced, presence, role } = useBoard();
  const userName = useSession((s) => s.userName);
  const userColor = useSession((s) => s.userColor);

  useEffect(() => {
    presence.setUser({ name: userName || 'Anonymous', color: userColor, role });
  }, [presence, role, userColor, userName]);

  useEffect(() => presence.setSelection(selectedIds), [presence, selectedIds]);

  useEffect(() => {
    const awareness = synced.awareness;
    const update = () => usePresenceView.getState().setPeers(peersOf(awareness));
    update();
    awareness.on('change', update);
    return () => {
      awareness.off('change', update);
      usePresenceView.getState().setPeers([]);
    };
  }, [synced]);
}
