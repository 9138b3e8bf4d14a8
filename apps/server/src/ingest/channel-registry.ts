import type { ChannelConfig } from '../config/config-schema.js';
import type { Channel } from '../store/store.js';
import type { CustomProviderDefinition } from '../providers/custom/compile-custom-provider.js';

/** What proves a webhook for this channel came from its provider. */
function webhookSecret(
  config: ChannelConfig,
  customProviders: ReadonlyMap<string, CustomProviderDefinition>,
): string {
  if (config.provider === 'meta') return config.appSecret;
  // A custom provider's secret belongs to its definition, which all its channels share.
  if (config.provider === 'custom') {
    return customProviders.get(config.customProvider)?.receive.signature.secret ?? '';
  }
  return config.provider === 'twilio' ? config.authToken : config.webhookToken;
}

/** The configured channels with their store ids, looked up by the provider's business number id. */
export class ChannelRegistry {
  private readonly byNumber = new Map<string, { channel: Channel; config: ChannelConfig }>();
  private readonly secrets = new Map<string, string[]>();

  constructor(
    entries: { channel: Channel; config: ChannelConfig }[],
    customProviders: ReadonlyMap<string, CustomProviderDefinition> = new Map(),
  ) {
    for (const entry of entries) {
      this.byNumber.set(`${entry.channel.provider}:${entry.channel.phoneNumberId}`, entry);
      // Once each: channels sharing a secret (a custom provider's) would cost a check apiece.
      const known = this.secrets.get(entry.channel.provider) ?? [];
      const secret = webhookSecret(entry.config, customProviders);
      this.secrets.set(entry.channel.provider, known.includes(secret) ? known : [...known, secret]);
    }
  }

  /**
   * The secrets a provider's webhooks may be proven with (read on every webhook): Meta's app
   * secrets, 360dialog's webhook tokens, Twilio's auth tokens, a custom provider's HMAC secret.
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
