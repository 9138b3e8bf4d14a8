import { sendBodyMediaId, type SendMessageBody } from '@switchboard/protocol';
import { outboxPayloadBuilder } from '../outbox/build-outbox-payload.js';
import type { OutboxEntry, Store } from '../store/store.js';
import type { ProviderMediaResolver } from './provider-media-resolver.js';

/**
 * The outbox's payload builder with media: our media ids become the provider's (uploaded once per
 * channel, see ProviderMediaResolver), and the media is attached to the conversation it is sent
 * in, so that agents who see the conversation may download it (`GET /v1/media/:id`).
 */
export function mediaPayloadBuilder(
  store: Store,
  resolver: ProviderMediaResolver,
): (entry: OutboxEntry) => Promise<Record<string, unknown>> {
  const build = outboxPayloadBuilder(store, resolver.resolve);
  return async (entry) => {
    const mediaId = sendBodyMediaId(entry.body as SendMessageBody);
    if (mediaId !== null && (await store.media.get(mediaId))) {
      await store.transaction((tx) => tx.media.attach(mediaId, entry.conversationId));
    }
    return build(entry);
  };
}
