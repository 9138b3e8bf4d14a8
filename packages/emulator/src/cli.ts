/**
 * The package's own executable, `switchboard-emulator` (bin/switchboard-emulator.js runs the built
 * copy of this file): the `emulator` command of `switchboard` as a program of its own, with the same
 * flags, for projects that install the emulator without the gateway.
 *
 *   switchboard-emulator --port 4004 --webhook-url http://127.0.0.1:8080/webhooks/meta --app-secret …
 */
import { InvalidArgumentError } from 'commander';
import { buildEmulatorCommand } from './standalone/emulator-command.js';
import { WebhookVerificationError } from './webhooks/verify-webhook-target.js';

const program = buildEmulatorCommand().name('switchboard-emulator').showHelpAfterError();

program.parseAsync(process.argv).catch((err: unknown) => {
  // Mistakes the user can fix get their message alone; anything else its stack.
  const expected = err instanceof InvalidArgumentError || err instanceof WebhookVerificationError;
  const text = err instanceof Error ? (expected ? err.message : (err.stack ?? err.message)) : String(err);
  process.stderr.write(`switchboard-emulator: ${text}\n`);
  process.exit(expected ? 2 : 1);
});
