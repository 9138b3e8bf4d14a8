/**
 * The outbound benchmark (docs/benchmarks.md): agents' messages through Switchboard's send API and
 * outbox to the Cloud API emulator, with the channel limited to `--limit` messages per second.
 * One JSON object on stdout, progress on stderr.
 *
 *   npm run bench:outbound -- --duration 10 --rate 1500 --limit 1000 --customers 500
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { readStoreCounts } from '../ingest/store-counts.js';
import { freeLoopbackPort } from '../ingest/switchboard-server.js';
import { waitForProcessing } from '../ingest/targets.js';
import { waitForOpenConversations } from './conversations.js';
import { startEmulatorProcess } from './emulator-client.js';
import { measurePhase, type PhaseSettings, type PhaseTarget } from './measure-phase.js';
import { stampedText } from './protocol.js';
import { startSwitchboard, type BenchChannel } from './switchboard-process.js';
import { numberArg } from '../common/number-arg.js';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    rate: { type: 'string', default: '1500' },
    limit: { type: 'string', default: '1000' },
    customers: { type: 'string', default: '500' },
    'under-rate': { type: 'string' },
    connections: { type: 'string', default: '64' },
    'emulator-throughput': { type: 'string', default: '10000' },
    statuses: { type: 'string', default: 'on' },
    'keep-data': { type: 'boolean', default: false },
  },
});

const durationMs = numberArg('duration', args.duration, 2, 600) * 1000;
const offered = numberArg('rate', args.rate, 1, 20_000);
const limit = Math.round(numberArg('limit', args.limit, 1, 20_000));
const customers = Math.round(numberArg('customers', args.customers, 1, 20_000));
// Below the limit nothing waits for the limiter: the latency is the outbox's own. 0 skips the phase.
const underRate = numberArg('under-rate', args['under-rate'] ?? String(Math.round(limit * 0.8)), 0, 20_000);
const connections = Math.round(numberArg('connections', args.connections, 1, 1024));
const emulatorThroughput = Math.round(
  numberArg('emulator-throughput', args['emulator-throughput'], 1, 100_000),
);
if (args.statuses !== 'on' && args.statuses !== 'off') throw new Error('--statuses must be on or off');
// Diagnostic: `off` withholds every status webhook during the send phases, so the gateway only sends.
const statusWebhooks = args.statuses === 'on';
const warmupMs = Math.min(1000, durationMs / 4);

const log = (line: string): void => console.error(`[bench:outbound] ${line}`);

async function main(): Promise<void> {
  const channel: BenchChannel = {
    appSecret: randomBytes(24).toString('hex'),
    verifyToken: 'bench-verify-token',
    accessToken: `bench-access-${randomBytes(12).toString('hex')}`,
    phoneNumberId: '100000000000001',
    apiKey: 'bench-api-key-0123456789',
  };
  const waIds = Array.from({ length: customers }, (_, i) => `1555${String(i).padStart(7, '0')}`);
  const [serverPort, emulatorPort] = [await freeLoopbackPort(), await freeLoopbackPort()];

  log(`starting switchboard (limit ${limit}/s) and the emulator (its own limit ${emulatorThroughput}/s)`);
  const server = await startSwitchboard({
    port: serverPort,
    graphUrl: `http://127.0.0.1:${emulatorPort}/v23.0`,
    channel,
    sendRatePerSecond: limit,
    startupTimeoutMs: 60_000,
  });
  const emulator = await startEmulatorProcess({
    port: emulatorPort,
    webhookUrl: `http://127.0.0.1:${serverPort}/webhooks/meta`,
    appSecret: channel.appSecret,
    verifyToken: channel.verifyToken,
    accessToken: channel.accessToken,
    phoneNumberId: channel.phoneNumberId,
    throughputPerSecond: emulatorThroughput,
    waIds,
  });
  const processes = { switchboard: server.pid, emulator: emulator.child.pid };
  const pendingWebhooks = (): number => readStoreCounts(server.databasePath).webhooksByStatus.pending ?? 0;
  // Between phases: every webhook delivered and processed, so one phase's statuses do not load the next.
  const settle = async (): Promise<void> => {
    await emulator.ask({ type: 'idle' });
    await waitForProcessing(server.databasePath, 120_000);
  };
  const phase = (tag: string, ratePerSecond: number): PhaseSettings => ({
    tag,
    ratePerSecond,
    durationMs,
    warmupMs,
    connections,
    limit,
    // A backlog drains at the limit; leave room for twice that.
    drainTimeoutMs: 30_000 + (2 * Math.max(0, ratePerSecond - limit) * durationMs) / limit,
  });
  const json = { 'content-type': 'application/json' };

  try {
    // Baseline: the same load as direct Graph sends. Its status webhooks are withheld and then
    // dropped, so the gateway never sees this phase.
    log(`baseline: direct Graph sends to the emulator at ${offered}/s for ${durationMs / 1000} s`);
    await emulator.ask({ type: 'withhold', on: true });
    await emulator.ask({ type: 'open-windows' });
    const graphHeaders = { ...json, authorization: `Bearer ${channel.accessToken}` };
    const graphTarget: PhaseTarget = {
      port: emulatorPort,
      expectStatus: 200,
      latencyFrom: 'sent',
      processes,
      request: (sequence) => ({
        path: `/v23.0/${channel.phoneNumberId}/messages`,
        headers: graphHeaders,
        body: Buffer.from(
          JSON.stringify({
            messaging_product: 'whatsapp',
            recipient_type: 'individual',
            to: waIds[sequence % waIds.length],
            type: 'text',
            text: { body: stampedText('g', sequence) },
          }),
        ),
      }),
    };
    const baseline = await measurePhase(emulator, graphTarget, phase('g', offered), log);
    log(`baseline: ${baseline.sustainedPerSecond}/s sustained, at most ${baseline.maxPerSecond} in a second`);
    await emulator.ask({ type: 'reset' });
    await emulator.ask({ type: 'withhold', on: false });

    log(`opening the 24-hour window of ${customers} customers`);
    await emulator.ask({ type: 'open-windows' });
    const conversationIds = await waitForOpenConversations(
      `http://127.0.0.1:${serverPort}`,
      channel.apiKey,
      waIds,
      60_000,
    );
    await settle();
    if (!statusWebhooks) await emulator.ask({ type: 'withhold', on: true });
    const apiHeaders = { ...json, authorization: `Bearer ${channel.apiKey}` };
    const sendTarget = (tag: string): PhaseTarget => ({
      port: serverPort,
      expectStatus: 202,
      latencyFrom: 'answered',
      processes,
      pendingWebhooks,
      request: (sequence) => ({
        path: `/v1/conversations/${conversationIds[sequence % conversationIds.length]}/messages`,
        headers: apiHeaders,
        body: Buffer.from(JSON.stringify({ type: 'text', text: { body: stampedText(tag, sequence) } })),
      }),
    });

    log(`switchboard: POST /v1/conversations/:id/messages at ${offered}/s for ${durationMs / 1000} s`);
    const switchboard = await measurePhase(emulator, sendTarget('s'), phase('s', offered), log);
    log(
      `switchboard: ${switchboard.sustainedPerSecond}/s sustained, at most ${switchboard.maxPerSecond} in a second, ` +
        `latency p50 ${switchboard.latencyMs.p50} ms p99 ${switchboard.latencyMs.p99} ms`,
    );

    let underLimit: typeof switchboard | null = null;
    if (underRate > 0) {
      await settle();
      log(`under the limit: ${underRate}/s for ${durationMs / 1000} s`);
      underLimit = await measurePhase(emulator, sendTarget('u'), phase('u', underRate), log);
      log(`under the limit: latency p50 ${underLimit.latencyMs.p50} ms p99 ${underLimit.latencyMs.p99} ms`);
    }

    const phases = [switchboard, ...(underLimit ? [underLimit] : [])];
    const maxPerSecond = Math.max(...phases.map((p) => p.maxPerSecond));
    const valid =
      baseline.errors === 0 &&
      baseline.lost === 0 &&
      phases.every((p) => p.errors === 0 && p.lost === 0 && p.duplicates === 0);
    const report = {
      benchmark: 'outbound',
      machine: {
        cpus: availableParallelism(),
        cpuModel: cpus()[0]?.model ?? 'unknown',
        node: process.version,
      },
      config: {
        durationS: durationMs / 1000,
        warmupS: warmupMs / 1000,
        offeredPerSecond: offered,
        limitPerSecond: limit,
        underLimitPerSecond: underRate,
        customers,
        connections,
        emulatorThroughputPerSecond: emulatorThroughput,
        statusWebhooks: statusWebhooks ? 'sent, delivered (no auto-read)' : 'withheld',
        pairRateLimit: 'off',
        database: 'sqlite (fresh temp dir)',
      },
      sustainedPerSecond: switchboard.sustainedPerSecond,
      maxPerSecond,
      withinLimit: maxPerSecond <= limit,
      reachesLimit: switchboard.sustainedPerSecond >= 0.97 * limit,
      latencyUnderLimitMs: underLimit
        ? { p50: underLimit.latencyMs.p50, p99: underLimit.latencyMs.p99, max: underLimit.latencyMs.max }
        : null,
      ratioToBaseline:
        baseline.sustainedPerSecond > 0
          ? Math.round((switchboard.sustainedPerSecond / baseline.sustainedPerSecond) * 1000) / 1000
          : null,
      baseline,
      switchboard,
      underLimit,
      valid,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (!valid) {
      log('INVALID RUN: errors, lost or duplicated messages (see the JSON)');
      process.exitCode = 1;
    }
  } finally {
    await emulator.stop();
    const code = await server.stop(10_000);
    if (code !== 0 && code !== null) log(`switchboard exited with code ${code}`);
    if (args['keep-data']) log(`data kept in ${server.dataDir}`);
    else await rm(server.dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('[bench:outbound] failed:', error);
  process.exitCode = 1;
});
