import type { FastifyBaseLogger } from 'fastify';
import type { ChannelRegistry } from '../../ingest/channel-registry.js';
import type { ChannelProviders } from '../channel-providers.js';
import { D360Provider } from './d360-provider.js';

/**
 * The start-up step for 360dialog channels: tell 360dialog to deliver each number's webhooks to
 * `<public URL>/webhooks/360dialog` with the channel's `X-Switchboard-Webhook-Token`. A failure
 * does not stop the server (the other channels work); it is logged with what to check, and
 * resolves to the channels that failed.
 */
export async function registerD360Webhooks(
  registry: ChannelRegistry,
  providers: ChannelProviders,
  publicUrl: string,
  log: FastifyBaseLogger,
): Promise<string[]> {
  const failed: string[] = [];
  const url = `${publicUrl}/webhooks/360dialog`;
  for (const { channel, config } of registry.entries()) {
    if (config.provider !== '360dialog') continue;
    const provider = providers.get(channel.id);
    if (!(provider instanceof D360Provider)) continue;
    try {
      await provider.registerWebhook(url, config.webhookToken);
      log.info({ channelId: channel.id, url }, '360dialog webhook registered');
    } catch (err) {
      failed.push(channel.id);
      log.warn(
        { err, channelId: channel.id, url },
        '360dialog did not take the webhook URL: check D360_API_KEY, D360_BASE_URL and that SWITCHBOARD_PUBLIC_URL is reachable from the internet; restart to try again',
      );
    }
  }
  return failed;
}
