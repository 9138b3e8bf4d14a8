import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot, stopChild, track, tsxExecArgv } from '../ingest/child-processes.js';

/** The Meta channel both the gateway and the emulator are configured with. */
export interface BenchChannel {
  appSecret: string;
  verifyToken: string;
  accessToken: string;
  phoneNumberId: string;
  apiKey: string;
}

export interface SwitchboardProcess {
  child: ChildProcess;
  port: number;
  dataDir: string;
  databasePath: string;
  stop(graceMs: number): Promise<number | null>;
}

/**
 * Starts `switchboard start` from its sources, configured only through the environment as an
 * operator would: the Meta provider pointed at the emulator, `META_SEND_RATE_PER_SECOND` as the
 * channel's limit, SQLite in a fresh temporary directory. Resolves once `GET /healthz` answers 200;
 * the server does not call the Graph URL before it has something to send.
 */
export async function startSwitchboard(options: {
  port: number;
  graphUrl: string;
  channel: BenchChannel;
  sendRatePerSecond: number;
  startupTimeoutMs: number;
}): Promise<SwitchboardProcess> {
  const { port, channel } = options;
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-bench-outbound-'));
  const databasePath = join(dataDir, 'switchboard.db');
  const child = track(
    spawn(process.execPath, [...profileArgv(), ...tsxExecArgv, 'apps/server/src/cli.ts', 'start'], {
      cwd: repoRoot,
      // stdout → our stderr (fd 2): our stdout carries only the final JSON.
      stdio: ['ignore', 2, 'inherit'],
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        SWITCHBOARD_DATA_DIR: dataDir,
        DATABASE_URL: `sqlite:${databasePath}`,
        SWITCHBOARD_API_KEY: channel.apiKey,
        SWITCHBOARD_TOKEN_SECRET: 'bench-token-secret-0123456789abcdef',
        WHATSAPP_PROVIDER: 'meta',
        META_APP_SECRET: channel.appSecret,
        META_VERIFY_TOKEN: channel.verifyToken,
        META_PHONE_NUMBER_ID: channel.phoneNumberId,
        META_ACCESS_TOKEN: channel.accessToken,
        META_GRAPH_URL: options.graphUrl,
        META_SEND_RATE_PER_SECOND: String(options.sendRatePerSecond),
        LOG_LEVEL: 'warn',
      },
    }),
  );
  try {
    await waitForHealthy(child, port, options.startupTimeoutMs);
  } catch (error) {
    await stopChild(child, 2000);
    throw error;
  }
  return { child, port, dataDir, databasePath, stop: (graceMs) => stopChild(child, graceMs) };
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

/** A port that was free a moment ago; the process binds it itself, so a race is possible but rare. */
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

/** `BENCH_CPU_PROF=<dir>` writes a V8 CPU profile of the server there, to find where the time goes. */
function profileArgv(): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}
