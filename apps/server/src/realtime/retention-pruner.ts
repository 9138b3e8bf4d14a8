import type { Store } from '../store/store.js';

export interface RetentionPrunerOptions {
  store: Pick<Store, 'pruneEvents'>;
  /** Events older than this are deleted (config `eventRetentionDays`, 7 by default). */
  retentionDays: number;
  /** How often a pass runs; the first runs at `start`. */
  intervalMs?: number;
  /** Events deleted per statement: short statements keep appenders and readers unblocked. */
  batchSize?: number;
  now?: () => number;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Deletes events older than the retention in the background, a batch at a time, yielding to the
 * event loop between batches. Clients whose cursor falls below what was pruned are told
 * (`recovered: false`, see `Store.prunedBefore`). Every node may run one: deleting a prefix of the
 * log twice is harmless.
 */
export class RetentionPruner {
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(private readonly options: RetentionPrunerOptions) {
    this.intervalMs = options.intervalMs ?? 10 * 60 * 1000;
    this.batchSize = options.batchSize ?? 1000;
    this.now = options.now ?? Date.now;
  }

  start(): void {
    this.stopped = false;
    this.tick();
  }

  /** Stops scheduling and waits for a pass under way (which ends after its current batch). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => 0);
  }

  /** One pass: deletes every event older than the retention; resolves with how many. */
  pruneOnce(): Promise<number> {
    this.running ??= this.prune().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async prune(): Promise<number> {
    const before = this.now() - this.options.retentionDays * dayMs;
    let total = 0;
    for (;;) {
      const deleted = await this.options.store.pruneEvents(before, this.batchSize);
      total += deleted;
      if (deleted < this.batchSize || this.stopped) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (total > 0) {
      this.options.log?.info({ deleted: total, before: new Date(before).toISOString() }, 'pruned old events');
    }
    return total;
  }

  private tick(): void {
    this.pruneOnce()
      .catch((err: unknown) => {
        this.options.log?.warn({ err }, 'pruning old events failed; retrying at the next pass');
      })
      .finally(() => {
        if (this.stopped) return;
        this.timer = setTimeout(() => this.tick(), this.intervalMs);
        this.timer.unref();
      });
  }
}
