import { createClient } from '@switchboard/client';
import {
  SwitchboardProvider,
  useConnectionState,
  useConversations,
  useMessages,
  useWindow,
} from '@switchboard/react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

// Server rendering (Node, no window): the hooks render `connecting` and empty loading states, and
// nothing is opened — no request, no socket — until the page hydrates in a browser.
describe('the hooks under server rendering', () => {
  it('report connecting and loading, and touch no network', () => {
    let requests = 0;
    const client = createClient({
      url: 'http://127.0.0.1:9',
      token: 'a-token',
      fetch: () => {
        requests++;
        return Promise.reject(new Error('no network on the server'));
      },
    });
    function Page() {
      const { status } = useConnectionState();
      const { messages, status: messagesStatus } = useMessages('conv_1');
      const { conversations } = useConversations({ ref: 'CASE-1' });
      const { open } = useWindow(null);
      return (
        <p>
          {status}/{messagesStatus}/{messages.length}/{conversations.length}/{String(open)}
        </p>
      );
    }
    const html = renderToString(
      <SwitchboardProvider client={client}>
        <Page />
      </SwitchboardProvider>,
    );
    expect(html).toBe(
      '<p>connecting<!-- -->/<!-- -->loading<!-- -->/<!-- -->0<!-- -->/<!-- -->0<!-- -->/<!-- -->false</p>',
    );
    expect(requests).toBe(0);
    expect(client.connection.getState().status).toBe('idle');
    client.close();
  });
});
