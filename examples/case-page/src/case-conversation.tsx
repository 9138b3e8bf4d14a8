import type { Message } from '@switchboard/client';
import {
  useConnectionState,
  useConversation,
  useMessages,
  useSendMessage,
  useSwitchboardClient,
  useWindow,
} from '@switchboard/react';
import { useEffect, useState, type FormEvent } from 'react';

const connectionLabel = {
  idle: 'Connecting…',
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  unauthorized: 'Signed out',
  closed: 'Signed out',
} as const;

/** The case's WhatsApp conversation: opened (or created) by number under the case's ref. */
export function CaseConversation(props: { caseId: string; phone: string }) {
  const client = useSwitchboardClient();
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    client.openConversation({ phone: props.phone, ref: props.caseId }).then(
      (c) => setConversationId(c.id),
      (e: Error) => setProblem(e.message),
    );
  }, [client, props.phone, props.caseId]);

  const { status } = useConnectionState();
  const { conversation } = useConversation(conversationId);
  const { messages, hasOlder, loadOlder } = useMessages(conversationId);
  const { send, retry } = useSendMessage(conversationId);
  const serviceWindow = useWindow(conversation);
  const [draft, setDraft] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.trim()) return;
    send({ type: 'text', text: { body: draft } });
    setDraft('');
  };

  return (
    <section className="conversation" aria-label="WhatsApp conversation">
      <header>
        <h2>WhatsApp</h2>
        <span role="status" className={`connection ${status}`}>
          {connectionLabel[status]}
        </span>
        <span
          className={`window ${serviceWindow.open ? (serviceWindow.closingSoon ? 'soon' : 'open') : 'closed'}`}
        >
          {serviceWindow.open
            ? `Window open until ${serviceWindow.expiresAt!.toLocaleTimeString()}`
            : 'Window closed: the customer must write first, or send a template'}
        </span>
      </header>
      {problem && <p role="alert">{problem}</p>}
      {hasOlder && (
        <button type="button" onClick={() => void loadOlder()}>
          Earlier messages
        </button>
      )}
      <ol className="messages">
        {messages.map((m) => (
          <li key={m.clientMessageId ?? m.id} className={m.direction}>
            <span className="text">{textOf(m)}</span>
            {m.direction === 'outbound' && <Tick message={m} onRetry={() => void retry(m)} />}
          </li>
        ))}
      </ol>
      <form onSubmit={submit}>
        <input
          aria-label="Message"
          value={draft}
          disabled={!serviceWindow.open}
          onChange={(e) => setDraft(e.target.value)}
          placeholder={serviceWindow.open ? 'Write a message' : 'The 24-hour window is closed'}
        />
        <button type="submit" disabled={!serviceWindow.open || !draft.trim()}>
          Send
        </button>
      </form>
    </section>
  );
}

// Content is rendered as text, always (React escapes it); never as HTML.
function textOf(m: Message): string {
  if (m.type === 'text') return m.content.body;
  if (m.type === 'image' || m.type === 'video' || m.type === 'document')
    return m.content.caption ?? `[${m.type}]`;
  return `[${m.type}]`;
}

function Tick({ message, onRetry }: { message: Message; onRetry: () => void }) {
  const { status, error } = message;
  if (status === 'failed') {
    return (
      <span className="tick failed" role="img" aria-label={`Failed: ${error?.message ?? 'unknown error'}`}>
        ⚠ {error?.message} <button onClick={onRetry}>Retry</button>
      </span>
    );
  }
  const [mark, label] =
    status === 'read' || status === 'played'
      ? ['✓✓', status === 'read' ? 'Read' : 'Played']
      : status === 'delivered'
        ? ['✓✓', 'Delivered']
        : status === 'sent'
          ? ['✓', 'Sent']
          : ['🕓', 'Pending'];
  return (
    <span className={`tick ${status}`} role="img" aria-label={label}>
      {mark}
    </span>
  );
}
