import { describe, expect, it } from 'vitest';
import { AgentTokens } from '../auth/agent-token.js';
import { ConfigError } from '../config/load-config.js';
import { buildTokenCommand } from './token-command.js';

const secret = 'cli-token-secret-0123456789abcdef';
const env = { SWITCHBOARD_TOKEN_SECRET: secret, SWITCHBOARD_API_KEY: 'cli-api-key-0123456789' };

async function run(args: string[], environment: NodeJS.ProcessEnv = env): Promise<string> {
  let out = '';
  const command = buildTokenCommand({ env: environment, write: (text) => (out += text) });
  command.exitOverride().configureOutput({ writeErr: () => undefined });
  await command.parseAsync(args, { from: 'user' });
  return out.trim();
}

describe('switchboard token', () => {
  it('mints a token the server accepts, with the scope given', async () => {
    const token = await run(['--sub', 'alice', '--ref', 'CASE-1', '--ref', 'CASE-2', '--ttl', '600']);
    const principal = await new AgentTokens(secret).verify(token);
    expect(principal).toMatchObject({
      kind: 'agent',
      sub: 'alice',
      scope: { all: false, refs: ['CASE-1', 'CASE-2'], conversations: [] },
    });
  });

  it('refuses a missing scope, a bad ttl, and a server without a fixed token secret', async () => {
    await expect(run(['--sub', 'alice'])).rejects.toThrow(/give a scope/);
    await expect(run(['--sub', 'alice', '--all', '--ttl', '0'])).rejects.toThrow(/whole number of seconds/);
    await expect(run(['--sub', 'alice', '--all'], {})).rejects.toThrow(ConfigError);
  });
});
