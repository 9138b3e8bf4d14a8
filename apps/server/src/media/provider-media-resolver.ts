import { readFile } from 'node:fs/promises';
import type { Provider } from '../providers/provider.js';
import type { Store } from '../store/store.js';
import { fallbackFilename } from './media-kinds.js';
import type { MediaFiles } from './media-files.js';

export interface ProviderMediaResolverOptions {
  store: Store;
  files: MediaFiles;
  providerFor: (channelId: string) => Provider | undefined;
}

/**
 * An upload is reused until this share of its validity is left (a day of Meta's 30 days, an hour
 * of a day's link), so an id never expires between building a send and WhatsApp reading it.
 */
const reuseMarginShare = 1 / 24;

/**
 * Our media id → the provider's, per channel, for the outbox's send preparation. A file is made
 * sendable on a channel once (`Provider.uploadMedia`; Meta: `POST /{phone-number-id}/media`) and
 * its id reused while it stays valid (`Provider.mediaReuseMs`, less a margin). Concurrent sends of
 * one file to one channel share one upload.
 */
export class ProviderMediaResolver {
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(private readonly options: ProviderMediaResolverOptions) {}

  /** The signature `sendPreparer` takes; throws when the media or the channel is unknown. */
  readonly resolve = (mediaId: string, channelId: string): Promise<string> => {
    const key = `${channelId}\n${mediaId}`;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.lookupOrUpload(mediaId, channelId).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  };

  private async lookupOrUpload(mediaId: string, channelId: string): Promise<string> {
    const { store, files } = this.options;
    const now = Date.now();
    const provider = this.options.providerFor(channelId);
    if (!provider) throw new Error(`no provider for channel ${channelId}`);
    const known = await store.media.providerUpload(mediaId, channelId);
    const reusable = provider.mediaReuseMs * (1 - reuseMarginShare);
    if (known && known.uploadedAt + reusable > now) return known.providerMediaId;

    const record = await store.media.get(mediaId);
    if (!record) throw new Error(`no media ${mediaId}: upload it with POST /v1/media first`);
    const located = await files.locate(record.path);
    if (!located) throw new Error(`the file of media ${mediaId} is missing from the data directory`);
    const { id } = await provider.uploadMedia({
      mediaId,
      mimeType: record.mimeType,
      filename: record.filename ?? fallbackFilename(record.id, record.mimeType),
      bytes: await readFile(located.absolute),
    });
    await store.media.recordProviderUpload(mediaId, channelId, { providerMediaId: id, uploadedAt: now });
    return id;
  }
}
