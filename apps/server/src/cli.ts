import { buildEmulatorCommand } from '@switchboard/emulator';
import { Command } from 'commander';
import { buildTokenCommand } from './commands/token-command.js';
import { cliErrorLine } from './commands/cli-error.js';
import { loadConfig } from './config/load-config.js';
import { disablePretenuring } from './lib/heap-tuning.js';
import { openStore } from './store/open-store.js';
import { startServer } from './start-server.js';

const program = new Command()
  .name('switchboard')
  .description('Switchboard: live WhatsApp for your own app')
  .showHelpAfterError();

program
  .command('start', { isDefault: true })
  .description('start the gateway (configured from the environment; see README)')
  .action(async () => {
    disablePretenuring();
    await startServer(loadConfig());
  });

program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .action(async () => {
    const config = loadConfig();
    const store = openStore(config.databaseUrl);
    try {
      await store.migrate();
      process.stdout.write(`migrations applied (${store.dialect})\n`);
    } finally {
      await store.close();
    }
  });

program.addCommand(buildTokenCommand());

// The standalone Cloud API emulator: develop and test against WhatsApp without a Meta account.
program.addCommand(buildEmulatorCommand());

program.parseAsync(process.argv).catch((err: unknown) => {
  const { line, exitCode } = cliErrorLine(err);
  process.stderr.write(`${line}\n`);
  process.exit(exitCode);
});
