import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { forkBenchChild, nextMessage, stopChild } from '../ingest/child-processes.js';
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
  // forkBenchChild resolves paths relative to bench/ingest: hand it an absolute one.
  const child = forkBenchChild(fileURLToPath(new URL('./emulator-process.ts', import.meta.url)), {
    BENCH_EMULATOR_CONFIG: JSON.stringify(config),
  });
  const { url } = await nextMessage<{ type: 'listening'; url: string }>(child, 'listening', 60_000);
  return {
    child,
    url,
    ask: (command, timeoutMs = 60_000) => {
      const answer = nextMessage<EmulatorAnswer>(child, command.type, timeoutMs);
      child.send(command);
      // The emulator process answers each command with a message of the command's type.
      return answer as Promise<Extract<EmulatorAnswer, { type: typeof command.type }>>;
    },
    stop: async () => {
      await stopChild(child, 5000);
    },
  };
}
