import { createClient } from '@switchboard/client';
import { SwitchboardProvider } from '@switchboard/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CasePage } from './case-page.js';

// One client for the page, created once, outside render. The token comes from the app's own
// backend (token-backend.ts), which knows who is signed in and which cases are theirs.
const client = createClient({
  url: __SWITCHBOARD_URL__,
  getToken: async () => {
    const response = await fetch('/api/switchboard-token');
    if (!response.ok) throw new Error(`token backend answered ${response.status}`);
    return ((await response.json()) as { token: string }).token;
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SwitchboardProvider client={client}>
      <CasePage />
    </SwitchboardProvider>
  </StrictMode>,
);
