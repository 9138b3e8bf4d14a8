import { AppError } from '../errors/app-error.js';
import type { ChannelProviders } from '../providers/channel-providers.js';
import type { ProviderTemplate } from '../providers/provider.js';
import { ProviderRequestError } from '../providers/provider-request-error.js';
import type { Store } from '../store/store.js';

export interface TemplateSyncResult {
  channelId: string;
  /** Templates stored for the channel (one per name and language). */
  count: number;
}

/**
 * Replaces a channel's synced templates with every template its provider lists (Meta: the
 * WhatsApp Business Account's `GET /{waba-id}/message_templates`, all pages), in one transaction: a failed listing leaves the
 * previous sync in place. A provider failure is `provider_unavailable` with the provider's
 * message (ProviderRequestError never carries the access token). The channel needs a WABA id
 * (`META_WABA_ID`); callers check that first, since only they know the channel's configuration.
 */
export async function syncTemplates(
  store: Store,
  providers: ChannelProviders,
  channelId: string,
  now: number,
): Promise<TemplateSyncResult> {
  const provider = providers.get(channelId);
  if (!provider) throw new AppError('not_found', `No channel ${channelId}.`);
  if (!provider.listTemplates) {
    throw new AppError(
      'conflict',
      `Channel ${channelId} cannot list templates: its provider has none, or it lacks the account id (META_WABA_ID).`,
    );
  }
  let templates: ProviderTemplate[];
  try {
    templates = await provider.listTemplates();
  } catch (error) {
    if (!(error instanceof ProviderRequestError)) throw error;
    const providerError = error.providerError;
    const what = providerError
      ? `${typeof providerError.code === 'number' ? `(#${providerError.code}) ` : ''}${providerError.message}`
      : `no answer (${error.reason ?? 'unknown'})`;
    const next = error.retryable
      ? 'try again later'
      : "check the channel's access token and WhatsApp Business Account id";
    throw new AppError(
      'provider_unavailable',
      `WhatsApp did not list the templates of channel ${channelId}: ${what}; ${next}.`,
      {
        channelId,
        retryable: error.retryable,
        ...(providerError && { providerCode: providerError.code, providerTitle: providerError.title }),
      },
    );
  }
  await store.transaction((tx) => tx.replaceTemplates(channelId, templates, now));
  return { channelId, count: new Set(templates.map((t) => `${t.name}\u0000${t.language}`)).size };
}
