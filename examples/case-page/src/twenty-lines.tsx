// The README's twenty-line embedding, kept here so that the type checker vouches for it.
import { createClient } from '@switchboard/client';
import { SwitchboardProvider, useConnectionState, useMessages, useSendMessage } from '@switchboard/react';
import { useState } from 'react';

const client = createClient({
  url: 'https://switchboard.bank.example',
  getToken: () =>
    fetch('/api/switchboard-token').then(async (r) => ((await r.json()) as { token: string }).token),
});

export function CaseConversation({ conversationId }: { conversationId: string }) {
  const { status } = useConnectionState();
  const { messages } = useMessages(conversationId);
  const { send } = useSendMessage(conversationId);
  const [draft, setDraft] = useState('');
  return (
    <section>
      <span role="status">{status}</span>
      <ol>
        {messages.map((m) => (
          <li key={m.clientMessageId ?? m.id}>
            {m.type === 'text' ? m.content.body : `[${m.type}]`} · {m.status}
          </li>
        ))}
      </ol>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send({ type: 'text', text: { body: draft } });
          setDraft('');
        }}
      >
        <input aria-label="Message" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button>Send</button>
      </form>
    </section>
  );
}

export const App = ({ id }: { id: string }) => (
  <SwitchboardProvider client={client}>
    <CaseConversation conversationId={id} />
  </SwitchboardProvider>
);
