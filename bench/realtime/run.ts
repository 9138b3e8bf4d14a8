/**
 * The realtime benchmark (docs/benchmarks.md): live fan-out to 10,000 WebSocket clients against a
 * bare `ws` broadcast and Socket.IO (same run), webhook → WebSocket latency at 1,000 msg/s with 100
 * agents against a bare relay, and the replay of 10,000 missed events. One JSON object on stdout.
 *
 *   npm run bench:realtime -- --clients 10000 --broadcasts 50 --rate 1000 --duration 10
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism, cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { nextMessage, stopChild } from '../ingest/child-processes.js';
import { forkRealtimeChild } from './processes.js';
import { nowMicros, type PacerResult } from './protocol.js';
import { appendEvents, readHead, timeReplay } from './replay.js';
import { measureFanout, type FanoutResult } from './fanout.js';
import { Swarm } from './swarm.js';
import { startTarget, type TargetName } from './targets.js';

const targets = {
  latencyP50Ms: 5,
  latencyP99Ms: 25,
  fanoutVsBareWs: 0.7,
  fanoutVsSocketIo: 1.5,
  idleConnectionKB: 12,
  replayMs: 500,
};

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '10000' },
    'clients-per-process': { type: 'string', default: '5000' },
    broadcasts: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '3' },
    agents: { type: 'string', default: '100' },
    rate: { type: 'string', default: '1000' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    missed: { type: 'string', default: '10000' },
    phases: { type: 'string', default: 'fanout,latency,replay' },
    targets: { type: 'string', default: 'bareWs,socketIo,switchboard' },
  },
});

function numberArg(name: keyof typeof args, min: number, max: number): number {
  const value = Number(args[name]);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`--${name} must be a number from ${min} to ${max}, got ${String(args[name])}`);
  }
  return value;
}

const settings = {
  appSecret: randomBytes(24).toString('hex'),
  clients: numberArg('clients', 1, 100_000),
  clientsPerProcess: numberArg('clients-per-process', 1, 15_000),
  broadcasts: numberArg('broadcasts', 1, 10_000),
  rounds: numberArg('rounds', 1, 50),
  agents: numberArg('agents', 1, 5000),
  rate: numberArg('rate', 1, 20_000),
  durationMs: numberArg('duration', 1, 600) * 1000,
  warmupMs: numberArg('warmup', 0, 120) * 1000,
  missed: numberArg('missed', 1, 1_000_000),
};
const phases = new Set(args.phases.split(','));
const chosen = new Set(args.targets.split(',') as TargetName[]);
const log = (line: string): void => console.error(`[bench:realtime] ${line}`);
const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;

async function measureLatency(name: TargetName, replay: boolean) {
  const target = await startTarget(name, settings.appSecret);
  let swarm: Swarm | null = null;
  const pacer = forkRealtimeChild('./webhook-pacer.ts');
  try {
    swarm = await Swarm.connect(target, settings.agents, settings.agents);
    if (swarm.connected.connected === 0) return { error: swarm.connected.firstError ?? 'no agent connected' };
    const result = nextMessage<PacerResult>(
      pacer,
      'result',
      settings.warmupMs + settings.durationMs + 60_000,
    );
    pacer.send({
      type: 'start',
      port: target.port,
      appSecret: settings.appSecret,
      ratePerSecond: settings.rate,
      durationMs: settings.warmupMs + settings.durationMs,
      connections: 64,
    });
    await sleep(settings.warmupMs);
    await swarm.reset(nowMicros());
    const load = await result;
    // The frames of the last webhooks may still be on their way: wait until no more arrive.
    let report = (await swarm.reports())[0]!;
    for (let waited = 0; waited < 30_000; waited += 500) {
      await sleep(500);
      const next = (await swarm.reports())[0]!;
      if (next.latency.samples === report.latency.samples) break;
      report = next;
    }
    const latency = report.latency;
    const expectedSamples =
      Math.round((settings.rate * settings.durationMs) / 1000) * swarm.connected.connected;
    const outcome = {
      agents: swarm.connected.connected,
      p50Ms: round(latency.p50Ms),
      p99Ms: round(latency.p99Ms),
      latencyMs: { mean: round(latency.meanMs), p90: round(latency.p90Ms), max: round(latency.maxMs) },
      samples: latency.samples,
      samplesExpected: expectedSamples,
      webhooks: { sent: load.sent, ok: load.ok, errors: load.errors, late: load.late },
      achievedRate: round(load.sent / (load.elapsedMs / 1000)),
    };
    log(`${name}: latency p50 ${outcome.p50Ms} ms, p99 ${outcome.p99Ms} ms (${latency.samples} samples)`);
    const replayed = replay ? await measureReplay(name, target) : null;
    return { ...outcome, replay: replayed };
  } finally {
    await stopChild(pacer, 2000);
    await swarm?.close();
    await target.stop();
  }
}

async function measureReplay(name: TargetName, target: Awaited<ReturnType<typeof startTarget>>) {
  const head = await readHead(target);
  if (head < settings.missed) {
    log(`${name}: appending events for the replay (head ${head})`);
    await appendEvents(target, settings.appSecret, settings.missed - head);
  }
  const runsMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const now = await readHead(target);
    runsMs.push(round(await timeReplay(target, now, settings.missed)));
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  const medianMs = sorted[Math.floor(sorted.length / 2)]!;
  log(`${name}: ${settings.missed} missed events replayed in ${medianMs} ms (median of ${runsMs.length})`);
  return { missed: settings.missed, medianMs, runsMs };
}

async function main(): Promise<void> {
  let fanout: Partial<Record<TargetName, FanoutResult>> = {};
  const latency: Partial<Record<TargetName, Awaited<ReturnType<typeof measureLatency>>>> = {};
  if (phases.has('fanout')) {
    const names = (['bareWs', 'socketIo', 'switchboard'] as const).filter((name) => chosen.has(name));
    log(
      `fan-out: ${names.join(', ')}; ${settings.clients} clients each, ${settings.rounds} rounds of ${settings.broadcasts} broadcasts`,
    );
    fanout = await measureFanout(names, settings, log);
  }
  if (phases.has('latency') || phases.has('replay')) {
    for (const name of ['bareWs', 'switchboard'] as const) {
      if (!chosen.has(name)) continue;
      log(`latency: ${name}, ${settings.agents} agents, ${settings.rate} msg/s`);
      latency[name] = await measureLatency(name, name === 'switchboard' && phases.has('replay')).catch(
        (error: unknown) => ({ error: String(error) }),
      );
    }
  }

  const rate = (r: (typeof fanout)[TargetName]): number | null =>
    r && 'framesPerSecond' in r ? r.framesPerSecond : null;
  const sb = rate(fanout.switchboard);
  const bare = rate(fanout.bareWs);
  const sio = rate(fanout.socketIo);
  const fanSb = fanout.switchboard && 'framesPerSecond' in fanout.switchboard ? fanout.switchboard : null;
  const latSb = latency.switchboard && 'p50Ms' in latency.switchboard ? latency.switchboard : null;
  const messages = (r: (typeof fanout)[TargetName]): number | null =>
    r && 'messageFramesPerSecond' in r ? r.messageFramesPerSecond : null;
  const sbMessages = messages(fanout.switchboard);
  const bareMessages = messages(fanout.bareWs);
  const ratios = {
    switchboardVsBareWs: sb !== null && bare ? round(sb / bare, 3) : null,
    switchboardVsSocketIo: sb !== null && sio ? round(sb / sio, 3) : null,
    bareWsVsSocketIo: bare !== null && sio ? round(bare / sio, 3) : null,
    // Per inbound message rather than per frame: Switchboard sends two events for each.
    switchboardVsBareWsMessages:
      sbMessages !== null && bareMessages ? round(sbMessages / bareMessages, 3) : null,
  };
  const check = (value: number | null | undefined, ok: (v: number) => boolean): boolean | null =>
    value === null || value === undefined ? null : ok(value);
  const meetsTargets = {
    latencyP50: check(latSb?.p50Ms, (v) => v <= targets.latencyP50Ms),
    latencyP99: check(latSb?.p99Ms, (v) => v <= targets.latencyP99Ms),
    fanoutVsBareWs: check(ratios.switchboardVsBareWs, (v) => v >= targets.fanoutVsBareWs),
    fanoutVsSocketIo: check(ratios.switchboardVsSocketIo, (v) => v >= targets.fanoutVsSocketIo),
    idleConnection: check(fanSb?.rssPerIdleConnectionKB, (v) => v <= targets.idleConnectionKB),
    replay: check(latSb?.replay?.medianMs, (v) => v <= targets.replayMs),
  };
  const fanoutComplete = Object.values(fanout).every((r) => r && 'complete' in r && r.complete);
  const latencyComplete = Object.values(latency).every(
    (r) => r && 'samples' in r && r.webhooks.errors === 0 && r.samples >= r.samplesExpected * 0.98,
  );
  const report = {
    benchmark: 'realtime',
    machine: { cpus: availableParallelism(), cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version },
    config: {
      clients: settings.clients,
      clientsPerProcess: settings.clientsPerProcess,
      broadcasts: settings.broadcasts,
      rounds: settings.rounds,
      agents: settings.agents,
      ratePerSecond: settings.rate,
      durationS: settings.durationMs / 1000,
      warmupS: settings.warmupMs / 1000,
      missed: settings.missed,
      database: 'sqlite (fresh temp dir)',
    },
    fanout,
    latency,
    ratios,
    targets,
    meetsTargets,
    valid: fanoutComplete && latencyComplete,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  if (!report.valid) {
    log('INVALID RUN: a target failed, lost clients or frames, or webhooks failed (see the JSON)');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error('[bench:realtime] failed:', error);
  process.exitCode = 1;
});
