import { readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { forkBenchChild, nextMessage } from '../ingest/child-processes.js';

/** Forks a file of bench/realtime (forkBenchChild resolves paths relative to bench/ingest). */
export function forkRealtimeChild(file: string, env: NodeJS.ProcessEnv = {}): ChildProcess {
  return forkBenchChild(fileURLToPath(new URL(file, import.meta.url)), env);
}

/** Sends a request over IPC and resolves with the first answer of the given type. */
export async function ask<T extends { type: string }>(
  child: ChildProcess,
  request: object,
  answer: T['type'],
  timeoutMs: number,
): Promise<T> {
  const reply = nextMessage<T>(child, answer, timeoutMs);
  child.send(request);
  return reply;
}

/** Resident set size of a process in bytes (Linux /proc), or null. */
export function rssBytes(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
