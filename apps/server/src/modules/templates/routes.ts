import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { templateListSchema, type Template } from '@switchboard/protocol';
import { z } from 'zod';
import { AppError } from '../../errors/app-error.js';
import type { ChannelRegistry } from '../../ingest/channel-registry.js';
import type { ChannelProviders } from '../../providers/channel-providers.js';
import { channelProviderKey } from '../../config/config-schema.js';
import type { Store, StoredTemplate } from '../../store/store.js';
import { syncTemplates } from '../../templates/template-sync.js';

const channelId = z.string().trim().min(1).max(100);

export const templateListQuery = z.object({
  channelId: channelId.optional(),
  name: z.string().min(1).max(512).optional(),
  /** APPROVED, PENDING, REJECTED, PAUSED, DISABLED, … (any case). */
  status: z.string().min(1).max(50).optional(),
});

/** Fastify hands a request without a body to validation as null: that means every channel too. */
export const templateSyncBody = z.strictObject({ channelId: channelId.optional() }).nullish();

export const templateSyncResponse = z.object({
  synced: z.array(z.object({ channelId: z.string(), count: z.number().int() })),
  /** Channels left out of an all-channel sync because they have no WABA id to list templates with. */
  skipped: z.array(z.object({ channelId: z.string(), reason: z.string() })),
});

export interface TemplateRouteDeps {
  store: Store;
  providers: ChannelProviders;
  registry: ChannelRegistry;
}

/**
 * The templates synced from each channel's WhatsApp Business Account. Agents may read them (they
 * compose template sends); only the app's backend may sync, since a sync calls the provider.
 */
export async function templateRoutes(app: FastifyInstance, deps: TemplateRouteDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { store, providers, registry } = deps;

  const knownChannel = (id: string) => {
    const entry = registry.entries().find((e) => e.channel.id === id);
    if (!entry) throw new AppError('not_found', `No channel ${id}.`);
    return entry;
  };

  typed.get(
    '/v1/templates',
    {
      schema: {
        tags: ['templates'],
        summary: 'List synced message templates',
        description:
          'Templates as of the last `POST /v1/templates/sync`, by channel, name and language. `status` matches in any case.',
        querystring: templateListQuery,
        response: { 200: templateListSchema },
      },
    },
    async (request) => {
      const { channelId: id, name, status } = request.query;
      if (id !== undefined) knownChannel(id);
      const wanted = status?.toUpperCase();
      const templates = (await store.listTemplates(id)).filter(
        (t) =>
          (name === undefined || t.name === name) &&
          (wanted === undefined || t.status.toUpperCase() === wanted),
      );
      return { data: templates.map(templateDto) };
    },
  );

  typed.post(
    '/v1/templates/sync',
    {
      config: { apiKeyOnly: true },
      schema: {
        tags: ['templates'],
        summary: 'Sync message templates from WhatsApp (API key only)',
        description:
          "Replaces the stored templates of `channelId` (or of every channel) with its provider's list: the WhatsApp Business Account's (Meta: needs `META_WABA_ID`), 360dialog's, or Twilio's Content templates. An all-channel sync lists channels that cannot list templates in `skipped`. A provider failure is `502 provider_unavailable` and keeps the previous sync.",
        body: templateSyncBody,
        response: { 200: templateSyncResponse },
      },
    },
    async (request) => {
      const id = request.body?.channelId;
      const entries = id !== undefined ? [knownChannel(id)] : registry.entries();
      const synced = [];
      const skipped = [];
      for (const { channel, config } of entries) {
        const lists = providers.get(channel.id)?.listTemplates !== undefined;
        if (!lists) {
          const reason =
            config.provider === 'meta'
              ? `Channel ${channel.id} has no WhatsApp Business Account id: set META_WABA_ID (or wabaId in the config file) to sync its templates.`
              : `Channel ${channel.id}'s provider (${channelProviderKey(config)}) lists no templates: its template sends go without a check against a synced definition.`;
          if (id !== undefined) throw new AppError('conflict', reason, { channelId: channel.id });
          skipped.push({ channelId: channel.id, reason });
          continue;
        }
        synced.push(await syncTemplates(store, providers, channel.id, Date.now()));
      }
      return { synced, skipped };
    },
  );
}

function templateDto(template: StoredTemplate): Template {
  return { ...template, syncedAt: new Date(template.syncedAt).toISOString() };
}
