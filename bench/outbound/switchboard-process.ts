import { launchSwitchboard, type SwitchboardServer } from '../ingest/switchboard-server.js';

/** The Meta channel both the gateway and the emulator are configured with. */
export interface BenchChannel {
  appSecret: string;
  verifyToken: string;
  accessToken: string;
  phoneNumberId: string;
  apiKey: string;
}

/**
 * Starts `switchboard start` from its sources, configured only through the environment as an
 * operator would: the Meta provider pointed at the emulator, `META_SEND_RATE_PER_SECOND` as the
 * channel's limit, SQLite in a fresh temporary directory. Resolves once `GET /healthz` answers 200;
 * the server does not call the Graph URL before it has something to send.
 */
export async function startSwitchboard(options: {
  port: number;
  graphUrl: string;
  channel: BenchChannel;
  sendRatePerSecond: number;
  startupTimeoutMs: number;
}): Promise<SwitchboardServer> {
  const { channel } = options;
  return launchSwitchboard({
    port: options.port,
    dataDirPrefix: 'switchboard-bench-outbound-',
    startupTimeoutMs: options.startupTimeoutMs,
    env: {
      SWITCHBOARD_API_KEY: channel.apiKey,
      WHATSAPP_PROVIDER: 'meta',
      META_APP_SECRET: channel.appSecret,
      META_VERIFY_TOKEN: channel.verifyToken,
      META_PHONE_NUMBER_ID: channel.phoneNumberId,
      META_ACCESS_TOKEN: channel.accessToken,
      META_GRAPH_URL: options.graphUrl,
      META_SEND_RATE_PER_SECOND: String(options.sendRatePerSecond),
    },
  });
}
