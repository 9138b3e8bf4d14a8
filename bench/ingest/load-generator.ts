/**
 * The load generator, run as its own process by run.ts so that building, signing and timing
 * requests does not share an event loop with the server under test. It receives one LoadConfig over
 * IPC, keeps `connections` keep-alive sockets busy (each worker sends its next POST as soon as the
 * previous one is answered: a closed loop, so latency is service time plus queueing at the server)
 * for warm-up plus duration, and replies with one LoadResult. Only 127.0.0.1 is ever dialled.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { KeepAliveConnection } from './keep-alive-connection.js';
import { LatencyHistogram } from './latency-histogram.js';
import type { LoadConfig, LoadPhase, LoadResult, LoadTotals } from './load-protocol.js';
import { createWebhookFactory } from './payloads.js';

async function runLoad(config: LoadConfig): Promise<LoadResult> {
  const nextWebhook = createWebhookFactory(config.appSecret, config.runTag);
  const histogram = new LatencyHistogram();
  const totals: LoadTotals = {
    sent: 0,
    ok: 0,
    non200: 0,
    transportErrors: 0,
    messagesAccepted: 0,
    statusesAccepted: 0,
    failureCodes: {},
  };
  const window = { ok: 0, non200: 0, transportErrors: 0 };

  const start = performance.now();
  const measureFrom = start + config.warmupMs;
  const stopAt = measureFrom + config.durationMs;
  let cpuAtMeasureStart = process.cpuUsage();
  let cpuInWindow: NodeJS.CpuUsage | undefined;
  const warmupTimer = setTimeout(() => {
    cpuAtMeasureStart = process.cpuUsage();
    process.send?.({ type: 'phase', phase: 'measuring' } satisfies LoadPhase);
  }, config.warmupMs);
  const stop = (): void => {
    cpuInWindow = process.cpuUsage(cpuAtMeasureStart);
    process.send?.({ type: 'phase', phase: 'stopped' } satisfies LoadPhase);
  };
  const stopTimer = setTimeout(stop, config.warmupMs + config.durationMs);

  const connections: KeepAliveConnection[] = [];
  const worker = async (): Promise<void> => {
    const connection = new KeepAliveConnection(config.port, config.requestTimeoutMs);
    connections.push(connection);
    while (performance.now() < stopAt && totals.sent < config.maxRequests) {
      const webhook = nextWebhook();
      totals.sent += 1;
      const sentAt = performance.now();
      const outcome = await connection.post(config.path, headersOf(webhook.signature), webhook.body);
      const doneAt = performance.now();
      const inWindow = doneAt >= measureFrom && doneAt < stopAt;
      if (outcome === 200) {
        totals.ok += 1;
        totals.messagesAccepted += webhook.messages;
        totals.statusesAccepted += webhook.statuses;
        if (inWindow) window.ok += 1;
      } else {
        const key = outcome instanceof Error ? outcome.message : String(outcome);
        totals.failureCodes[key] = (totals.failureCodes[key] ?? 0) + 1;
        if (outcome instanceof Error) totals.transportErrors += 1;
        else totals.non200 += 1;
        if (inWindow && outcome instanceof Error) window.transportErrors += 1;
        else if (inWindow) window.non200 += 1;
      }
      if (inWindow) histogram.record((doneAt - sentAt) * 1000);
      // Against a dead or refusing target, pause instead of spinning through connect errors.
      if (outcome instanceof Error) await sleep(10);
    }
  };

  await Promise.all(Array.from({ length: config.connections }, worker));
  clearTimeout(warmupTimer);
  clearTimeout(stopTimer);
  // On a busy event loop every connection can see the end of the window before the timer fires;
  // the parent samples the target's CPU on this message, so it must come before the result.
  if (cpuInWindow === undefined) stop();
  const cpu = cpuInWindow ?? process.cpuUsage(cpuAtMeasureStart);
  const elapsedMs = Math.min(performance.now(), stopAt) - measureFrom;
  for (const connection of connections) connection.close();
  return {
    type: 'result',
    totals,
    window: {
      elapsedMs,
      completed: window.ok + window.non200 + window.transportErrors,
      ...window,
      latency: histogram.summary(),
      generatorCpuPercent: elapsedMs > 0 ? ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100 : 0,
    },
  };
}

function headersOf(signature: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-hub-signature-256': signature,
    'user-agent': 'facebookexternalua',
  };
}

process.once('message', (message: LoadConfig) => {
  // A last resort: if the target hangs beyond every request timeout, exit rather than linger.
  const deadline = message.warmupMs + message.durationMs + message.requestTimeoutMs + 10_000;
  setTimeout(() => process.exit(2), deadline).unref();
  runLoad(message).then(
    (result) => process.send?.(result, () => process.disconnect()),
    (error: unknown) => {
      console.error('load generator failed:', error);
      process.exit(1);
    },
  );
});
// Exit with the parent: an orphaned generator would keep loading the port.
process.once('disconnect', () => process.exit(0));
