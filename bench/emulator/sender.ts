/**
 * The sending side of one run, in its own process: the emulator or the baseline (senders.ts), paced
 * by the same {@link Producer}, so the gap between the two is the emulator's own work.
 *
 * Protocol (protocol.ts): `config` → `ready` (after the emulator's verification handshake), `go`,
 * `progress`… , `stop` → `result` once everything produced was received (or the drain timed out).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Producer } from './producer.js';
import type { SenderCommand, SenderConfig, SenderResult } from './protocol.js';
import { baselineSender, emulatorSender, type FailureCounts, type Sender } from './senders.js';

const DRAIN_TIMEOUT_MS = 30_000;
const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

let rssPeak = 0;
const rssSampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 100);

async function main(config: SenderConfig): Promise<void> {
  const failures: FailureCounts = { attempts: 0, deliveries: 0 };
  const sender =
    config.mode === 'emulator' ? await emulatorSender(config, failures) : baselineSender(config, failures);
  const producer = new Producer((sequence) => sender.emit(sequence), config);
  const heapAtStart = retainedHeap();
  process.on('message', (command: SenderCommand) => {
    if (command.type === 'go') producer.start();
    else if (command.type === 'progress') producer.progress(command.received);
    else if (command.type === 'stop') void finish(sender, producer, failures, heapAtStart);
  });
  process.send?.({ type: 'ready' });
}

/** Heap in use after a full collection (the sender runs with --expose-gc): what is really kept. */
function retainedHeap(): number {
  gc?.();
  return process.memoryUsage().heapUsed;
}

async function finish(
  sender: Sender,
  producer: Producer,
  failures: FailureCounts,
  heapAtStart: number,
): Promise<void> {
  producer.stop();
  const started = performance.now();
  while (producer.backlog > 0 && performance.now() - started < DRAIN_TIMEOUT_MS) await sleep(10);
  const drainMs = Math.round(performance.now() - started);
  const rssEnd = process.memoryUsage.rss();
  rssPeak = Math.max(rssPeak, rssEnd);
  clearInterval(rssSampler);
  const heapGrowth = retainedHeap() - heapAtStart;
  const result: SenderResult = {
    type: 'result',
    produced: producer.produced,
    failedAttempts: failures.attempts,
    failedDeliveries: failures.deliveries,
    maxBacklog: producer.maxBacklog,
    drained: producer.backlog === 0,
    drainMs,
    rssPeakMb: mb(rssPeak),
    rssEndMb: mb(rssEnd),
    retainedHeapGrowthMb: mb(heapGrowth),
    retainedBytesPerMessage: producer.produced === 0 ? 0 : Math.round(heapGrowth / producer.produced),
  };
  await sender.close();
  process.send?.(result);
}

process.once('message', (config: SenderConfig) => {
  main(config).catch((error: unknown) => {
    console.error('[bench:emulator] sender failed:', error);
    process.exit(1);
  });
});
// Exit with the parent: an orphaned sender would keep loading the receiver.
process.once('disconnect', () => process.exit(0));
