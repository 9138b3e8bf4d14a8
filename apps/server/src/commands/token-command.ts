import { Command, InvalidArgumentError } from 'commander';
import { AgentTokens } from '../auth/agent-token.js';
import { ConfigError, loadConfig } from '../config/load-config.js';

const collect = (value: string, previous: string[]) => [...previous, value];

function ttlSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 86_400) {
    throw new InvalidArgumentError('give a whole number of seconds between 1 and 86400');
  }
  return n;
}

/**
 * `switchboard token --sub alice --ref CASE-1`: mints an agent token with the configured
 * `SWITCHBOARD_TOKEN_SECRET`, the same as `POST /v1/tokens`, for scripts and first tries.
 */
export function buildTokenCommand(
  io: { env?: NodeJS.ProcessEnv; write?: (text: string) => void } = {},
): Command {
  const env = io.env ?? process.env;
  const write = io.write ?? ((text: string) => process.stdout.write(text));
  return new Command('token')
    .description('mint an agent token (HS256, scoped to refs and/or conversations, or all)')
    .requiredOption('--sub <id>', "the agent's id in your app")
    .option('--ref <ref>', 'a case reference the agent may see (repeatable)', collect, [])
    .option('--conversation <id>', 'a conversation id the agent may see (repeatable)', collect, [])
    .option('--all', 'every conversation')
    .option('--ttl <seconds>', 'lifetime in seconds (1–86400)', ttlSeconds, 3600)
    .action(
      async (
        options: { sub: string; ref: string[]; conversation: string[]; all?: boolean; ttl: number },
        command: Command,
      ) => {
        if (!options.all && options.ref.length === 0 && options.conversation.length === 0) {
          command.error('error: give a scope: --ref, --conversation or --all', { exitCode: 2 });
        }
        if (!env.SWITCHBOARD_TOKEN_SECRET) {
          // Demo mode generates a new secret at every start: a token minted here would not verify.
          throw new ConfigError([
            'SWITCHBOARD_TOKEN_SECRET is not set: without it the server generates a new secret at ' +
              'every start (demo mode), so use POST /v1/tokens with the API key instead',
          ]);
        }
        const config = loadConfig(env);
        const { token, expiresAt } = await new AgentTokens(config.tokenSecret).mint({
          sub: options.sub,
          ttlSeconds: options.ttl,
          ...(options.all ? { all: true } : {}),
          ...(options.ref.length > 0 ? { refs: options.ref } : {}),
          ...(options.conversation.length > 0 ? { conversations: options.conversation } : {}),
        });
        write(`${token}\n`);
        process.stderr.write(`expires ${new Date(expiresAt).toISOString()}\n`);
      },
    );
}
