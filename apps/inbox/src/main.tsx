import '@switchboard/ui/styles.css';
import './inbox.css';
import { createClient, type SwitchboardClient } from '@switchboard/client';
import { SwitchboardProvider } from '@switchboard/react';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Inbox } from './inbox.js';
import {
  loadConfig,
  rememberToken,
  startSession,
  tokenAgent,
  type InboxConfig,
  type Session,
} from './session.js';
import { SignIn } from './sign-in.js';

function App({ config, initial }: { config: InboxConfig; initial: Session }) {
  const [session, setSession] = useState<Session>(initial);
  const [client, setClient] = useState<SwitchboardClient | null>(null);

  // Created in an effect (not a memo), so that StrictMode's second mount gets a client of its own
  // instead of the one its first cleanup closed.
  useEffect(() => {
    const url = window.location.origin;
    const created =
      session.kind === 'token'
        ? createClient({ url, token: session.token })
        : session.kind === 'demo'
          ? createClient({ url, getToken: session.getToken })
          : null;
    setClient(created);
    if (!created) return;
    // A token that is refused for good (expired, revoked) ends in the sign-in form.
    const off = created.connection.subscribe((state) => {
      if (state.status === 'unauthorized') {
        rememberToken(null);
        setSession({ kind: 'signed-out', reason: 'Your session has ended: sign in again.' });
      }
    });
    return () => {
      off();
      created.close();
    };
  }, [session]);

  if (session.kind === 'signed-out') {
    return (
      <SignIn
        reason={session.reason}
        onToken={(token) => {
          rememberToken(token);
          setSession({ kind: 'token', token });
        }}
      />
    );
  }
  if (!client) return null;
  return (
    <SwitchboardProvider client={client}>
      <Inbox
        agent={session.kind === 'demo' ? session.agent : tokenAgent(session.token)}
        demoApiKey={config.demoApiKey}
        onSignOut={
          session.kind === 'token'
            ? () => {
                rememberToken(null);
                setSession({ kind: 'signed-out', reason: null });
              }
            : null
        }
      />
    </SwitchboardProvider>
  );
}

const root = document.getElementById('root')!;
root.className = 'sb-root inbox-root';
const config = await loadConfig();
const session = await startSession(config);
createRoot(root).render(
  <StrictMode>
    <App config={config} initial={session} />
  </StrictMode>,
);
