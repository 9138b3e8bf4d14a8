import { setTimeout as sleep } from 'node:timers/promises';
import { rssBytes } from './processes.js';
import { Swarm } from './swarm.js';
import { startTarget, type Target, type TargetName } from './targets.js';

export interface FanoutSettings {
  appSecret: string;
  clients: number;
  clientsPerProcess: number;
  broadcasts: number;
  rounds: number;
}

interface Round {
  framesPerSecond: number;
  /** Only the message frames: one per broadcast (Switchboard also sends conversation.updated). */
  messageFramesPerSecond: number;
  frames: number;
  messageFrames: number;
  spanMs: number;
  fromTriggerMs: number;
  complete: boolean;
}

export type FanoutResult = Awaited<ReturnType<typeof summarize>> | { error: string };

const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;
const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Every target up at once, each with its own clients; then `rounds` bursts, target after target in
 * turn (A B C A B C …), so that load from elsewhere on the machine hits all of them alike and the
 * ratios of the medians hold even when absolute rates drift.
 */
export async function measureFanout(
  names: TargetName[],
  settings: FanoutSettings,
  log: (line: string) => void,
): Promise<Partial<Record<TargetName, FanoutResult>>> {
  const up: { target: Target; swarm: Swarm; rssBefore: number | null; rssIdle: number | null }[] = [];
  const results: Partial<Record<TargetName, FanoutResult>> = {};
  try {
    for (const name of names) {
      try {
        const target = await startTarget(name, settings.appSecret);
        await sleep(1000);
        const rssBefore = rssBytes(target.pid);
        const swarm = await Swarm.connect(target, settings.clients, settings.clientsPerProcess);
        const { connected, failed, firstError, ms } = swarm.connected;
        log(
          `${name}: ${connected} clients connected in ${ms} ms (${failed} failed${firstError ? `: ${firstError}` : ''})`,
        );
        up.push({ target, swarm, rssBefore, rssIdle: null });
        if (connected === 0) results[name] = { error: firstError ?? 'no client could connect' };
      } catch (error) {
        results[name] = { error: String(error) };
      }
    }
    // Idle: let the handshakes' garbage be collected and the heaps settle before reading RSS.
    await sleep(3000);
    for (const entry of up) entry.rssIdle = rssBytes(entry.target.pid);

    const rounds = new Map<TargetName, Round[]>();
    for (let r = 0; r < settings.rounds; r++) {
      for (const { target, swarm } of up) {
        if (results[target.name]) continue;
        const burst = await burstOnce(target, swarm, settings.broadcasts);
        rounds.set(target.name, [...(rounds.get(target.name) ?? []), burst]);
        log(`${target.name}: round ${r + 1}: ${burst.framesPerSecond} frames/s`);
      }
    }
    for (const entry of up) {
      const bursts = rounds.get(entry.target.name);
      if (!results[entry.target.name] && bursts) results[entry.target.name] = summarize(entry, bursts);
    }
    return results;
  } finally {
    for (const { target, swarm } of up) {
      await swarm.close();
      await target.stop();
    }
  }
}

async function burstOnce(target: Target, swarm: Swarm, broadcasts: number): Promise<Round> {
  await swarm.reset();
  const startedAt = await target.broadcast(broadcasts);
  const reports = await swarm.waitForFan(broadcasts, 120_000);
  const frames = reports.reduce((n, r) => n + r.frames, 0);
  const messageFrames = reports.reduce((n, r) => n + r.fanFrames, 0);
  const lastAt = Math.max(...reports.map((r) => r.lastFanAt));
  const firstAt = Math.min(...reports.filter((r) => r.firstFanAt > 0).map((r) => r.firstFanAt));
  // From the first frame any client received to the last: the fan-out itself. For Switchboard the
  // time before it (webhook → commit → first frame) is latency, measured in its own phase.
  const spanMs = (lastAt - firstAt) / 1000;
  return {
    framesPerSecond: Math.round((frames / spanMs) * 1000),
    messageFramesPerSecond: Math.round((messageFrames / spanMs) * 1000),
    frames,
    messageFrames,
    spanMs: round(spanMs),
    fromTriggerMs: round((lastAt - startedAt) / 1000),
    complete: messageFrames === broadcasts * swarm.connected.connected,
  };
}

function summarize(
  entry: { swarm: Swarm; rssBefore: number | null; rssIdle: number | null },
  bursts: Round[],
) {
  const { connected, failed, ms } = entry.swarm.connected;
  const { rssBefore, rssIdle } = entry;
  return {
    connected,
    failed,
    connectMs: ms,
    framesPerSecond: median(bursts.map((b) => b.framesPerSecond)),
    messageFramesPerSecond: median(bursts.map((b) => b.messageFramesPerSecond)),
    rounds: bursts,
    rssBeforeMB: rssBefore === null ? null : round(rssBefore / 2 ** 20, 1),
    rssIdleMB: rssIdle === null ? null : round(rssIdle / 2 ** 20, 1),
    rssPerIdleConnectionKB:
      rssBefore === null || rssIdle === null ? null : round((rssIdle - rssBefore) / connected / 1024),
    complete: failed === 0 && bursts.every((b) => b.complete),
  };
}
