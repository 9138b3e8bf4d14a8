import type { ChildProcess } from 'node:child_process';
import { forkBenchChild, nextMessage, stopChild } from '../ingest/child-processes.js';
import { ask } from '../common/ask.js';
import type { EmulatorAnswer, EmulatorCommand, EmulatorProcessConfig } from './protocol.js';

/** The emulator process as the parent sees it: its URL and its IPC commands. */
export interface EmulatorClient {
  child: ChildProcess;
  url: string;
  ask<T extends EmulatorAnswer['type']>(
    command: EmulatorCommand & { type: T },
    timeoutMs?: number,
  ): Promise<Extract<EmulatorAnswer, { type: T }>>;
  stop(): Promise<void>;
}

/** Forks bench/outbound/emulator-process.ts; resolves once it listens and the handshake passed. */
export async function startEmulatorProcess(config: EmulatorProcessConfig): Promise<EmulatorClient> {
  const child = forkBenchChild(new URL('./emulator-process.ts', import.meta.url), {
    BENCH_EMULATOR_CONFIG: JSON.stringify(config),
  });
  const { url } = await nextMessage<{ type: 'listening'; url: string }>(child, 'listening', 60_000);
  return {
    child,
    url,
    // The emulator process answers each command with a message of the command's type.
    ask: (command, timeoutMs = 60_000) =>
      ask<EmulatorAnswer>(child, command, command.type, timeoutMs) as Promise<
        Extract<EmulatorAnswer, { type: typeof command.type }>
      >,
    stop: async () => {
      await stopChild(child, 5000);
    },
  };
}
