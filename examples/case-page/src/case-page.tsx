import { CaseConversation } from './case-conversation.js';

// What the bank's app already knows about the case; Switchboard adds the conversation.
const loanCase = {
  id: 'CASE-1001',
  customer: 'Anna Weber',
  phone: '+49 151 23456789',
  product: 'Home loan',
  amount: '€ 240,000',
  stage: 'Documents requested',
};

export function CasePage() {
  return (
    <main className="case">
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
      </header>
      <CaseConversation caseId={loanCase.id} phone={loanCase.phone} />
    </main>
  );
}
