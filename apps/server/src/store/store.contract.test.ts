import { createTestDatabaseUrl, createTestStore, storeKinds } from '../test-support/test-databases.js';
import { describeStoreContract } from './contract/describe-store-contract.js';
import { openStore } from './open-store.js';
import type { Store } from './store.js';

for (const kind of storeKinds) {
  describeStoreContract(
    kind,
    () => createTestStore(kind),
    // Two handles on one database: two server nodes on PostgreSQL; SQLite serves one node only.
    async (): Promise<[Store, Store]> => {
      const url = await createTestDatabaseUrl(kind);
      const a = openStore(url);
      await a.migrate();
      if (kind === 'sqlite') return [a, a];
      const b = openStore(url);
      await b.migrate();
      return [a, b];
    },
  );
}
