import { readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { forkBenchChild } from '../ingest/child-processes.js';

/** Forks a file of bench/realtime. */
export function forkRealtimeChild(file: string, env: NodeJS.ProcessEnv = {}): ChildProcess {
  return forkBenchChild(new URL(file, import.meta.url), env);
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
