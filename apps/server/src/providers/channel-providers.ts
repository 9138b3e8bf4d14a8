import type { ChannelConfig } from '../config/config-schema.js';
import type { ChannelRegistry } from '../ingest/channel-registry.js';
import { GraphClient } from '../providers/meta/graph/graph-client.js';
import type { OutboundProvider } from './outbound-provider.js';

/**
 * One Graph client per channel, made on first use. Demo mode learns the in-process emulator's
 * address only once the server listens (`setGraphUrl`).
 */
export class ChannelSenders {
  private readonly clients = new Map<string, GraphClient>();
  private readonly graphUrls = new Map<string, string>();

  constructor(
    private readonly registry: ChannelRegistry,
    private readonly options: { timeoutMs?: number } = {},
  ) {}

  setGraphUrl(phoneNumberId: string, graphUrl: string): void {
    this.graphUrls.set(phoneNumberId, graphUrl);
    for (const { channel } of this.registry.entries()) {
      if (channel.phoneNumberId === phoneNumberId) this.clients.delete(channel.id);
    }
  }

  /** The Graph client of a channel (also for media and templates). */
  client(channelId: string): GraphClient | undefined {
    const cached = this.clients.get(channelId);
    if (cached) return cached;
    const config = this.config(channelId);
    if (!config) return undefined;
    const client = new GraphClient({
      graphUrl: this.graphUrls.get(config.phoneNumberId) ?? config.graphUrl,
      accessToken: config.accessToken,
      phoneNumberId: config.phoneNumberId,
      wabaId: config.wabaId ?? null,
      ...(this.options.timeoutMs !== undefined && { timeoutMs: this.options.timeoutMs }),
    });
    this.clients.set(channelId, client);
    return client;
  }

  get(channelId: string): OutboundProvider | undefined {
    const client = this.client(channelId);
    return client && { send: (payload) => client.sendMessage(payload) };
  }

  ratePerSecond(channelId: string): number {
    return this.config(channelId)?.sendRatePerSecond ?? 80;
  }

  private config(channelId: string): ChannelConfig | undefined {
    return this.registry.entries().find((e) => e.channel.id === channelId)?.config;
  }
}
