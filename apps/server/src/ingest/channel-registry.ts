import type { ChannelConfig } from '../config/config-schema.js';
import type { Channel } from '../store/store.js';

/** What proves a webhook for this channel came from its provider. */
function webhookSecret(config: ChannelConfig): string {
  if (config.provider === 'meta') return config.appSecret;
  return config.provider === 'twilio' ? config.authToken : config.webhookToken;
}

/** The configured channels with their store ids, looked up by the provider's business number id. */
export class ChannelRegistry {
  private readonly byNumber = new Map<string, { channel: Channel; config: ChannelConfig }>();
  private readonly secrets = new Map<string, string[]>();

  constructor(entries: { channel: Channel; config: ChannelConfig }[]) {
    for (const entry of entries) {
      this.byNumber.set(`${entry.channel.provider}:${entry.channel.phoneNumberId}`, entry);
      this.secrets.set(entry.channel.provider, [
        ...(this.secrets.get(entry.channel.provider) ?? []),
        webhookSecret(entry.config),
      ]);
    }
  }

  /**
   * The secrets a provider's webhooks may be proven with (read on every webhook): Meta's app
   * secrets, 360dialog's webhook tokens.
   */
  webhookSecrets(provider: string): readonly string[] {
    return this.secrets.get(provider) ?? [];
  }

  find(provider: string, phoneNumberId: string): Channel | undefined {
    return this.byNumber.get(`${provider}:${phoneNumberId}`)?.channel;
  }

  configs(provider: string): ChannelConfig[] {
    return [...this.byNumber.values()].filter((e) => e.channel.provider === provider).map((e) => e.config);
  }

  /** Every channel with its configuration. */
  entries(): { channel: Channel; config: ChannelConfig }[] {
    return [...this.byNumber.values()];
  }

  channels(): Channel[] {
    return [...this.byNumber.values()].map((e) => e.channel);
  }
}
