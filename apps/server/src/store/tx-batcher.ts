import type { Store, StoreTx } from './store.js';

/** Operations committed together at most. */
const maxBatch = 64;

interface Pending {
  op: (tx: StoreTx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * Runs small store operations submitted in the same turn of the event loop in one transaction.
 * Sends (queueing, leases, outcomes) are each a few statements; committing them one by one made the
 * commit the largest single cost of sending (bench/outbound, docs/benchmarks.md). Callers get their
 * own result once the shared commit is durable. If an operation throws, the shared transaction
 * is rolled back and each operation runs again on its own, so one failing operation cannot take
 * the others with it; a failure at commit fails them all, since the commit may have happened.
 */
export class TxBatcher {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(private readonly store: Store) {}

  run<T>(op: (tx: StoreTx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ op, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0, maxBatch);
    if (this.queue.length > 0) this.schedule();
    if (batch.length === 0) return;
    if (batch.length > 1) {
      let operationFailed = false;
      try {
        const results = await this.store.transaction(async (tx) => {
          const out: unknown[] = [];
          for (const item of batch) {
            try {
              out.push(await item.op(tx));
            } catch (err) {
              operationFailed = true;
              throw err;
            }
          }
          return out;
        });
        batch.forEach((item, i) => item.resolve(results[i]));
        return;
      } catch (err) {
        // A failure at commit (or at the fsync after it) may follow a commit that took place:
        // running the operations again could queue a message twice. Only when an operation threw,
        // and so everything was rolled back, is each run again on its own.
        if (!operationFailed) {
          for (const item of batch) item.reject(err);
          return;
        }
      }
    }
    for (const item of batch) {
      try {
        item.resolve(await this.store.transaction(item.op));
      } catch (err) {
        item.reject(err);
      }
    }
  }
}
