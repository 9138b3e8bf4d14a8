import '@switchboard/ui/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CasePage } from './case-page.js';

// The token comes from the app's own backend (token-backend.ts), which knows who is signed in and
// which cases are theirs; <CaseConversation> asks again before the token expires.
async function fetchSwitchboardToken(): Promise<string> {
  const response = await fetch('/api/switchboard-token');
  if (!response.ok) throw new Error(`token backend answered ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <CasePage switchboardUrl={__SWITCHBOARD_URL__} token={fetchSwitchboardToken} />
  </StrictMode>,
);
