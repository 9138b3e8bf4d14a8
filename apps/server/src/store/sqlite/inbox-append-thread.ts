import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import SqliteDatabase, { type Statement } from 'better-sqlite3';
import { newId } from '../../lib/ids.js';
import type { AppendedWebhook } from '../store.js';
import { invalidJson } from '../webhook-json.js';
import { BlockingWalSync } from './wal-sync-blocking.js';
import type { AppendReply, AppendRequest, AppendThreadData, ThreadMessage } from './inbox-append-protocol.js';

/**
 * The thread that appends raw webhooks to the inbox (see inbox-appender.ts for why it exists).
 *
 * Every request waiting when the thread gets to a message goes into one transaction (group
 * commit), and a request is answered only after that commit is durable, so a 200 built on the
 * answer survives a power loss, as on the main connection.
 *
 * Like the main connection, this one commits with `synchronous=NORMAL` and syncs the WAL after
 * the commit, but in this thread (`BlockingWalSync`), which has nothing else to do meanwhile:
 * requests arriving during the fsync queue up for the next group. Going through libuv's pool
 * instead (as the main connection must) cost three hand-offs per commit (open, fdatasync, close),
 * measured at twice the fsync itself, and that set the receiver's latency. Syncing after COMMIT
 * rather than inside it (`synchronous=FULL`) releases the write lock before the disk is waited for,
 * so the main connection's transactions do not queue behind the fsync.
 */
const { databasePath, port, checkpointIntervalMs } = workerData as AppendThreadData;

const database = new SqliteDatabase(databasePath);
database.pragma('journal_mode = WAL');
database.pragma('synchronous = NORMAL');
database.pragma('busy_timeout = 5000');
const walSync = new BlockingWalSync(databasePath);

const columns =
  '(id, provider, received_at, body, status, attempts, next_attempt_at, last_error, notes, processed_at)';
const rowSql = "(?, ?, ?, ?, 'pending', 0, ?, NULL, NULL, NULL)";
// A few fixed row counts keep every statement prepared once (5 parameters a row).
const statementSizes = [128, 32, 8, 1];
const inserts = new Map<number, Statement>(
  statementSizes.map((size) => [
    size,
    database.prepare(`INSERT INTO webhook_inbox ${columns} VALUES ${Array(size).fill(rowSql).join(', ')}`),
  ]),
);
const begin = database.prepare('BEGIN IMMEDIATE');
const commit = database.prepare('COMMIT');
const rollback = database.prepare('ROLLBACK');

port.on('message', (first: ThreadMessage) => {
  const messages = [first];
  for (let next = receiveMessageOnPort(port); next; next = receiveMessageOnPort(port)) {
    messages.push(next.message as ThreadMessage);
  }
  const requests = messages.filter((m): m is AppendRequest => m.type === 'append');
  if (requests.length > 0) {
    for (const reply of appendAll(requests)) port.postMessage(reply);
  }
  if (messages.some((m) => m.type === 'close')) {
    clearInterval(checkpointer);
    walSync.close();
    database.close();
    port.close();
  }
});

// A WAL only grows while no connection checkpoints; the main connection leaves that to this thread
// so that a checkpoint's fsync never stalls the event loop.
// Every interval, busy or not: under steady traffic there is never a quiet second to wait for.
const checkpointer = setInterval(() => {
  try {
    database.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or failing: the next interval tries again, and commits keep the WAL readable meanwhile.
  }
}, checkpointIntervalMs).unref();

interface Row {
  id: string;
  provider: string;
  receivedAt: number;
  body: Buffer;
}

function appendAll(requests: AppendRequest[]): AppendReply[] {
  const rows: Row[] = [];
  const results = requests.map((request) =>
    request.providers.map((provider, i): AppendedWebhook => {
      const body = Buffer.from(request.bodies, request.spans[i * 2], request.spans[i * 2 + 1]);
      const problem = request.requireJson ? invalidJson(body) : null;
      if (problem !== null) return { invalidJson: problem };
      const row = { id: newId('wh_'), provider, receivedAt: request.receivedAt[i]!, body };
      rows.push(row);
      return { id: row.id };
    }),
  );
  try {
    if (rows.length > 0) {
      begin.run();
      try {
        insertRows(rows);
        commit.run();
      } catch (err) {
        if (database.inTransaction) rollback.run();
        throw err;
      }
      walSync.sync();
    }
    return requests.map((request, i) => ({ id: request.id, results: results[i]! }));
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return requests.map((request) => ({ id: request.id, error }));
  }
}

function insertRows(rows: Row[]): void {
  let i = 0;
  while (i < rows.length) {
    const size = statementSizes.find((n) => n <= rows.length - i)!;
    const params: unknown[] = [];
    for (const row of rows.slice(i, i + size)) {
      params.push(row.id, row.provider, row.receivedAt, row.body, row.receivedAt);
    }
    inserts.get(size)!.run(params);
    i += size;
  }
}
