import type { ChannelConfig } from '../config/config-schema.js';
import type { ChannelRegistry } from '../ingest/channel-registry.js';
import type { MediaLinks } from '../media/media-links.js';
import { D360Provider } from './d360/d360-provider.js';
import { TwilioProvider } from './twilio/twilio-provider.js';
import { MetaProvider } from './meta/meta-provider.js';
import { CustomProvider } from './custom/custom-provider.js';
import type { CustomProviderDefinition } from './custom/compile-custom-provider.js';
import type { Provider } from './provider.js';

/**
 * Each channel's `Provider` adapter, made from its config on first use. Demo mode learns the
 * in-process emulator's address only once the server listens (`setGraphUrl`).
 */
export class ChannelProviders {
  private readonly providers = new Map<string, Provider>();
  private readonly graphUrls = new Map<string, string>();

  constructor(
    private readonly registry: ChannelRegistry,
    private readonly options: {
      timeoutMs?: number;
      publicUrl?: string;
      mediaLinks?: MediaLinks;
      customProviders?: ReadonlyMap<string, CustomProviderDefinition>;
    } = {},
  ) {}

  setGraphUrl(phoneNumberId: string, graphUrl: string): void {
    this.graphUrls.set(phoneNumberId, graphUrl);
    for (const { channel } of this.registry.entries()) {
      if (channel.phoneNumberId !== phoneNumberId) continue;
      this.providers.get(channel.id)?.close();
      this.providers.delete(channel.id);
    }
  }

  /** The channel's adapter; undefined for a channel that is not configured. */
  get(channelId: string): Provider | undefined {
    const cached = this.providers.get(channelId);
    if (cached) return cached;
    const config = this.config(channelId);
    if (!config) return undefined;
    const provider = this.create(config);
    this.providers.set(channelId, provider);
    return provider;
  }

  ratePerSecond(channelId: string): number {
    return this.config(channelId)?.sendRatePerSecond ?? 80;
  }

  close(): void {
    for (const provider of this.providers.values()) provider.close();
    this.providers.clear();
  }

  private create(config: ChannelConfig): Provider {
    const timeout = this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {};
    const links = this.options.mediaLinks;
    const mediaLink = (mediaId: string) => {
      if (!links)
        throw new Error(`${config.provider} sends media by link, and no media links are configured`);
      return links.link(mediaId);
    };
    if (config.provider === 'custom') {
      const definition = this.options.customProviders?.get(config.customProvider);
      // load-config.ts refuses a channel whose provider is not declared; this is a wiring slip.
      if (!definition) throw new Error(`the custom provider "${config.customProvider}" is not compiled`);
      return new CustomProvider({
        definition,
        phoneNumber: config.phoneNumber,
        mediaLink,
        mediaLinkTtlMs: links?.ttlMs ?? 0,
        ...timeout,
      });
    }
    if (config.provider === 'twilio') {
      return new TwilioProvider({
        apiUrl: config.apiUrl,
        contentUrl: config.contentUrl,
        accountSid: config.accountSid,
        authToken: config.authToken,
        from: config.from,
        statusCallback: this.options.publicUrl ? `${this.options.publicUrl}/webhooks/twilio` : null,
        mediaLink,
        mediaLinkTtlMs: links?.ttlMs ?? 0,
        ...timeout,
      });
    }
    if (config.provider === '360dialog') {
      return new D360Provider({
        baseUrl: config.baseUrl,
        apiKey: config.apiKey,
        phoneNumberId: config.phoneNumberId,
        ...timeout,
      });
    }
    return new MetaProvider({
      graphUrl: this.graphUrls.get(config.phoneNumberId) ?? config.graphUrl,
      accessToken: config.accessToken,
      phoneNumberId: config.phoneNumberId,
      wabaId: config.wabaId ?? null,
      ...timeout,
    });
  }

  private config(channelId: string): ChannelConfig | undefined {
    return this.registry.entries().find((e) => e.channel.id === channelId)?.config;
  }
}
