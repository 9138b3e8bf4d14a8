/**
 * The signed-webhook ingest benchmark (docs/benchmarks.md): the same load against a bare node:http
 * receiver and against `switchboard start`, one after the other, and one JSON object on stdout.
 *
 *   npm run bench:ingest -- --duration 10 --warmup 3 --connections 64,256,512
 *
 * Each `--connections` level is a closed loop of that many keep-alive connections, measured against
 * both targets. A server's rate is the most it answers at any level: at a low level a server that
 * waits for the disk before its 200 is measured by that wait, not by what it can take (see
 * docs/benchmarks.md), so the report gives every level and the ratio of the two peaks.
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
import { numberArg } from '../common/number-arg.js';

const target = 0.5;

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '64,256,512' },
    targets: { type: 'string', default: 'baseline,switchboard' },
    'keep-data': { type: 'boolean', default: false },
  },
});

const levels = connectionLevels(args.connections);
const settings: Omit<LoadSettings, 'connections'> = {
  appSecret: randomBytes(24).toString('hex'),
  warmupMs: numberArg('warmup', args.warmup, 0, 120) * 1000,
  durationMs: numberArg('duration', args.duration, 1, 600) * 1000,
  requestTimeoutMs: 10_000,
  maxRequests: 50_000_000,
};
const targets = new Set(args.targets.split(',').map((name) => name.trim()));
for (const name of targets) {
  if (name !== 'baseline' && name !== 'switchboard') throw new Error(`unknown target ${name}`);
}

/** `--connections` as a list of distinct levels, in the order given. */
function connectionLevels(raw: string): number[] {
  const parsed = raw.split(',').map((part) => Math.round(numberArg('connections', part.trim(), 1, 1024)));
  return [...new Set(parsed)];
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

function summarizeSwitchboard(outcome: SwitchboardOutcome, loadSettings: LoadSettings) {
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
        load.result.totals.ok / ((loadSettings.warmupMs + loadSettings.durationMs + outcome.drainMs) / 1000),
      ),
    },
    serverExitCode: outcome.serverExitCode,
  };
}

type Summary = ReturnType<typeof summarize>;
type SwitchboardSummary = ReturnType<typeof summarizeSwitchboard>;

interface Level {
  connections: number;
  baseline: Summary | null;
  switchboard: SwitchboardSummary | null;
  ratio: number | null;
}

/** The level at which a target answered the most webhooks per second, or null if it was not run. */
function peakOf(runs: { connections: number; summary: Summary | null }[]) {
  let best: { connections: number; webhooksPerSecond: number } | null = null;
  for (const { connections, summary } of runs) {
    if (summary && (best === null || summary.webhooksPerSecond > best.webhooksPerSecond)) {
      best = { connections, webhooksPerSecond: summary.webhooksPerSecond };
    }
  }
  return best;
}

function ratioOf(switchboard: number | undefined, baseline: number | undefined): number | null {
  if (switchboard === undefined || baseline === undefined || baseline <= 0) return null;
  return Math.round((switchboard / baseline) * 1000) / 1000;
}

// A fast run that lost or failed webhooks proves nothing; `valid` says the numbers can be trusted.
function levelValid({ baseline, switchboard }: Level): boolean {
  return (
    (baseline?.errors ?? 0) === 0 &&
    (switchboard === null ||
      (switchboard.errors === 0 &&
        switchboard.stored === switchboard.accepted &&
        switchboard.messagesStored === switchboard.messagesExpected))
  );
}

async function measureLevel(connections: number, log: (line: string) => void): Promise<Level> {
  const phase = `${settings.warmupMs / 1000} s warm-up + ${settings.durationMs / 1000} s`;
  const load: LoadSettings = { ...settings, connections };
  let baseline: Summary | null = null;
  let switchboard: SwitchboardSummary | null = null;
  if (targets.has('baseline')) {
    log(`baseline: bare node:http, ${connections} connections, ${phase}`);
    baseline = summarize(await measureBaseline(load));
    log(`baseline: ${baseline.webhooksPerSecond} webhooks/s, p99 ${baseline.p99Ms} ms`);
  }
  if (targets.has('switchboard')) {
    log(`switchboard: starting the server, then ${connections} connections, ${phase}`);
    const options = { startupTimeoutMs: 60_000, drainTimeoutMs: 300_000, keepData: args['keep-data'] };
    switchboard = summarizeSwitchboard(await measureSwitchboard(load, options), load);
    log(`switchboard: ${switchboard.webhooksPerSecond} webhooks/s, p99 ${switchboard.p99Ms} ms`);
  }
  const ratio = ratioOf(switchboard?.webhooksPerSecond, baseline?.webhooksPerSecond);
  return { connections, baseline, switchboard, ratio };
}

async function main(): Promise<void> {
  const log = (line: string): void => console.error(`[bench:ingest] ${line}`);
  const measured: Level[] = [];
  for (const connections of levels) measured.push(await measureLevel(connections, log));

  const peak = {
    baseline: peakOf(measured.map((l) => ({ connections: l.connections, summary: l.baseline }))),
    switchboard: peakOf(measured.map((l) => ({ connections: l.connections, summary: l.switchboard }))),
  };
  const ratio = ratioOf(peak.switchboard?.webhooksPerSecond, peak.baseline?.webhooksPerSecond);
  const reported = measured.map((level) => ({
    ...level,
    meetsTarget: level.ratio === null ? null : level.ratio >= target,
    valid: levelValid(level),
  }));
  const valid = reported.every((level) => level.valid);
  const report = {
    benchmark: 'ingest',
    machine: { cpus: availableParallelism(), cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version },
    config: {
      durationS: settings.durationMs / 1000,
      warmupS: settings.warmupMs / 1000,
      connections: levels,
      requestTimeoutMs: settings.requestTimeoutMs,
      payloadMix: '80% one text message, 10% three text messages, 10% three statuses; 200 customers',
      database: 'sqlite (fresh temp dir)',
    },
    levels: reported,
    peak,
    // Each server's best level against the other's: what each can take, whatever the concurrency.
    ratio,
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
