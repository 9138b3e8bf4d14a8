import { transition, type ConnectionState } from '@switchboard/client';
import { describe, expect, it } from 'vitest';
import { connectionShown } from './connection-shown.js';

describe('connectionShown', () => {
  const connecting: ConnectionState = {
    status: 'connecting',
    transport: null,
    cursor: 100,
    head: null,
    reason: null,
    retryInMs: null,
  };

  it('is catching up while a resumed stream replays what was missed, live once it has', () => {
    let s = transition(connecting, { type: 'ready', transport: 'websocket', cursor: 100, head: 103 });
    expect(connectionShown(s)).toBe('catching-up');
    s = transition(s, { type: 'event', seq: 102 });
    expect(connectionShown(s)).toBe('catching-up');
    s = transition(s, { type: 'event', seq: 103 });
    expect(connectionShown(s)).toBe('live');
  });

  it('is live at once when nothing was missed, and says the other statuses as they are', () => {
    const live = transition(connecting, { type: 'ready', transport: 'sse', cursor: 100, head: 100 });
    expect(connectionShown(live)).toBe('live');
    const lost = transition(live, { type: 'lost', reason: 'stalled', retryInMs: 500 });
    expect(connectionShown(lost)).toBe('reconnecting');
    expect(connectionShown(transition(lost, { type: 'offline' }))).toBe('offline');
    expect(connectionShown(connecting)).toBe('connecting');
  });
});
