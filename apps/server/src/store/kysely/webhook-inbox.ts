import type { Kysely, Transaction } from 'kysely';
import { newId } from '../../lib/ids.js';
import type { Database } from '../schema.js';
import type { NewWebhook, StoredWebhook, WebhookOutcome, WebhookStatus } from '../store.js';
import { writeJson } from './json-columns.js';
import { toStoredWebhook } from './row-mappers.js';

export async function insertWebhook(trx: Transaction<Database>, webhook: NewWebhook): Promise<string> {
  const [id] = await insertWebhooks(trx, [webhook]);
  return id!;
}

// Rows per insert statement, largest first. A batch is cut into these sizes so that only a few
// distinct statements exist and each stays prepared (a new row count would be new SQL text to
// prepare); ten columns per row keeps 128 rows far below every bound-parameter limit.
const statementSizes = [128, 32, 8, 1];

export async function insertWebhooks(
  trx: Transaction<Database>,
  webhooks: readonly NewWebhook[],
): Promise<string[]> {
  const rows = webhooks.map((webhook) => ({
    id: newId('wh_'),
    provider: webhook.provider,
    received_at: webhook.receivedAt,
    body: webhook.body,
    status: webhook.status,
    attempts: webhook.status === 'pending' ? 0 : 1,
    next_attempt_at: webhook.receivedAt,
    last_error: null,
    notes: writeJson(webhook.notes ?? null),
    processed_at: webhook.status === 'pending' ? null : webhook.receivedAt,
  }));
  let i = 0;
  while (i < rows.length) {
    const size = statementSizes.find((n) => n <= rows.length - i)!;
    await trx
      .insertInto('webhook_inbox')
      .values(rows.slice(i, i + size))
      .execute();
    i += size;
  }
  return rows.map((row) => row.id);
}

export async function markWebhook(
  trx: Transaction<Database>,
  id: string,
  outcome: WebhookOutcome,
): Promise<void> {
  const update =
    outcome.status === 'pending'
      ? { status: outcome.status, last_error: outcome.error.slice(0, 2000), next_attempt_at: outcome.retryAt }
      : {
          status: outcome.status,
          processed_at: outcome.at,
          notes: writeJson(outcome.notes),
          last_error: null,
        };
  await trx
    .updateTable('webhook_inbox')
    .set((eb) => ({ ...update, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function dueWebhooks(
  db: Kysely<Database>,
  now: number,
  limit: number,
): Promise<StoredWebhook[]> {
  const rows = await db
    .selectFrom('webhook_inbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    // Matches webhook_inbox_due_order_idx, so a backlog of any size is read without sorting it.
    // A new webhook is due at its arrival time, and ids sort in creation order.
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toStoredWebhook);
}

export async function getWebhook(db: Kysely<Database>, id: string): Promise<StoredWebhook | null> {
  const row = await db.selectFrom('webhook_inbox').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toStoredWebhook(row) : null;
}

export async function listWebhooks(
  db: Kysely<Database>,
  query: { status?: WebhookStatus; limit: number },
): Promise<StoredWebhook[]> {
  let q = db.selectFrom('webhook_inbox').selectAll();
  if (query.status) q = q.where('status', '=', query.status);
  const rows = await q.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
  return rows.map(toStoredWebhook);
}

export async function countWebhooks(
  db: Kysely<Database>,
  status: WebhookStatus,
  options: { attemptsBelow?: number } = {},
): Promise<number> {
  let q = db
    .selectFrom('webhook_inbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', status);
  if (options.attemptsBelow !== undefined) q = q.where('attempts', '<', options.attemptsBelow);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}
