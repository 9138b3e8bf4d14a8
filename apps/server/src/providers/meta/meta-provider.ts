import { UPLOADED_MEDIA_RETENTION_MS } from '@switchboard/whatsapp';
import { buildGraphSend } from './build-graph-send.js';
import { GraphClient, type GraphClientOptions, type GraphMessageTemplate } from './graph/graph-client.js';
import { providerErrorInvalid } from './graph/provider-error.js';
import {
  MediaTooLargeError,
  type FetchedMedia,
  type InboundMediaRef,
  type MediaUpload,
  type OutboundSend,
  type Provider,
  type ProviderTemplate,
  type SendOutcome,
} from '../provider.js';

/**
 * The Cloud API (Graph) behind the `Provider` port (docs/whatsapp-cloud-api.md, in this repo's
 * docs/providers.md): sends become `POST /{phone-number-id}/messages` bodies, media is uploaded
 * and fetched in Graph's two hops, templates come from the WABA. The emulator speaks the same API.
 */
export class MetaProvider implements Provider {
  protected readonly graph: GraphClient;

  constructor(options: GraphClientOptions) {
    this.graph = new GraphClient(options);
    // At Meta templates belong to the WhatsApp Business Account: without its id there is nothing
    // to list (360dialog knows the account from its key).
    if (!options.wabaId && options.dialect !== '360dialog') this.listTemplates = undefined;
  }

  async send(message: OutboundSend): Promise<SendOutcome> {
    let payload: Record<string, unknown>;
    try {
      payload = buildGraphSend(message.body, {
        to: message.to,
        replyToProviderMessageId: message.replyToProviderMessageId,
        reactionTargetProviderMessageId: message.reactionTargetProviderMessageId,
        providerMediaId: message.providerMediaId,
        bizOpaqueCallbackData: message.messageId,
      });
    } catch (error) {
      // A body the Graph mapping cannot express: nothing left, and sending again will not help.
      return { kind: 'rejected', error: providerErrorInvalid((error as Error).message) };
    }
    return this.graph.sendMessage(payload);
  }

  /** Meta keeps an upload for 30 days. */
  readonly mediaReuseMs = UPLOADED_MEDIA_RETENTION_MS;

  uploadMedia(file: MediaUpload): Promise<{ id: string }> {
    return this.graph.uploadMedia({ mimeType: file.mimeType, filename: file.filename, bytes: file.bytes });
  }

  /** Two hops: the lookup's URL is valid for 5 minutes, so it is fetched right before the bytes. */
  async fetchMedia(media: InboundMediaRef, options: { maxBytes: number }): Promise<FetchedMedia> {
    const info = await this.graph.getMedia(media.providerMediaId);
    if (info.fileSize > options.maxBytes) {
      throw new MediaTooLargeError(
        `the file has ${info.fileSize} bytes, over WhatsApp's ${options.maxBytes}`,
      );
    }
    const bytes = await this.graph.downloadMedia(info.url, { maxBytes: options.maxBytes });
    return { bytes, mimeType: info.mimeType, sha256: info.sha256 || null };
  }

  markRead(providerMessageId: string): Promise<void> {
    return this.graph.markRead(providerMessageId);
  }

  sendTyping(providerMessageId: string): Promise<void> {
    return this.graph.sendTyping(providerMessageId);
  }

  listTemplates?: () => Promise<ProviderTemplate[]> = async () =>
    (await this.graph.listTemplates()).flatMap(toProviderTemplate);

  close(): void {
    this.graph.close();
  }
}

/** Graph's template object in our fields; an entry without a name or language cannot be sent, so it is left out. */
function toProviderTemplate(template: GraphMessageTemplate): ProviderTemplate[] {
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
