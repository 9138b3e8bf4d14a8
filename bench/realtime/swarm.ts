import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { stopChild } from '../ingest/child-processes.js';
import { ask } from '../common/ask.js';
import { forkRealtimeChild } from './processes.js';
import type { ClientEndpoint, SwarmConnected, SwarmReport } from './protocol.js';
import type { Target } from './targets.js';

/** Clients of one target spread over several processes (each has its own fd limit). */
export class Swarm {
  private constructor(
    private readonly children: ChildProcess[],
    readonly connected: SwarmConnected,
  ) {}

  /**
   * `scoped`: one endpoint per client (its own URL, credential and agent index; ws only), the
   * customers spread over `agents`; otherwise every client uses the target's URL and headers.
   */
  static async connect(
    target: Target,
    clients: number,
    perProcess: number,
    scoped?: { endpoints: ClientEndpoint[]; agents: number },
  ): Promise<Swarm> {
    const processes = Math.ceil(clients / perProcess);
    const children = Array.from({ length: processes }, () => forkRealtimeChild('./client-swarm.ts'));
    const results = await Promise.all(
      children.map((child, i) =>
        ask<SwarmConnected>(
          child,
          {
            type: 'start',
            kind: target.clientKind,
            url: target.url,
            headers: target.headers,
            count: Math.min(perProcess, clients - i * perProcess),
            concurrency: 100,
            endpoints: scoped?.endpoints.slice(i * perProcess, (i + 1) * perProcess),
            agents: scoped?.agents,
          },
          'connected',
          300_000,
        ),
      ),
    );
    return new Swarm(children, {
      type: 'connected',
      connected: results.reduce((n, r) => n + r.connected, 0),
      failed: results.reduce((n, r) => n + r.failed, 0),
      firstError: results.find((r) => r.firstError)?.firstError ?? null,
      ms: Math.max(...results.map((r) => r.ms)),
    });
  }

  /** Zeroes the counters; latency samples then count only for webhooks stamped after `from` (µs). */
  async reset(from = 0): Promise<void> {
    await Promise.all(
      this.children.map((child) => ask(child, { type: 'reset', from }, 'reset-done', 30_000)),
    );
  }

  reports(): Promise<SwarmReport[]> {
    return Promise.all(
      this.children.map((child) => ask<SwarmReport>(child, { type: 'report' }, 'report', 60_000)),
    );
  }

  /** Polls until every client has `perClient` fan frames, or the timeout; returns the last reports. */
  async waitForFan(perClient: number, timeoutMs: number): Promise<SwarmReport[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reports = await this.reports();
      const fan = reports.reduce((n, r) => n + r.fanFrames, 0);
      if (fan >= perClient * this.connected.connected || Date.now() > deadline) return reports;
      await sleep(100);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.children.map((child) => stopChild(child, 5000)));
  }
}
