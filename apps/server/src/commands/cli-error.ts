import { cliErrorLine as emulatorCliErrorLine } from '@switchboard/emulator';
import { ConfigError } from '../config/load-config.js';

/**
 * The one line `switchboard` prints for an error, and its exit code: a configuration error as it
 * names the setting (2), everything else as the emulator's CLI words it (never a stack trace).
 */
export function cliErrorLine(err: unknown): { line: string; exitCode: number } {
  if (err instanceof ConfigError) return { line: err.message, exitCode: 2 };
  return emulatorCliErrorLine(err, 'switchboard');
}
