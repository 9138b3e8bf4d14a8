import { readFile } from 'node:fs/promises';
import { UPLOADED_MEDIA_RETENTION_MS } from '@switchboard/whatsapp';
import type { Provider } from '../providers/provider.js';
import type { Store } from '../store/store.js';
import { fallbackFilename } from './media-kinds.js';
import type { MediaFiles } from './media-files.js';

export interface ProviderMediaResolverOptions {
  store: Store;
  files: MediaFiles;
  providerFor: (channelId: string) => Provider | undefined;
}

/** An upload is reused until this long before the provider forgets it (30 days). */
const reuseMarginMs = 24 * 60 * 60 * 1000;

/**
 * Our media id → the provider's, per channel, for the outbox's payload builder. A file is uploaded
 * to a channel once (`Provider.uploadMedia`; Meta: `POST /{phone-number-id}/media`) and its id reused while the provider keeps it
 * (30 days, less a margin, so an id never expires between building a send and WhatsApp reading it).
 * Concurrent sends of one file to one channel share one upload.
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
    const known = await store.media.providerUpload(mediaId, channelId);
    if (known && known.uploadedAt + UPLOADED_MEDIA_RETENTION_MS - reuseMarginMs > now)
      return known.providerMediaId;

    const record = await store.media.get(mediaId);
    if (!record) throw new Error(`no media ${mediaId}: upload it with POST /v1/media first`);
    const located = await files.locate(record.path);
    if (!located) throw new Error(`the file of media ${mediaId} is missing from the data directory`);
    const provider = this.options.providerFor(channelId);
    if (!provider) throw new Error(`no provider for channel ${channelId}`);
    const { id } = await provider.uploadMedia({
      mimeType: record.mimeType,
      filename: record.filename ?? fallbackFilename(record.id, record.mimeType),
      bytes: await readFile(located.absolute),
    });
    await store.media.recordProviderUpload(mediaId, channelId, { providerMediaId: id, uploadedAt: now });
    return id;
  }
}
