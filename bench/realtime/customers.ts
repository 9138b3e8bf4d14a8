/**
 * The simulated customers of the latency run and the agents they belong to. Customer `i` writes
 * from one fixed number; in the `scoped` agent mode it is a case of agent `i mod agents`, whose
 * token carries only that agent's case ref (a bank's agent sees only their own customers).
 */

const numberBase = 20_000_000;
const numberStep = 7919;

/** The WhatsApp number (wa_id) customer `index` writes from. */
export function customerNumber(index: number): string {
  return `4917${String(numberBase + index * numberStep).padStart(9, '0')}`;
}

/** The customer index of a number made by customerNumber, or -1 for any other number. */
export function customerIndex(number: string): number {
  if (!number.startsWith('4917')) return -1;
  const offset = Number(number.slice(4)) - numberBase;
  return Number.isInteger(offset) && offset >= 0 && offset % numberStep === 0 ? offset / numberStep : -1;
}

/** The agent that owns a customer's case. */
export function agentOf(customer: number, agents: number): number {
  return customer % agents;
}

/** The case ref of agent `agent`: set on each of its customers' conversations and in its token. */
export function caseRef(agent: number): string {
  return `CASE-${agent}`;
}
