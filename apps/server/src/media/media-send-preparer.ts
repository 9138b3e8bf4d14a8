import { sendBodyMediaId, type SendMessageBody } from '@switchboard/protocol';
import { sendPreparer } from '../outbox/prepare-send.js';
import type { OutboundSend } from '../providers/provider.js';
import type { OutboxEntry, Store } from '../store/store.js';
import type { ProviderMediaResolver } from './provider-media-resolver.js';

/**
 * The outbox's send preparation with media: our media ids become the provider's (uploaded once
 * per channel, see ProviderMediaResolver), and the media is attached to the conversation it is
 * sent in, so that agents who see the conversation may download it (`GET /v1/media/:id`).
 */
export function mediaSendPreparer(
  store: Store,
  resolver: ProviderMediaResolver,
): (entry: OutboxEntry) => Promise<OutboundSend> {
  const prepare = sendPreparer(store, resolver.resolve);
  return async (entry) => {
    const mediaId = sendBodyMediaId(entry.body as SendMessageBody);
    if (mediaId !== null && (await store.media.get(mediaId))) {
      await store.transaction((tx) => tx.media.attach(mediaId, entry.conversationId));
    }
    return prepare(entry);
  };
}
