import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { nextMessage, repoRoot, stopChild, track, tsxExecArgv } from '../ingest/child-processes.js';
import { processCpuMs } from '../ingest/process-cpu.js';
import type {
  ReceiverCommand,
  ReceiverProgress,
  ReceiverTotals,
  ReceiverWindow,
  SenderCommand,
  SenderConfig,
  SenderResult,
} from './protocol.js';

/** Forks a file of bench/emulator with IPC; its stdout goes to our stderr (our stdout is the JSON). */
export function forkChild(file: string, env: NodeJS.ProcessEnv = {}, execArgv: string[] = []): ChildProcess {
  return track(
    fork(fileURLToPath(new URL(file, import.meta.url)), [], {
      cwd: repoRoot,
      execArgv: [...execArgv, ...tsxExecArgv],
      env: { ...process.env, ...env },
      stdio: ['ignore', 2, 'inherit', 'ipc'],
    }),
  );
}

/**
 * The sender measures its retained heap after a forced GC; `BENCH_CPU_PROF=<dir>` also writes a V8
 * CPU profile of each emulator run there, to find where the time goes.
 */
function senderExecArgv(mode: SenderConfig['mode']): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  const profile = mode === 'emulator' && dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
  return ['--expose-gc', ...profile];
}

/** The receiver process, shared by every run of a benchmark (reset between runs). */
export interface Receiver {
  readonly child: ChildProcess;
  readonly url: string;
  readonly appSecret: string;
  readonly verifyToken: string;
  ask<T extends { type: string }>(command: ReceiverCommand): Promise<T>;
}

export async function startReceiver(appSecret: string, verifyToken: string): Promise<Receiver> {
  const child = forkChild('./receiver.ts', { BENCH_APP_SECRET: appSecret, BENCH_VERIFY_TOKEN: verifyToken });
  const { port } = await nextMessage<{ type: 'listening'; port: number }>(child, 'listening', 30_000);
  return {
    child,
    url: `http://127.0.0.1:${port}/webhooks/meta`,
    appSecret,
    verifyToken,
    ask: <T extends { type: string }>(command: ReceiverCommand) => {
      const reply = nextMessage<T>(child, command.type, 10_000);
      child.send(command);
      return reply;
    },
  };
}

export interface RunTiming {
  warmupMs: number;
  durationMs: number;
}

export interface RunOutcome {
  window: ReceiverWindow;
  totals: ReceiverTotals;
  sender: SenderResult;
  /** CPU during the window as a share of one core (null off Linux). */
  senderCpuPercent: number | null;
  receiverCpuPercent: number | null;
}

/**
 * One run: a fresh sender process (emulator or baseline) against the shared receiver. Warm-up, then
 * the measurement window as the receiver counts it, then the sender stops producing and waits until
 * everything it produced was received, and the receiver's totals show what was lost or reordered.
 */
export async function measureRun(
  receiver: Receiver,
  config: Omit<SenderConfig, 'type' | 'url' | 'appSecret' | 'verifyToken'>,
  timing: RunTiming,
): Promise<RunOutcome> {
  await receiver.ask({ type: 'reset' });
  const sender = forkChild('./sender.ts', {}, senderExecArgv(config.mode));
  const relay = (message: ReceiverProgress): void => {
    if (message.type === 'progress' && sender.connected) sender.send(message satisfies SenderCommand);
  };
  receiver.child.on('message', relay);
  try {
    const ready = nextMessage(sender, 'ready', 60_000);
    const { url, appSecret, verifyToken } = receiver;
    sender.send({ ...config, type: 'config', url, appSecret, verifyToken } satisfies SenderConfig);
    await ready;
    sender.send({ type: 'go' } satisfies SenderCommand);
    await sleep(timing.warmupMs);
    await receiver.ask({ type: 'mark' });
    const start = {
      at: performance.now(),
      sender: processCpuMs(sender.pid),
      receiver: processCpuMs(receiver.child.pid),
    };
    await sleep(timing.durationMs);
    const window = await receiver.ask<ReceiverWindow>({ type: 'window' });
    const elapsed = performance.now() - start.at;
    const cpu = (pid: number | undefined, before: number | null): number | null => {
      const after = processCpuMs(pid);
      return before === null || after === null ? null : Math.round(((after - before) / elapsed) * 1000) / 10;
    };
    const senderCpuPercent = cpu(sender.pid, start.sender);
    const receiverCpuPercent = cpu(receiver.child.pid, start.receiver);
    const result = nextMessage<SenderResult>(sender, 'result', 60_000);
    sender.send({ type: 'stop' } satisfies SenderCommand);
    const senderResult = await result;
    const totals = await receiver.ask<ReceiverTotals>({ type: 'totals' });
    return { window, totals, sender: senderResult, senderCpuPercent, receiverCpuPercent };
  } finally {
    receiver.child.off('message', relay);
    await stopChild(sender, 5000);
  }
}
