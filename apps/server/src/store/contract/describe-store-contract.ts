import { describe } from 'vitest';
import type { Store } from '../store.js';
import { conversationContract } from './conversation-contract.js';
import { eventLogContract } from './event-log-contract.js';
import { eventRetentionContract } from './event-retention-contract.js';
import { inboundContract } from './inbound-contract.js';
import { statusContract } from './status-contract.js';
import { webhookInboxContract } from './webhook-inbox-contract.js';

/**
 * The behaviour every Store implementation must show; run once per implementation
 * (`store.contract.test.ts` runs it on SQLite and on PostgreSQL).
 */
export function describeStoreContract(
  name: string,
  makeStore: () => Promise<Store>,
  makeTwoHandles: () => Promise<[Store, Store]>,
): void {
  describe(`Store contract: ${name}`, () => {
    inboundContract(makeStore);
    statusContract(makeStore);
    conversationContract(makeStore);
    eventLogContract(makeStore, makeTwoHandles);
    eventRetentionContract(makeStore);
    webhookInboxContract(makeStore);
  });
}
