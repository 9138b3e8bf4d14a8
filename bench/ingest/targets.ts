import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { forkBenchChild, nextMessage, stopChild } from './child-processes.js';
import type { LoadConfig } from './load-protocol.js';
import { runLoad, type MeasuredLoad } from './run-load.js';
import { readStoreCounts, type StoreCounts } from './store-counts.js';
import { startSwitchboard } from './switchboard-server.js';

/** The load settings shared by both targets; each target adds its port and path. */
export type LoadSettings = Omit<LoadConfig, 'port' | 'path' | 'runTag'>;

export interface SwitchboardOutcome {
  load: MeasuredLoad;
  counts: StoreCounts;
  /** Webhooks stored but not yet processed when the load stopped. */
  backlogAtEnd: number;
  /** How long processing of stored webhooks took to catch up after the load stopped. */
  drainMs: number;
  serverExitCode: number | null;
}

export async function measureBaseline(settings: LoadSettings): Promise<MeasuredLoad> {
  const server = forkBenchChild('./bare-server.ts', { BENCH_APP_SECRET: settings.appSecret });
  try {
    const { port } = await nextMessage<{ type: 'listening'; port: number }>(server, 'listening', 30_000);
    return await runLoad({ ...settings, port, path: '/webhooks/meta', runTag: 'baseline' }, server.pid);
  } finally {
    await stopChild(server, 2000);
  }
}

export async function measureSwitchboard(
  settings: LoadSettings,
  options: { startupTimeoutMs: number; drainTimeoutMs: number; keepData: boolean },
): Promise<SwitchboardOutcome> {
  const server = await startSwitchboard(settings.appSecret, options.startupTimeoutMs);
  console.error(`switchboard: listening on 127.0.0.1:${server.port}, data in ${server.dataDir}`);
  let load: MeasuredLoad;
  let drainMs: number;
  let backlogAtEnd: number;
  let serverExitCode: number | null;
  try {
    const config = { ...settings, port: server.port, path: '/webhooks/meta', runTag: 'switchboard' };
    load = await runLoad(config, server.pid);
    backlogAtEnd = readStoreCounts(server.databasePath).webhooksByStatus.pending ?? 0;
    drainMs = await waitForProcessing(server.databasePath, options.drainTimeoutMs);
  } finally {
    serverExitCode = await server.stop(10_000);
    console.error(`switchboard: stopped (exit code ${serverExitCode})`);
  }
  // Counted after the server stopped, so nothing it still held in memory can inflate them.
  const counts = readStoreCounts(server.databasePath);
  if (options.keepData) console.error(`switchboard: kept ${server.dataDir}`);
  else await rm(server.dataDir, { recursive: true, force: true });
  return { load, counts, backlogAtEnd, drainMs, serverExitCode };
}

/**
 * Waits, bounded, until no stored webhook is `pending`: the 200 promises only durable storage, and
 * processing may lag behind it. Returns the time waited, or the full timeout if it never caught up.
 */
export async function waitForProcessing(databasePath: string, timeoutMs: number): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if ((readStoreCounts(databasePath).webhooksByStatus.pending ?? 0) === 0) return Date.now() - start;
    await sleep(250);
  }
  return Date.now() - start;
}
