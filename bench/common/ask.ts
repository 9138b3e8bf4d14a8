import type { ChildProcess } from 'node:child_process';
import { nextMessage } from '../ingest/child-processes.js';

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
