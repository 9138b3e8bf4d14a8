/**
 * The package's own executable, `switchboard-emulator` (bin/switchboard-emulator.js runs the built
 * copy of this file): the `emulator` command of `switchboard` as a program of its own, with the same
 * flags, for projects that install the emulator without the gateway.
 *
 *   switchboard-emulator --port 4004 --webhook-url http://127.0.0.1:8080/webhooks/meta --app-secret …
 */
import { cliErrorLine } from './standalone/cli-error-line.js';
import { buildEmulatorCommand } from './standalone/emulator-command.js';

const program = buildEmulatorCommand().name('switchboard-emulator').showHelpAfterError();

program.parseAsync(process.argv).catch((err: unknown) => {
  const { line, exitCode } = cliErrorLine(err, 'switchboard-emulator');
  process.stderr.write(`${line}\n`);
  process.exit(exitCode);
});
