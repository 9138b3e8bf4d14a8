import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker, type MessagePort, type Transferable } from 'node:worker_threads';
import type { AppendedWebhook, NewWebhook } from '../store.js';
import type { AppendReply, AppendRequest, AppendThreadData, ThreadMessage } from './inbox-append-protocol.js';

export interface InboxAppenderOptions {
  databasePath: string;
  /** Called when the thread starts (true) and when it stops or dies (false). */
  onThreadRunning?: (running: boolean) => void;
  checkpointIntervalMs?: number;
}

interface Thread {
  worker: Worker;
  port: MessagePort;
}

/**
 * Appends raw webhooks to a SQLite inbox from a thread of its own.
 *
 * The append is the only work between a webhook's arrival and its 200, and on SQLite it runs on
 * the single connection the rest of the server shares: better-sqlite3 is synchronous, so every
 * insert and commit used to take the event loop away from the requests it was acknowledging. The
 * thread has its own connection to the same file (WAL allows one writer at a time; both
 * connections begin with `BEGIN IMMEDIATE` and wait for each other through `busy_timeout`), checks
 * that bodies are JSON when asked to, does the insert, commit and fsync, and answers with the new
 * ids. The main thread only copies the bodies into one transferred buffer per batch.
 *
 * The thread starts with the first append and is started again if it dies; appends that were in
 * flight when it died are rejected (the receiver answers 503 and the provider retries).
 */
export class SqliteInboxAppender {
  private thread: Thread | null = null;
  private readonly pending = new Map<
    number,
    { resolve: (results: AppendedWebhook[]) => void; reject: (err: Error) => void }
  >();
  private nextId = 1;
  private closing: Promise<void> | null = null;

  constructor(private readonly options: InboxAppenderOptions) {}

  append(
    webhooks: readonly NewWebhook[],
    options: { requireJson?: boolean } = {},
  ): Promise<AppendedWebhook[]> {
    if (this.closing) return Promise.reject(new Error('the inbox appender is closed'));
    if (webhooks.length === 0) return Promise.resolve([]);
    if (webhooks.some((w) => w.status !== 'pending')) {
      return Promise.reject(new Error('only pending webhooks are appended; write others in a transaction'));
    }
    const thread = this.thread ?? this.start();
    let total = 0;
    for (const webhook of webhooks) total += webhook.body.length;
    const bodies = new ArrayBuffer(total);
    const view = new Uint8Array(bodies);
    const spans = new Int32Array(webhooks.length * 2);
    let offset = 0;
    webhooks.forEach((webhook, i) => {
      view.set(webhook.body, offset);
      spans[i * 2] = offset;
      spans[i * 2 + 1] = webhook.body.length;
      offset += webhook.body.length;
    });
    const request: AppendRequest = {
      type: 'append',
      id: this.nextId++,
      bodies,
      spans,
      providers: webhooks.map((w) => w.provider),
      receivedAt: webhooks.map((w) => w.receivedAt),
      requireJson: options.requireJson === true,
    };
    return new Promise((resolve, reject) => {
      // Referenced while an answer is awaited, so the process cannot exit under a pending append.
      if (this.pending.size === 0) thread.port.ref();
      this.pending.set(request.id, { resolve, reject });
      thread.port.postMessage(request, [bodies]);
    });
  }

  /** Waits for every append in flight, then closes the thread's connection. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    const thread = this.thread;
    if (!thread) return;
    const exited = new Promise<void>((resolve) => thread.worker.once('exit', () => resolve()));
    thread.port.postMessage({ type: 'close' } satisfies ThreadMessage);
    const timer = setTimeout(() => void thread.worker.terminate(), 5000);
    await exited;
    clearTimeout(timer);
  }

  private start(): Thread {
    const { port1, port2 } = new MessageChannel();
    const data: AppendThreadData = {
      databasePath: this.options.databasePath,
      port: port2,
      checkpointIntervalMs: this.options.checkpointIntervalMs ?? 1000,
    };
    const worker = startThread(data, [port2]);
    const thread: Thread = { worker, port: port1 };
    port1.on('message', (reply: AppendReply) => this.settle(reply));
    worker.on('error', (err) => this.lost(thread, err));
    worker.on('exit', (code) =>
      this.lost(thread, new Error(`the inbox append thread exited (code ${code})`)),
    );
    // An idle appender must not keep the process alive.
    worker.unref();
    port1.unref();
    this.thread = thread;
    this.options.onThreadRunning?.(true);
    return thread;
  }

  private settle(reply: AppendReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.thread?.port.unref();
    if ('results' in reply) waiting.resolve(reply.results);
    else waiting.reject(new Error(`appending webhooks failed: ${reply.error}`));
  }

  private lost(thread: Thread, err: Error): void {
    if (this.thread !== thread) return;
    this.thread = null;
    thread.port.close();
    this.options.onThreadRunning?.(false);
    for (const waiting of this.pending.values()) waiting.reject(err);
    this.pending.clear();
  }
}

function startThread(data: AppendThreadData, transferList: Transferable[]): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./inbox-append-thread.js', import.meta.url), {
      workerData: data,
      transferList,
    });
  }
  // Under tsx and Vitest this file runs from its TypeScript source, and so must the thread. Node 20
  // does not carry the parent's loader hooks into workers, so the thread registers tsx itself.
  const cjsApi = createRequire(import.meta.url).resolve('tsx/esm/api');
  const tsx = pathToFileURL(cjsApi.replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./inbox-append-thread.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: data, transferList });
}
