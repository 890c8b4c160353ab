import { describe, expect, it } from 'vitest';
import { CLOSE_ROOM_FULL, CLOSE_WRONG_FIELD_TYPE, closeText, isFinalClose } from '../protocol/close-codes';
import { badgeView, type ConnectionProblem } from './connection-status';

const problem = (code: number): ConnectionProblem => ({ ...closeText(code)!, code, final: isFinalClose(code) });

describe('the connection badge', () => {
  it('says connected, or what the connection is doing', () => {
    expect(badgeView('connected', null)).toMatchObject({ text: 'Connected', offersReconnect: false });
    expect(badgeView('reconnecting', null)).toMatchObject({ text: 'Reconnecting…', offersReconnect: false });
  });

  it('names the server’s reason while it retries', () => {
    const view = badgeView('reconnecting', problem(CLOSE_ROOM_FULL));
    expect(view.text).toBe('Board full · Reconnecting…');
    expect(view.title).toContain('as many people as it allows');
    expect(view.offersReconnect).toBe(false);
  });

  it('offers to reconnect after a final close, and says why', () => {
    const view = badgeView('offline', problem(CLOSE_WRONG_FIELD_TYPE));
    expect(view.text).toBe('Edit refused · Reconnect');
    expect(view.title).toContain('wrong type');
    expect(view.offersReconnect).toBe(true);
  });
});
