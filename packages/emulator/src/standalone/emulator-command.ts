import { Command } from 'commander';
import { parseEmulatorCliFlags, type EmulatorCliFlags } from './emulator-cli-options.js';
import { startEmulatorServer, type EmulatorServer } from './start-emulator-server.js';

export interface EmulatorCommandHooks {
  /** Where the banner goes; default stdout. */
  readonly write?: (text: string) => void;
  /** Called with the running server (tests close it; the CLI waits for a signal). */
  readonly onStarted?: (server: EmulatorServer) => void;
  /** Close the server on SIGINT/SIGTERM. Default true. */
  readonly handleSignals?: boolean;
}

/**
 * The `emulator` command (`switchboard emulator --port 4004 --webhook-url … --app-secret …
 * --access-token … --phone-number-id … --verify-token …`), to be added to a CLI program with
 * `program.addCommand(buildEmulatorCommand())`.
 */
export function buildEmulatorCommand(hooks: EmulatorCommandHooks = {}): Command {
  const write = hooks.write ?? ((text: string) => process.stdout.write(text));
  return new Command('emulator')
    .description('run a local WhatsApp Cloud API (Graph routes, signed webhooks, simulated customers)')
    .option('--port <port>', 'port to listen on (0 = any free port)', '4004')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option(
      '--webhook-url <url>',
      "the app's webhook callback URL (e.g. http://127.0.0.1:8080/webhooks/meta)",
    )
    .option('--app-secret <secret>', 'signs X-Hub-Signature-256 (generated and printed when omitted)')
    .option(
      '--access-token <token...>',
      'bearer tokens the Graph routes accept (default: emulator-access-token)',
    )
    .option('--verify-token <token>', 'hub.verify_token of the verification handshake')
    .option('--phone-number-id <id>', 'the business phone number id (default 100000000000001)')
    .option('--display-phone-number <digits>', 'its display number (default 15550001234)')
    .option('--waba-id <id>', 'the WhatsApp Business Account id (default 100000000000000)')
    .option('--verified-name <name>', "the business's verified name")
    .option('--customer <waId:name...>', 'a simulated customer (append :undeliverable for 131026)')
    .option('--no-any-number', 'only configured customers are reachable (others fail with 131026)')
    .option('--throughput <mps>', 'messages per second before 130429 (default 80)')
    .option('--retry-schedule <ms,...>', 'delays between webhook retries (default: backoff over 7 days)')
    .option('--seed <n>', 'seed of the fault PRNG')
    .option('--faults <json>', 'initial fault plan, e.g. {"duplicateRate":0.1}')
    .option('--public-url <url>', 'base URL in media download links (default http://HOST:PORT)')
    .option('--no-verify', 'skip the webhook verification handshake on start')
    .option(
      '--webhook-concurrency <n>',
      'webhook POSTs in flight at once (default 8, as Meta sends them concurrently; 1 = strict order)',
    )
    .option('--no-auto-read', 'customers read messages only when told to (control API)')
    .action(async (flags: EmulatorCliFlags) => {
      const { options, generated } = parseEmulatorCliFlags(flags);
      const server = await startEmulatorServer({
        ...options,
        onLog: ({ level, message }) => write(`[emulator] ${level}: ${message}\n`),
      });
      const tokens = (options.accessTokens ?? []).map((t) => t.token).join(', ');
      const number = server.emulator.businessNumbers[0];
      write(
        [
          `WhatsApp Cloud API emulator (not real WhatsApp) listening on ${server.url}`,
          `  Graph API      ${server.url}/v23.0/${number?.phoneNumberId ?? ''}/messages (any /vNN.N prefix)`,
          `  phone page     ${server.url}/phone/`,
          `  control API    ${server.url}/_control`,
          `  webhooks to    ${webhookTarget(options.webhookUrl)}`,
          `  access token   ${tokens}`,
          ...(generated.appSecret ? [`  app secret     ${generated.appSecret} (generated)`] : []),
          '',
        ].join('\n'),
      );
      hooks.onStarted?.(server);
      if (hooks.handleSignals ?? true) {
        const stop = () => {
          server.close().then(
            () => process.exit(0),
            () => process.exit(1),
          );
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      }
    });
}

function webhookTarget(url: string | (() => string) | undefined): string {
  if (url === undefined) return '(none: recorded only, see /_control/webhooks)';
  return typeof url === 'function' ? url() : url;
}
