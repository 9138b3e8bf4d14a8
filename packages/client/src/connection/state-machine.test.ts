import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  connectionEventTypes,
  connectionStatuses,
  initialConnectionState,
  transition,
  type ConnectionEvent,
  type ConnectionEventType,
} from './state-machine.js';

const samples: Record<ConnectionEventType, ConnectionEvent> = {
  connect: { type: 'connect' },
  ready: { type: 'ready', transport: 'sse', cursor: 5, head: 7 },
  event: { type: 'event', seq: 9 },
  lost: { type: 'lost', reason: 'connection_lost', retryInMs: 400 },
  retry: { type: 'retry' },
  denied: { type: 'denied', reason: 'unauthorized' },
  offline: { type: 'offline' },
  online: { type: 'online' },
  idle: { type: 'idle' },
  close: { type: 'close' },
};

/** The transition table of docs/sdk-connection.md, cell by cell. */
function documentedTable(): Map<string, string> {
  const doc = readFileSync(new URL('../../../../docs/sdk-connection.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('## Transitions'));
  const rows = section.split('\n').filter((line) => line.startsWith('| `'));
  const header = section.split('\n').find((line) => line.startsWith('| state'))!;
  const events = header
    .split('|')
    .slice(2, -1)
    .map((cell) => cell.trim().replace(/`/g, ''));
  const cells = new Map<string, string>();
  for (const row of rows) {
    const [status, ...rest] = row
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim().replace(/`/g, ''));
    rest.forEach((cell, i) => cells.set(`${status} ${events[i]}`, cell));
  }
  return cells;
}

describe('the connection state machine', () => {
  const table = documentedTable();

  it('documents every state × event pair', () => {
    expect(table.size).toBe(connectionStatuses.length * connectionEventTypes.length);
  });

  for (const status of connectionStatuses) {
    for (const type of connectionEventTypes) {
      it(`${status} × ${type} → as documented`, () => {
        const state = { ...initialConnectionState(3), status: status };
        const next = transition(state, samples[type]);
        const cell = table.get(`${status} ${type}`);
        if (cell === '·') expect(next).toBe(state);
        else if (cell?.startsWith('(')) {
          expect(next).not.toBe(state);
          expect(next.status).toBe(status);
        } else expect(next.status).toBe(cell);
      });
    }
  }

  it('carries the transport, cursor, head, reason and delay', () => {
    let s = transition(initialConnectionState(null), { type: 'connect' });
    // Resumed at 40 while the server is at 42: catching up until the cursor reaches the head.
    s = transition(s, { type: 'ready', transport: 'websocket', cursor: 40, head: 42 });
    expect(s).toEqual({
      status: 'live',
      transport: 'websocket',
      cursor: 40,
      head: 42,
      reason: null,
      retryInMs: null,
    });
    expect(transition(s, { type: 'event', seq: 40 })).toBe(s);
    s = transition(s, { type: 'event', seq: 41 });
    expect(s.cursor! < s.head!).toBe(true);
    s = transition(s, { type: 'event', seq: 42 });
    expect(s).toMatchObject({ cursor: 42, head: 42 });
    s = transition(s, { type: 'lost', reason: 'stalled', retryInMs: 250 });
    expect(s).toEqual({
      status: 'reconnecting',
      transport: 'websocket',
      cursor: 42,
      head: 42,
      reason: 'stalled',
      retryInMs: 250,
    });
    s = transition(s, { type: 'retry' });
    expect(s).toMatchObject({ status: 'connecting', cursor: 42, reason: null, retryInMs: null });
  });

  it('closes for good on a query the server refuses (4400), and is signed out on 4403', () => {
    const live = transition(transition(initialConnectionState(1), { type: 'connect' }), {
      type: 'ready',
      transport: 'poll',
      cursor: 1,
      head: 1,
    });
    expect(transition(live, { type: 'denied', reason: 'bad_request' })).toMatchObject({
      status: 'closed',
      reason: 'bad_request',
    });
    expect(transition(live, { type: 'denied', reason: 'forbidden' })).toMatchObject({
      status: 'unauthorized',
      reason: 'forbidden',
    });
  });
});
