/**
 * The signed-webhook ingest benchmark (docs/benchmarks.md): the same load against a bare node:http
 * receiver and against `switchboard start`, one after the other, and one JSON object on stdout.
 *
 *   npm run bench:ingest -- --duration 10 --warmup 3 --connections 64
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import type { MeasuredLoad } from './run-load.js';
import {
  measureBaseline,
  measureSwitchboard,
  type LoadSettings,
  type SwitchboardOutcome,
} from './targets.js';
import { numberArg } from '../shared/number-arg.js';

const target = 0.5;

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '64' },
    targets: { type: 'string', default: 'baseline,switchboard' },
    'keep-data': { type: 'boolean', default: false },
  },
});

const settings: LoadSettings = {
  appSecret: randomBytes(24).toString('hex'),
  connections: Math.round(numberArg('connections', args.connections, 1, 1024)),
  warmupMs: numberArg('warmup', args.warmup, 0, 120) * 1000,
  durationMs: numberArg('duration', args.duration, 1, 600) * 1000,
  requestTimeoutMs: 10_000,
  maxRequests: 50_000_000,
};
const targets = new Set(args.targets.split(',').map((name) => name.trim()));
for (const name of targets) {
  if (name !== 'baseline' && name !== 'switchboard') throw new Error(`unknown target ${name}`);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function summarize({ result, targetCpuPercent }: MeasuredLoad) {
  const { window, totals } = result;
  return {
    webhooksPerSecond: round((window.ok / window.elapsedMs) * 1000),
    p50Ms: round(window.latency.p50Ms),
    p99Ms: round(window.latency.p99Ms),
    // Over the whole run, warm-up included: any failed POST is one Meta would have to retry.
    errors: totals.non200 + totals.transportErrors,
    requests: window.completed,
    latencyMs: {
      mean: round(window.latency.meanMs),
      p90: round(window.latency.p90Ms),
      max: round(window.latency.maxMs),
    },
    // Shares of one core during the measurement window; see docs/benchmarks.md on reading them.
    targetCpuPercent: targetCpuPercent === null ? null : round(targetCpuPercent),
    generatorCpuPercent: round(window.generatorCpuPercent),
    accepted: totals.ok,
    ...(Object.keys(totals.failureCodes).length > 0 ? { failures: totals.failureCodes } : {}),
  };
}

function summarizeSwitchboard(outcome: SwitchboardOutcome) {
  const { load, counts } = outcome;
  return {
    ...summarize(load),
    stored: counts.webhooks,
    messagesStored: counts.messages,
    messagesExpected: load.result.totals.messagesAccepted,
    statusesStored: counts.statuses,
    statusesExpected: load.result.totals.statusesAccepted,
    inboxByStatus: counts.webhooksByStatus,
    // Processing runs behind the 200s (the inbox worker): how far behind, and how fast it caught up.
    processing: {
      backlogAtEnd: outcome.backlogAtEnd,
      drainMs: outcome.drainMs,
      // Every webhook of the run (warm-up included) processed, over the time until the last was.
      overallWebhooksPerSecond: round(
        load.result.totals.ok / ((settings.warmupMs + settings.durationMs + outcome.drainMs) / 1000),
      ),
    },
    serverExitCode: outcome.serverExitCode,
  };
}

async function main(): Promise<void> {
  const log = (line: string): void => console.error(`[bench:ingest] ${line}`);
  const phase = `${settings.warmupMs / 1000} s warm-up + ${settings.durationMs / 1000} s`;
  let baseline: ReturnType<typeof summarize> | undefined;
  let switchboard: ReturnType<typeof summarizeSwitchboard> | undefined;

  if (targets.has('baseline')) {
    log(`baseline: bare node:http, ${settings.connections} connections, ${phase}`);
    baseline = summarize(await measureBaseline(settings));
    log(`baseline: ${baseline.webhooksPerSecond} webhooks/s, p99 ${baseline.p99Ms} ms`);
  }
  if (targets.has('switchboard')) {
    log(`switchboard: starting the server, then ${settings.connections} connections, ${phase}`);
    const options = { startupTimeoutMs: 60_000, drainTimeoutMs: 300_000, keepData: args['keep-data'] };
    switchboard = summarizeSwitchboard(await measureSwitchboard(settings, options));
    log(`switchboard: ${switchboard.webhooksPerSecond} webhooks/s, p99 ${switchboard.p99Ms} ms`);
  }

  const ratio =
    baseline && switchboard && baseline.webhooksPerSecond > 0
      ? switchboard.webhooksPerSecond / baseline.webhooksPerSecond
      : null;
  // A fast run that lost or failed webhooks proves nothing; `valid` says the numbers can be trusted.
  const valid =
    (baseline?.errors ?? 0) === 0 &&
    (switchboard === undefined ||
      (switchboard.errors === 0 &&
        switchboard.stored === switchboard.accepted &&
        switchboard.messagesStored === switchboard.messagesExpected));
  const report = {
    benchmark: 'ingest',
    machine: { cpus: availableParallelism(), cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version },
    config: {
      durationS: settings.durationMs / 1000,
      warmupS: settings.warmupMs / 1000,
      connections: settings.connections,
      requestTimeoutMs: settings.requestTimeoutMs,
      payloadMix: '80% one text message, 10% three text messages, 10% three statuses; 200 customers',
      database: 'sqlite (fresh temp dir)',
    },
    baseline: baseline ?? null,
    switchboard: switchboard ?? null,
    ratio: ratio === null ? null : Math.round(ratio * 1000) / 1000,
    target,
    meetsTarget: ratio === null ? null : ratio >= target,
    valid,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  if (!valid) {
    log('INVALID RUN: errors, or stored counts differ from the 200 answers (see the JSON)');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error('[bench:ingest] failed:', error);
  process.exitCode = 1;
});
