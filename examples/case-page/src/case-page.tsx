import { CaseConversation } from '@switchboard/ui';
import { useState } from 'react';

// What the bank's app already knows about the case; Switchboard adds the conversation.
const loanCase = {
  id: 'CASE-1001',
  customer: 'Anna Weber',
  phone: '+49 151 23456789',
  product: 'Home loan',
  amount: '€ 240,000',
  stage: 'Documents requested',
};

type Theme = 'system' | 'light' | 'dark';

export function CasePage(props: { switchboardUrl: string; token: () => Promise<string> }) {
  const [theme, setTheme] = useState<Theme>('light');
  return (
    <main className="case" data-theme={theme}>
      <header className="case-header">
        <h1>
          {loanCase.id} · {loanCase.customer}
        </h1>
        <dl>
          <dt>Product</dt>
          <dd>{loanCase.product}</dd>
          <dt>Amount</dt>
          <dd>{loanCase.amount}</dd>
          <dt>Stage</dt>
          <dd>{loanCase.stage}</dd>
        </dl>
        <label className="case-theme">
          Conversation theme{' '}
          <select value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
            <option value="system">As the system</option>
          </select>
        </label>
      </header>
      {/* The bank's colours come in through --sb-* variables (case-page.css); nothing else is needed. */}
      <CaseConversation
        className="case-conversation"
        caseRef={loanCase.id}
        phone={loanCase.phone}
        token={props.token}
        url={props.switchboardUrl}
        theme={theme}
      />
    </main>
  );
}
