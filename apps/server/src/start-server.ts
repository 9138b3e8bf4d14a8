import { demoPhoneNumberId } from './config/load-config.js';
import type { Config } from './config/config-schema.js';
import { createServer } from './main.js';

/** Starts listening, prints the banner, and shuts down cleanly on SIGINT/SIGTERM. */
export async function startServer(config: Config): Promise<void> {
  // A first-time user finds a few customers with a short history (SWITCHBOARD_DEMO_HISTORY=off: none).
  const server = await createServer(config, { demoHistory: process.env.SWITCHBOARD_DEMO_HISTORY !== 'off' });
  await server.app.listen({ host: config.host, port: config.port });
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = config.publicUrl.replace(/:\d+$/, `:${port}`);
  await server.afterListen(port);
  process.stdout.write(banner(config, base));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'shutting down');
    server
      .close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        server.app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

function banner(config: Config, base: string): string {
  const lines = [
    '',
    `Switchboard is listening on ${base}`,
    `  Inbox:         ${base}/${config.demo ? '  (signed in as the demo agent)' : ''}`,
    `  API docs:      ${base}/docs`,
    `  Meta webhook:  ${base}/webhooks/meta`,
    `  Database:      ${config.databaseUrl.startsWith('sqlite:') ? config.databaseUrl : 'postgres'}`,
  ];
  if (config.demo) {
    lines.push(
      '',
      'DEMO MODE: no WhatsApp credentials are configured. This is NOT real WhatsApp.',
      `  Phone simulator: ${base}/phone  (type as a customer here)`,
      `  Emulator API:  ${base}/emulator/_control  (see packages/emulator/README.md)`,
      `  Demo API key:  ${config.apiKey}`,
      `  Demo channel:  phone number id ${demoPhoneNumberId}`,
      '  Set WHATSAPP_PROVIDER=meta and the META_* variables to connect a real number.',
    );
  }
  return lines.join('\n') + '\n\n';
}
