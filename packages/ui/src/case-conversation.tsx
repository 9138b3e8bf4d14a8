import type { SwitchboardClient } from '@switchboard/client';
import { createClient } from '@switchboard/client';
import { SwitchboardProvider, useOpenConversation } from '@switchboard/react';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { ConversationPane } from './conversation-pane.js';

export interface CaseConversationProps {
  /** The case id of the host app: the conversation carries it as a ref. */
  caseRef: string;
  /** The customer's number, in any usual notation (`+49 151 …`). */
  phone: string;
  /**
   * The agent token (a string), or a function that fetches a fresh one from the host app's
   * backend; a function is called again before the token expires.
   */
  token: string | (() => Promise<string> | string);
  /** The Switchboard server's base URL; default the page's own origin. */
  url?: string;
  /** An existing client (then `url` and `token` are not used). */
  client?: SwitchboardClient;
  /** `light`, `dark` or follow the system (default). */
  theme?: 'light' | 'dark' | 'system';
  /** Theme variables (`{ '--sb-accent': '#0b5cad' }`) and sizing for the outer element. */
  style?: CSSProperties & Record<`--sb-${string}`, string>;
  className?: string;
}

/**
 * One case's WhatsApp conversation, dropped into a host app's case page: it opens (or creates)
 * the conversation with `phone` under `caseRef`, and shows it live with its composer. Styles come
 * from `@switchboard/ui/styles.css`, all scoped under `.sb-root`.
 * @example
 * <CaseConversation caseRef="CASE-1001" phone="+49 151 23456789" token={fetchAgentToken}
 *   url="https://switchboard.bank.example" style={{ height: 560, '--sb-accent': '#0b5cad' }} />
 */
export function CaseConversation(props: CaseConversationProps) {
  const [own, setOwn] = useState<SwitchboardClient | null>(null);
  const { token, url, client: given } = props;
  // The newest token function, so that a host passing a new closure each render is always asked.
  const latest = useRef(token);
  latest.current = token;
  const fixed = typeof token === 'string' ? token : null;

  useEffect(() => {
    if (given) return;
    const created = createClient({
      url: url ?? window.location.origin,
      ...(fixed !== null
        ? { token: fixed }
        : {
            getToken: () => {
              const current = latest.current;
              return typeof current === 'string' ? current : current();
            },
          }),
    });
    setOwn(created);
    return () => created.close();
    // A new token function each render must not reconnect: the client asks it again when needed.
  }, [given, url, fixed]);

  const client = given ?? own;
  return (
    <div
      className={`sb-root sb-case ${props.className ?? ''}`}
      data-sb-theme={props.theme === 'system' || !props.theme ? undefined : props.theme}
      style={props.style}
    >
      {client ? (
        <SwitchboardProvider client={client}>
          <CaseConversationBody caseRef={props.caseRef} phone={props.phone} />
        </SwitchboardProvider>
      ) : (
        <p className="sb-empty">Connecting…</p>
      )}
    </div>
  );
}

function CaseConversationBody({ caseRef, phone }: { caseRef: string; phone: string }) {
  const { conversation, status, error } = useOpenConversation({ phone, ref: caseRef });
  if (status === 'error') {
    return (
      <p className="sb-empty" role="alert">
        The conversation for {caseRef} could not be opened: {error?.message}
      </p>
    );
  }
  if (!conversation) return <p className="sb-empty">Opening the conversation…</p>;
  return <ConversationPane conversationId={conversation.id} />;
}
