import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot, stopChild, track, tsxExecArgv } from './child-processes.js';
import { benchBusiness } from './payloads.js';

/** A running `switchboard start` with a fresh data directory of its own. */
export interface SwitchboardServer {
  pid: number | undefined;
  port: number;
  dataDir: string;
  databasePath: string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs: number): Promise<number | null>;
}

/**
 * Starts the real server from its sources, configured only through the environment as an operator
 * would, and resolves once `GET /healthz` answers 200. The Graph URL points at the discard port so
 * nothing can leave the machine, though an ingest run never sends.
 */
export async function startSwitchboard(
  appSecret: string,
  startupTimeoutMs: number,
): Promise<SwitchboardServer> {
  return launchSwitchboard({
    port: await freeLoopbackPort(),
    dataDirPrefix: 'switchboard-bench-',
    startupTimeoutMs,
    env: {
      SWITCHBOARD_API_KEY: 'bench-api-key-0123456789',
      WHATSAPP_PROVIDER: 'meta',
      META_APP_SECRET: appSecret,
      META_VERIFY_TOKEN: 'bench-verify',
      META_PHONE_NUMBER_ID: benchBusiness.phoneNumberId,
      META_ACCESS_TOKEN: 'bench-access-token',
      META_GRAPH_URL: 'http://127.0.0.1:9/v23.0',
    },
  });
}

/**
 * `switchboard start` from its sources in a child process, on loopback `port`, with SQLite in a fresh
 * temporary directory and `env` on top (the benchmarks' other settings); resolves once
 * `GET /healthz` answers 200. Shared by the benchmarks that need a real server.
 */
export async function launchSwitchboard(options: {
  port: number;
  dataDirPrefix: string;
  env: Record<string, string>;
  startupTimeoutMs: number;
}): Promise<SwitchboardServer> {
  const { port } = options;
  const dataDir = await mkdtemp(join(tmpdir(), options.dataDirPrefix));
  const databasePath = join(dataDir, 'switchboard.db');
  const child = track(
    spawn(process.execPath, [...serverNodeArgv(), ...tsxExecArgv, 'apps/server/src/cli.ts', 'start'], {
      cwd: repoRoot,
      // stdout → our stderr (fd 2): our stdout carries only the final JSON.
      stdio: ['ignore', 2, 'inherit'],
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        SWITCHBOARD_DATA_DIR: dataDir,
        DATABASE_URL: `sqlite:${databasePath}`,
        SWITCHBOARD_TOKEN_SECRET: 'bench-token-secret-0123456789abcdef',
        LOG_LEVEL: 'warn',
        ...options.env,
      },
    }),
  );
  try {
    await waitForHealthy(child, port, options.startupTimeoutMs);
  } catch (error) {
    await stopChild(child, 2000);
    throw error;
  }
  return {
    pid: child.pid,
    port,
    dataDir,
    databasePath,
    stop: (graceMs) => stopChild(child, graceMs),
  };
}

async function waitForHealthy(child: ChildProcess, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`switchboard exited during startup (code ${child.exitCode ?? child.signalCode})`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`switchboard did not answer GET /healthz with 200 within ${timeoutMs} ms`);
}

/** A port that was free a moment ago; the server binds it itself, so a race is possible but rare. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Extra Node flags for the server under test: `BENCH_CPU_PROF=<dir>` writes a V8 CPU profile there,
 * to find where the time goes, and `BENCH_SERVER_NODE_FLAGS` adds flags of your own (for example a
 * V8 heap setting to try; see docs/benchmarks.md). The product never starts with either.
 */
function serverNodeArgv(): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  const extra = (process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(' ').filter((flag) => flag !== '');
  return [...extra, ...(dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [])];
}
