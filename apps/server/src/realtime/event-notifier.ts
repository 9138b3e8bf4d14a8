/**
 * Tells a node that the event log may have grown. It carries only a seq, never events: listeners
 * read the store after their own cursor, so ordering and completeness come from the log itself
 * (seqs follow commit order) and a lost or coalesced notification can only delay, never skip.
 *
 * Contract: once a commit whose last seq is S is visible to readers, every listener is called,
 * soon, with a value ≥ S. Implementations: in-process (`store.onCommit`, SQLite and single-node
 * PostgreSQL) and `LISTEN/NOTIFY` across PostgreSQL nodes (payload = seq), which also polls the
 * head now and then as a safety net for a dropped listening connection.
 */
export interface EventNotifier {
  subscribe(listener: (seq: number) => void): () => void;
  start(): Promise<void>;
  close(): Promise<void>;
}
