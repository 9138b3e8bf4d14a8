import Database from 'better-sqlite3';

/** What a run left in the server's SQLite file. */
export interface StoreCounts {
  /** Rows in webhook_inbox: every webhook the server answered 200 for must be one. */
  webhooks: number;
  /** Inbox rows by status (`pending` ones are stored but not yet processed). */
  webhooksByStatus: Record<string, number>;
  messages: number;
  /** Delivery statuses from the provider (sent, delivered, …), not the `received` row of an inbound message. */
  statuses: number;
}

/**
 * Counts rows with a read-only connection, which may be opened while the server is running (WAL
 * mode lets a reader see the last committed state without blocking the writer).
 */
export function readStoreCounts(databasePath: string): StoreCounts {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    const byStatus = db.prepare('SELECT status, count(*) AS n FROM webhook_inbox GROUP BY status').all() as {
      status: string;
      n: number;
    }[];
    return {
      webhooks: count('SELECT count(*) AS n FROM webhook_inbox'),
      webhooksByStatus: Object.fromEntries(byStatus.map((row) => [row.status, row.n])),
      messages: count('SELECT count(*) AS n FROM messages'),
      statuses: count("SELECT count(*) AS n FROM message_statuses WHERE status <> 'received'"),
    };
  } finally {
    db.close();
  }
}
