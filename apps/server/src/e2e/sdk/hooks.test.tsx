// @vitest-environment happy-dom
import { createClient, type SwitchboardClient } from '@switchboard/client';
import {
  SwitchboardProvider,
  useConnectionState,
  useConversation,
  useConversations,
  useMessages,
  useSendMessage,
  useWindow,
} from '@switchboard/react';
import { act, cleanup, render, renderHook, waitFor } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRealtimeServer, type RealtimeTestServer } from '../../realtime/testing/realtime-test-server.js';

// The hooks over a real client against a real server, in StrictMode (double mounts, double
// effects). The page's origin is happy-dom's; the server allows it by CORS, as a host app's.
const pageOrigin = 'http://localhost:3000';
const customer = '4915600000001';

describe('the React hooks', () => {
  let t: RealtimeTestServer;
  let conversationId: string;
  const clients: SwitchboardClient[] = [];
  beforeAll(async () => {
    t = await startRealtimeServer('sqlite', { heartbeatMs: 500 }, { SWITCHBOARD_CORS_ORIGINS: pageOrigin });
    await t.inbound(customer, 'Guten Tag');
    conversationId = await t.conversationIdOf(customer);
    await t.setRefs(conversationId, ['CASE-42']);
  });
  afterEach(() => {
    cleanup();
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(() => t.close());

  const newClient = () => {
    const client = createClient({
      url: t.url,
      WebSocket: WebSocket as never,
      getToken: () => t.agentToken({ refs: ['CASE-42'] }),
      releaseGraceMs: 100,
    });
    clients.push(client);
    return client;
  };
  const wrapper = (client: SwitchboardClient) =>
    function Wrapper({ children }: { children?: ReactNode }) {
      return (
        <StrictMode>
          <SwitchboardProvider client={client}>{children}</SwitchboardProvider>
        </StrictMode>
      );
    };

  it('useConnectionState goes idle → live, and unmounting releases the stream', async () => {
    const client = newClient();
    const { result: state } = renderHook(() => useConnectionState(), { wrapper: wrapper(client) });
    expect(state.current.status).toBe('idle');
    const { unmount } = renderHook(() => useMessages(conversationId), { wrapper: wrapper(client) });
    await waitFor(() => expect(state.current).toMatchObject({ status: 'live', transport: 'websocket' }));
    unmount();
    // The last view is gone: after the grace periods the stream closes, once.
    await waitFor(() => expect(client.connection.getState().status).toBe('idle'), { timeout: 3000 });
  });

  it('useMessages: loading, then the messages, then live events; loadOlder pages back', async () => {
    const client = newClient();
    for (let i = 0; i < 55; i++) await t.inbound(customer, `history ${i}`);
    const { result } = renderHook(() => useMessages(conversationId), { wrapper: wrapper(client) });
    expect(result.current.status).toBe('loading');
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(result.current.messages).toHaveLength(50);
    expect(result.current.hasOlder).toBe(true);
    await t.inbound(customer, 'live one');
    await waitFor(() =>
      expect(result.current.messages.at(-1)).toMatchObject({ content: { body: 'live one' } }),
    );
    await act(() => result.current.loadOlder());
    expect(result.current.messages.length).toBeGreaterThan(51);
    expect(result.current.messages[0]).toMatchObject({ content: { body: 'Guten Tag' } });
    expect(Object.isFrozen(result.current.messages)).toBe(true);
  });

  it('useConversations and useConversation follow the case and its events', async () => {
    const client = newClient();
    const { result } = renderHook(
      () => ({ list: useConversations({ ref: 'CASE-42' }), one: useConversation(conversationId) }),
      { wrapper: wrapper(client) },
    );
    expect(result.current.list.status).toBe('loading');
    await waitFor(() => expect(result.current.list.status).toBe('ready'));
    expect(result.current.list.conversations.map((c) => c.id)).toEqual([conversationId]);
    await waitFor(() => expect(result.current.one.conversation?.id).toBe(conversationId));
    const before = result.current.one.conversation!.unreadCount;
    await t.inbound(customer, 'one more');
    await waitFor(() => expect(result.current.one.conversation!.unreadCount).toBe(before + 1));
    expect(result.current.list.conversations[0]!.unreadCount).toBe(before + 1);
  });

  it('useSendMessage shows the send at once; an error comes back as a failed message', async () => {
    const client = newClient();
    const { result } = renderHook(
      () => ({ messages: useMessages(conversationId), sender: useSendMessage(conversationId) }),
      { wrapper: wrapper(client) },
    );
    await waitFor(() => expect(result.current.messages.status).toBe('ready'));
    let key = '';
    act(() => {
      key = result.current.sender.send({
        type: 'text',
        text: { body: 'Bitte' },
        replyTo: 'msg_nope',
      }).clientMessageId;
    });
    expect(result.current.messages.messages.at(-1)).toMatchObject({ clientMessageId: key, status: 'queued' });
    await waitFor(() =>
      expect(result.current.messages.messages.at(-1)).toMatchObject({
        status: 'failed',
        error: { code: 'validation_failed' },
      }),
    );
    act(() => {
      result.current.sender.discard(result.current.messages.messages.at(-1)!);
    });
    expect(result.current.messages.messages.some((m) => m.clientMessageId === key)).toBe(false);
  });

  it('useWindow counts down the 24-hour window and closes it', async () => {
    const soon = new Date(Date.now() + 2500).toISOString();
    const { result } = renderHook(() => useWindow({ windowExpiresAt: soon }));
    expect(result.current).toMatchObject({ open: true, closingSoon: true });
    const first = result.current.msLeft;
    await waitFor(() => expect(result.current.msLeft).toBeLessThan(first), { timeout: 2000 });
    await waitFor(() => expect(result.current).toMatchObject({ open: false, msLeft: 0 }), { timeout: 4000 });
    expect(renderHook(() => useWindow(null)).result.current).toMatchObject({ open: false, expiresAt: null });
  });

  it('renders a case page component in StrictMode without a second stream', async () => {
    const client = newClient();
    let opened = 0;
    client.connection.subscribe((s) => {
      if (s.status === 'connecting') opened++;
    });
    function Thread() {
      const { messages } = useMessages(conversationId);
      const { status } = useConnectionState();
      return (
        <div>
          <span role="status">{status}</span>
          <ol>
            {messages.map((m) => (
              <li key={m.id}>{m.type === 'text' ? m.content.body : m.type}</li>
            ))}
          </ol>
        </div>
      );
    }
    const page = render(<Thread />, { wrapper: wrapper(client) });
    await waitFor(() => expect(page.getByRole('status').textContent).toBe('live'));
    await waitFor(() => expect(page.getAllByRole('listitem').length).toBeGreaterThan(0));
    expect(opened).toBe(1);
  });
});
