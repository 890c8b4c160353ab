import { useEffect } from 'react';
import { peersOf } from '../../sync/presence';
import { useBoard } from './board-context';
import { useSession } from '../common/session-store';
import { usePresenceView } from './presence-store';

/** Publishes this person's name, role and selection, and mirrors everyone else's presence into the view store. */
export function usePresenceSync(selectedIds: string[]): void {
  const { synced, presence, role, privateDoc } = useBoard();
  const userName = useSession((s) => s.userName);
  const userColor = useSession((s) => s.userColor);

  useEffect(() => {
    const user = { name: userName || 'Anonymous', color: userColor, role };
    presence.setUser(user);
    // The private document's history records who wrote it from this name too.
    privateDoc?.synced.awareness.setLocalStateField('user', user);
  }, [presence, privateDoc, role, userColor, userName]);

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
