import { AppError } from '../errors/app-error.js';
import type { ChannelSenders } from '../outbox/channel-senders.js';
import { GraphRequestError, type GraphMessageTemplate } from '../providers/meta/graph/graph-client.js';
import type { Store, StoredTemplate } from '../store/store.js';

export interface TemplateSyncResult {
  channelId: string;
  /** Templates stored for the channel (one per name and language). */
  count: number;
}

/**
 * Replaces a channel's synced templates with every template of its WhatsApp Business Account
 * (`GET /{waba-id}/message_templates`, all pages), in one transaction: a failed listing leaves the
 * previous sync in place. A provider failure is `provider_unavailable` with the provider's
 * message (GraphRequestError never carries the access token). The channel needs a WABA id
 * (`META_WABA_ID`); callers check that first, since only they know the channel's configuration.
 */
export async function syncTemplates(
  store: Store,
  senders: ChannelSenders,
  channelId: string,
  now: number,
): Promise<TemplateSyncResult> {
  const client = senders.client(channelId);
  if (!client) throw new AppError('not_found', `No channel ${channelId}.`);
  let listed: GraphMessageTemplate[];
  try {
    listed = await client.listTemplates();
  } catch (error) {
    if (!(error instanceof GraphRequestError)) throw error;
    const provider = error.providerError;
    const what = provider
      ? `${typeof provider.code === 'number' ? `(#${provider.code}) ` : ''}${provider.message}`
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
        ...(provider && { providerCode: provider.code, providerTitle: provider.title }),
      },
    );
  }
  const templates = listed.flatMap(toStoredFields);
  await store.transaction((tx) => tx.replaceTemplates(channelId, templates, now));
  return { channelId, count: new Set(templates.map((t) => `${t.name}\u0000${t.language}`)).size };
}

type TemplateFields = Omit<StoredTemplate, 'channelId' | 'syncedAt'>;

/** Graph's template object as stored; an entry without a name or language cannot be sent, so it is left out. */
function toStoredFields(template: GraphMessageTemplate): TemplateFields[] {
  const { id, name, language, status, category, parameter_format: format, components } = template;
  if (typeof name !== 'string' || name === '' || typeof language !== 'string' || language === '') return [];
  return [
    {
      name,
      language,
      providerTemplateId: typeof id === 'string' ? id : null,
      status: typeof status === 'string' ? status.toUpperCase() : 'UNKNOWN',
      category: typeof category === 'string' ? category.toUpperCase() : null,
      parameterFormat: typeof format === 'string' ? format.toUpperCase() : null,
      components: Array.isArray(components) ? (components as unknown[]) : [],
    },
  ];
}
