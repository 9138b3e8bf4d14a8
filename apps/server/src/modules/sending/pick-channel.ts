import { AppError } from '../../errors/app-error.js';
import type { ChannelRegistry } from '../../ingest/channel-registry.js';

/** The channel a request names, or the only one there is; a 400/404 that says what to do otherwise. */
export function pickChannel(registry: ChannelRegistry, channelId: string | undefined): string {
  const channels = registry.channels();
  if (channelId !== undefined) {
    if (!channels.some((c) => c.id === channelId))
      throw new AppError('not_found', `No channel ${channelId}.`);
    return channelId;
  }
  if (channels.length !== 1) {
    throw new AppError(
      'validation_failed',
      `This deployment has ${channels.length} channels: name one with channelId.`,
    );
  }
  return channels[0]!.id;
}
