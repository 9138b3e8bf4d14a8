import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workedExampleConfig } from '../providers/custom/test-support/worked-example.js';

const serverRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the CLI from its sources; resolves with its exit code and what it wrote to stderr. */
function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: serverRoot,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

const oneLine = (text: string) => {
  const lines = text.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(text).not.toMatch(/\n\s+at /); // no stack frames
  return lines[0]!;
};

describe('CLI errors are one clear line, never a stack trace', () => {
  it('names a malformed emulator flag', async () => {
    const { code, stderr } = await cli(['emulator', '--port', 'eighty']);
    expect(code).toBe(2);
    expect(oneLine(stderr)).toMatch(
      /^switchboard: --port must be an integer from 0 to 65535 \(got "eighty"\)/,
    );
  }, 30_000);

  it('says a port is taken and what to do', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const { code, stderr } = await cli(['emulator', '--port', String(port)]);
      expect(code).toBe(1);
      expect(oneLine(stderr)).toMatch(
        new RegExp(`port ${port} is already in use; stop what uses it, or choose another`),
      );
    } finally {
      busy.close();
    }
  }, 30_000);

  it('refuses a bad configuration naming the setting', async () => {
    const { code, stderr } = await cli(['start'], { PORT: 'not-a-port' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/PORT must be an integer/);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 30_000);

  it('does not start with a custom provider whose expression does not compile, and says where', async () => {
    const file = JSON.parse(workedExampleConfig());
    file.customProviders.chirp.receive.statuses = ["events[type = 'message.status'].{ 'id': }"];
    const path = join(mkdtempSync(join(tmpdir(), 'switchboard-bad-config-')), 'switchboard.config.json');
    writeFileSync(path, JSON.stringify(file));
    const { code, stderr } = await cli(['start'], {
      WHATSAPP_PROVIDER: 'custom',
      SWITCHBOARD_CONFIG: path,
      SWITCHBOARD_API_KEY: 'api-key-0123456789abc',
      SWITCHBOARD_TOKEN_SECRET: 'token-secret-0123456789abc',
      CHIRP_API_URL: 'https://api.chirp.example',
      CHIRP_API_KEY: 'chirp-key-0123456789',
      CHIRP_WEBHOOK_SECRET: 'chirp-webhook-secret-0123456789',
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /customProviders\.chirp\.receive\.statuses: the JSONata expression does not compile at position \d+/,
    );
    expect(stderr).not.toMatch(/chirp-key-0123456789|chirp-webhook-secret/); // no secret in the message
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});
