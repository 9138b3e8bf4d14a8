import { setTimeout as sleep } from 'node:timers/promises';
import { processCpuMs } from '../ingest/process-cpu.js';
import type { EmulatorClient } from './emulator-client.js';
import { postAtRate, wallClockMs, type PacedRequest } from './paced-poster.js';
import { maxInAnySecond, percentiles, ratePerSecond, refusedAtLimit, round1 } from './receipts.js';

/** Where a phase's load goes and what a success looks like. */
export interface PhaseTarget {
  port: number;
  expectStatus: number;
  request: (sequence: number) => PacedRequest;
  /**
   * What the provider latency counts from: `answered` (the gateway's 202, i.e. queued) or `sent`
   * (the request written, for direct Graph sends that have no queue).
   */
  latencyFrom: 'answered' | 'sent';
  /** Processes whose CPU is reported, by name. */
  processes: Record<string, number | undefined>;
  /** Webhooks the gateway has stored but not processed yet (its inbox backlog), when known. */
  pendingWebhooks?: () => number;
}

export interface PhaseSettings {
  /** Marks this phase's messages (`bench <tag>#<sequence>`) so the emulator can tell them apart. */
  tag: string;
  ratePerSecond: number;
  durationMs: number;
  /** Accepts before `start + warmupMs` do not count toward the sustained rate. */
  warmupMs: number;
  connections: number;
  limit: number;
  drainTimeoutMs: number;
}

/** Offers the load, waits until the emulator has everything that was accepted, and measures. */
export async function measurePhase(
  emulator: EmulatorClient,
  target: PhaseTarget,
  settings: PhaseSettings,
  log: (line: string) => void,
) {
  const cpuBefore = cpuSample(target.processes);
  const load = await postAtRate({
    port: target.port,
    connections: settings.connections,
    ratePerSecond: settings.ratePerSecond,
    durationMs: settings.durationMs,
    timeoutMs: 30_000,
    expectStatus: target.expectStatus,
    request: target.request,
  });
  const loadMs = wallClockMs() - load.startedAt;
  // The poster resolves once every request of the run was sent.
  const requests = load.sentAt.length;
  const cpu = cpuPercent(cpuBefore, cpuSample(target.processes), loadMs);
  const inboxBacklogAtLoadEnd = target.pendingWebhooks?.() ?? null;
  log(`${settings.tag}: ${load.answered} of ${requests} accepted by the target; draining`);

  const drainStartedAt = wallClockMs();
  let received = 0;
  let lastLog = drainStartedAt;
  while (wallClockMs() - drainStartedAt < settings.drainTimeoutMs) {
    received = (await emulator.ask({ type: 'count', tag: settings.tag })).count;
    if (received >= load.answered) break;
    if (wallClockMs() - lastLog > 2000) {
      log(`${settings.tag}: ${received} of ${load.answered} at the emulator`);
      lastLog = wallClockMs();
    }
    await sleep(100);
  }
  const drainMs = wallClockMs() - drainStartedAt;
  const { receipts } = await emulator.ask({ type: 'collect', tag: settings.tag }, 120_000);

  const acceptTimes: number[] = [];
  const latencies: number[] = [];
  const seen = new Set<number>();
  let duplicates = 0;
  for (const [sequence, acceptedAt] of receipts) {
    if (seen.has(sequence)) duplicates += 1;
    seen.add(sequence);
    acceptTimes.push(acceptedAt);
    const from = target.latencyFrom === 'answered' ? load.answeredAt[sequence] : load.sentAt[sequence];
    // The emulator stamps whole milliseconds (Date.now): truncate ours too, so that an accept
    // can never seem to come before its cause.
    if (from !== undefined && !Number.isNaN(from)) latencies.push(acceptedAt - Math.floor(from));
  }
  acceptTimes.sort((a, b) => a - b);
  const roundTrips: number[] = [];
  for (let i = 0; i < requests; i += 1) {
    const rtt = load.answeredAt[i]! - load.sentAt[i]!;
    if (!Number.isNaN(rtt)) roundTrips.push(rtt);
  }
  const steadyFrom = load.startedAt + settings.warmupMs;
  // When the last request was due: the end of the offered load.
  const loadEndedAt = load.startedAt + settings.durationMs;
  const maxPerSecond = maxInAnySecond(acceptTimes);
  const errors = Object.values(load.failures).reduce((sum, n) => sum + n, 0);
  const lost = load.answered - seen.size;
  return {
    offeredPerSecond: settings.ratePerSecond,
    requests,
    queued: load.answered,
    errors,
    ...(errors > 0 ? { failures: load.failures } : {}),
    receivedByEmulator: receipts.length,
    lost,
    duplicates,
    sustainedPerSecond: round1(ratePerSecond(acceptTimes, steadyFrom, loadEndedAt)),
    // Everything the emulator accepted in the phase, drain included.
    overallPerSecond: round1(
      acceptTimes.length < 2
        ? 0
        : ((acceptTimes.length - 1) / (acceptTimes[acceptTimes.length - 1]! - acceptTimes[0]!)) * 1000,
    ),
    maxPerSecond,
    withinLimit: maxPerSecond <= settings.limit,
    refusedAtLimit: refusedAtLimit(acceptTimes, settings.limit),
    latencyMs: percentiles(latencies),
    negativeLatencies: latencies.filter((ms) => ms < 0).length,
    targetAnswerMs: percentiles(roundTrips),
    generatorMaxBacklog: load.maxBacklog,
    inboxBacklogAtLoadEnd,
    drainMs: Math.round(drainMs),
    cpuPercent: cpu,
  };
}

type CpuSample = Record<string, number | null>;

function cpuSample(processes: Record<string, number | undefined>): CpuSample {
  const sample: CpuSample = {};
  for (const [name, pid] of Object.entries(processes)) sample[name] = processCpuMs(pid);
  const own = process.cpuUsage();
  sample.generator = (own.user + own.system) / 1000;
  return sample;
}

/** CPU used by each process over the load, as a share of one core (Linux /proc; null elsewhere). */
function cpuPercent(before: CpuSample, after: CpuSample, elapsedMs: number): Record<string, number | null> {
  const result: Record<string, number | null> = {};
  for (const [name, start] of Object.entries(before)) {
    const end = after[name];
    result[name] =
      start === null || end === null || end === undefined ? null : round1(((end - start) / elapsedMs) * 100);
  }
  return result;
}
