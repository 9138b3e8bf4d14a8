import { CommanderError, InvalidArgumentError } from 'commander';
import { WebhookVerificationError } from '../webhooks/verify-webhook-target.js';

/**
 * The one line a CLI prints for an error, saying what went wrong and what to do, and its exit code
 * (2 for a usage error, 1 otherwise). Never a stack trace: an operator reads it in a terminal or a
 * service log. Shared by `switchboard-emulator` and `switchboard`.
 */
export function cliErrorLine(err: unknown, program: string): { line: string; exitCode: number } {
  if (err instanceof InvalidArgumentError || err instanceof CommanderError) {
    return { line: `${program}: ${err.message.replace(/^error: /, '')} (see --help)`, exitCode: 2 };
  }
  if (err instanceof WebhookVerificationError) {
    return {
      line: `${program}: ${err.message}; start the app first, or check --webhook-url and --verify-token`,
      exitCode: 1,
    };
  }
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const rawPort = (err as { port?: unknown } | null)?.port;
  const port = typeof rawPort === 'number' || typeof rawPort === 'string' ? String(rawPort) : undefined;
  if (code === 'EADDRINUSE') {
    return {
      line: `${program}: port ${port ?? '(unknown)'} is already in use; stop what uses it, or choose another port (PORT, or --port for the emulator)`,
      exitCode: 1,
    };
  }
  if (code === 'EACCES' && port !== undefined) {
    return {
      line: `${program}: not allowed to listen on port ${port}; choose a port above 1023`,
      exitCode: 1,
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { line: `${program}: ${message.split('\n')[0]}`, exitCode: 1 };
}
