/**
 * The store's media port (docs/media.md). Reads go through `store.media`, writes through
 * `tx.media` inside `store.transaction`, so that a message's media status and its
 * `message.updated` event commit together.
 */

/** A file we hold: an upload, or inbound media once downloaded and checked. */
export interface MediaRecord {
  id: string;
  /** Lowercase hex SHA-256 of the bytes. */
  sha256: string;
  size: number;
  mimeType: string;
  filename: string | null;
  /** Relative to the data directory. */
  path: string;
  /** The agent (`sub`) who uploaded it; null for the API key and for inbound media. */
  createdBy: string | null;
  createdAt: number;
}

/** One inbound media message to download (one job per message). */
export interface MediaDownloadJob {
  messageId: string;
  mediaId: string;
  channelId: string;
  conversationId: string;
  providerMediaId: string;
  /** The digest the webhook announced (Meta: base64), or null. */
  expectedSha256: string | null;
  mimeType: string | null;
  filename: string | null;
  state: 'pending' | 'done' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  receivedAt: number;
}

export interface ProviderUpload {
  providerMediaId: string;
  uploadedAt: number;
}

export interface MediaReads {
  get(id: string): Promise<MediaRecord | null>;
  /** The conversations the media was received or sent in. */
  conversationsOf(id: string): Promise<string[]>;
  /** The (first) download job of an inbound media id, if any. */
  downloadOf(mediaId: string): Promise<MediaDownloadJob | null>;
  providerUpload(mediaId: string, channelId: string): Promise<ProviderUpload | null>;
  /**
   * Creates a job for each inbound media message created at or after `since` that has none
   * (idempotent, safe on several nodes); returns how many were created.
   */
  discoverDownloads(since: number, now: number): Promise<number>;
  /** Pending jobs due at `now`, oldest first. */
  dueDownloads(now: number, limit: number): Promise<MediaDownloadJob[]>;
  /**
   * Takes a due job for one attempt: counts the attempt and moves it out of reach until
   * `leaseUntil` (a crash mid-attempt makes it due again then). Null when another took it.
   */
  claimDownload(messageId: string, now: number, leaseUntil: number): Promise<MediaDownloadJob | null>;
  recordProviderUpload(mediaId: string, channelId: string, upload: ProviderUpload): Promise<void>;
}

export interface MediaTx {
  insert(record: MediaRecord): Promise<void>;
  /** Lets agents who see the conversation read the media. */
  attach(mediaId: string, conversationId: string): Promise<void>;
  /** The file is stored: the message's media becomes `ready` (with an event), the job `done`. */
  downloadSucceeded(job: MediaDownloadJob, record: MediaRecord, now: number): Promise<void>;
  /** Given up: the message's media becomes `failed` (with an event), the job `failed`. */
  downloadFailed(job: MediaDownloadJob, error: string, now: number): Promise<void>;
  downloadLater(messageId: string, at: number, error: string, now: number): Promise<void>;
}
