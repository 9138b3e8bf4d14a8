/** Messages between the main thread and the SQLite inbox append thread (inbox-append-thread.ts). */
import type { MessagePort } from 'node:worker_threads';
import type { AppendedWebhook } from '../store.js';

export interface AppendThreadData {
  databasePath: string;
  port: MessagePort;
  /** How often the thread checkpoints the WAL when nothing else did (ms). */
  checkpointIntervalMs: number;
}

/**
 * One batch of raw webhooks. The bodies travel as one transferred buffer with offsets, so a batch
 * crosses threads with a single copy whatever its size.
 */
export interface AppendRequest {
  type: 'append';
  id: number;
  bodies: ArrayBuffer;
  /** Per webhook: [offset, length] into `bodies`. */
  spans: Int32Array;
  providers: string[];
  receivedAt: number[];
  /** Bodies that are not JSON are answered `{ invalidJson }` and not stored. */
  requireJson: boolean;
}

export type AppendReply = { id: number; results: AppendedWebhook[] } | { id: number; error: string };

/** Closes the thread's connection once every earlier request is answered. */
export type ThreadMessage = AppendRequest | { type: 'close' };
