import { PassLoop } from '../lib/pass-loop.js';
import { backoffDelay } from '../lib/backoff.js';
import { INBOUND_MEDIA_MAX_BYTES, INBOUND_MEDIA_RETENTION_MS } from '@switchboard/whatsapp';
import type { FastifyBaseLogger } from 'fastify';
import { MediaTooLargeError, type Provider } from '../providers/provider.js';
import type { Store } from '../store/store.js';
import type { MediaFiles } from './media-files.js';
import type { MediaDownloadJob } from './media-records.js';
import { sameDigest } from './sha256-digest.js';

export interface MediaDownloadWorkerOptions {
  store: Store;
  files: MediaFiles;
  /** The provider adapter of a channel (ChannelProviders.get). */
  providerFor: (channelId: string) => Provider | undefined;
  log: FastifyBaseLogger;
  pollMs?: number;
  /** Attempts before the media is marked failed. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** How long one attempt owns its job; a crash mid-attempt makes the job due again after it. */
  leaseMs?: number;
}

/** Downloads at once. */
const concurrency = 4;

/** A failure that another attempt cannot fix (the provider no longer has the file, it is too big). */
class FinalDownloadError extends Error {}

/**
 * Downloads inbound media (docs/media.md): finds inbound media messages without a job, then for
 * each due job does Meta's two hops (`GET /{media-id}` for a 5-minute URL, then the bytes with the
 * bearer token), checks the SHA-256 against the webhook's and the lookup's, stores the file
 * content-addressed, and marks the message's media `ready` with a `message.updated` event. Failures
 * are retried with backoff; after `maxAttempts`, or once the provider's 7 days are over, the media
 * is `failed` (with an event). Jobs live in the store, so a crash loses none.
 */
export class MediaDownloadWorker {
  private readonly loop: PassLoop;

  constructor(private readonly options: MediaDownloadWorkerOptions) {
    this.loop = new PassLoop(() => this.drain(), {
      pollMs: options.pollMs ?? 5000,
      onError: (err) => options.log.error({ err }, 'media download pass failed; will retry'),
    });
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** Runs a pass now (or right after the current one). */
  kick(): void {
    this.loop.kick();
  }

  /** Resolves once a pass that started after this call found nothing more that is due. */
  settle(): Promise<void> {
    return this.loop.settle();
  }

  // A failing pass is logged by the loop (onError) and tried again at the next kick or poll.
  private async drain(): Promise<void> {
    const { store } = this.options;
    await store.media.discoverDownloads(Date.now() - INBOUND_MEDIA_RETENTION_MS, Date.now());
    const attempted = new Set<string>();
    while (!this.loop.isStopped) {
      const due = (await store.media.dueDownloads(Date.now(), concurrency * 4)).filter(
        (job) => !attempted.has(job.messageId),
      );
      if (due.length === 0) break;
      for (const job of due) attempted.add(job.messageId);
      for (let i = 0; i < due.length; i += concurrency) {
        await Promise.all(due.slice(i, i + concurrency).map((job) => this.attempt(job)));
      }
    }
  }

  private async attempt(due: MediaDownloadJob): Promise<void> {
    const { store, log } = this.options;
    const now = Date.now();
    const job = await store.media.claimDownload(due.messageId, now, now + (this.options.leaseMs ?? 120_000));
    if (!job) return;
    try {
      if (now > job.receivedAt + INBOUND_MEDIA_RETENTION_MS) {
        throw new FinalDownloadError('the provider keeps inbound media for 7 days, and they are over');
      }
      const record = await this.download(job);
      await store.transaction((tx) => tx.media.downloadSucceeded(job, record, Date.now()));
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const final = err instanceof FinalDownloadError || job.attempts >= (this.options.maxAttempts ?? 10);
      log.warn({ messageId: job.messageId, attempts: job.attempts, final, reason }, 'media download failed');
      try {
        await store.transaction((tx) =>
          final
            ? tx.media.downloadFailed(job, reason, Date.now())
            : tx.media.downloadLater(
                job.messageId,
                Date.now() + this.backoff(job.attempts),
                reason,
                Date.now(),
              ),
        );
      } catch (recordErr) {
        // The lease runs out and the job is tried again.
        log.error({ err: recordErr, messageId: job.messageId }, 'could not record a media download failure');
      }
    }
  }

  private async download(job: MediaDownloadJob) {
    const provider = this.options.providerFor(job.channelId);
    if (!provider) throw new Error(`no provider for channel ${job.channelId}`);
    let fetched;
    try {
      fetched = await provider.fetchMedia(
        { providerMediaId: job.providerMediaId, url: null },
        { maxBytes: INBOUND_MEDIA_MAX_BYTES },
      );
    } catch (err) {
      if (err instanceof MediaTooLargeError) throw new FinalDownloadError(err.message);
      throw err;
    }
    const { bytes } = fetched;
    // Hashed once, while written; bytes that do not match are never put in place.
    const stored = await this.options.files.write([bytes], INBOUND_MEDIA_MAX_BYTES, ({ sha256, size }) => {
      // Both the webhook's digest (base64 at Meta) and the provider's (hex in the emulator) must hold.
      for (const [source, announced] of [
        ['webhook', job.expectedSha256],
        ['provider', fetched.sha256],
      ] as const) {
        if (announced && !sameDigest(announced, sha256)) {
          throw new Error(
            `sha256 mismatch: the ${source} announced ${announced}, the ${size} downloaded bytes hash to ${sha256}`,
          );
        }
      }
    });
    return {
      id: job.mediaId,
      sha256: stored.sha256,
      size: stored.size,
      mimeType: job.mimeType ?? fetched.mimeType ?? 'application/octet-stream',
      filename: job.filename,
      path: stored.path,
      createdBy: null,
      createdAt: Date.now(),
    };
  }

  /** Jobs that failed together spread out, but none comes back much sooner than its step. */
  private backoff(attempts: number): number {
    return backoffDelay(attempts - 1, {
      baseMs: this.options.backoffBaseMs ?? 5000,
      capMs: this.options.backoffCapMs ?? 30 * 60 * 1000,
      jitter: 'half',
    });
  }
}
