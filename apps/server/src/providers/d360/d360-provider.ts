import { MetaProvider } from '../meta/meta-provider.js';

export interface D360ProviderOptions {
  /** `D360_BASE_URL`, default `https://waba-v2.360dialog.io`. */
  baseUrl: string;
  apiKey: string;
  phoneNumberId: string;
  timeoutMs?: number;
}

/**
 * 360dialog behind the `Provider` port (docs/providers.md): the Cloud API's own bodies, errors and
 * media hops, reached through 360dialog's base URL with its key (GraphClient's `360dialog`
 * dialect), plus the registration of Switchboard's webhook URL with the token 360dialog must send.
 */
export class D360Provider extends MetaProvider {
  constructor(options: D360ProviderOptions) {
    super({
      graphUrl: options.baseUrl,
      accessToken: options.apiKey,
      phoneNumberId: options.phoneNumberId,
      dialect: '360dialog',
      ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    });
  }

  /** Tells 360dialog where to deliver this number's webhooks, and the header that proves them ours. */
  registerWebhook(url: string, token: string): Promise<void> {
    return this.graph.registerWebhook(url, { 'X-Switchboard-Webhook-Token': token });
  }
}
