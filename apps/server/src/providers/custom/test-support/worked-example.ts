import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../../config/load-config.js';
import type { CustomProviderDefinition } from '../compile-custom-provider.js';
import type { FakeChirp } from './fake-chirp.js';

const docPath = fileURLToPath(new URL('../../../../../../docs/custom-providers.md', import.meta.url));

/** The config file of docs/custom-providers.md's worked example: its first JSON block after the heading. */
export function workedExampleConfig(): string {
  const doc = readFileSync(docPath, 'utf8');
  const section = doc.slice(doc.indexOf('## Worked example'));
  const block = /```json\n([\s\S]*?)\n```/.exec(section);
  if (!block) throw new Error('docs/custom-providers.md has no JSON block in its worked example');
  return block[1]!;
}

/** The environment the worked example reads, pointed at a fake Chirp. */
export function chirpEnv(chirp: FakeChirp): Record<string, string> {
  return {
    CHIRP_API_URL: chirp.url,
    CHIRP_API_KEY: chirp.apiKey,
    CHIRP_WEBHOOK_SECRET: chirp.webhookSecret,
  };
}

/** What the worked example needs to load, with stand-in Chirp settings (`chirpEnv` for a fake). */
export const workedExampleEnv: Readonly<Record<string, string>> = {
  WHATSAPP_PROVIDER: 'custom',
  SWITCHBOARD_CONFIG: 'switchboard.config.json',
  SWITCHBOARD_API_KEY: 'api-key-0123456789abc',
  SWITCHBOARD_TOKEN_SECRET: 'token-secret-0123456789abc',
  CHIRP_API_URL: 'https://api.chirp.example',
  CHIRP_API_KEY: 'chirp-key-0123456789',
  CHIRP_WEBHOOK_SECRET: 'chirp-webhook-secret-0123456789',
};

/** The worked example, compiled as the server compiles it at start. */
export function compiledWorkedExample(env: Record<string, string> = {}): CustomProviderDefinition {
  const config = loadConfig({ ...workedExampleEnv, ...env }, () => workedExampleConfig());
  const definition = config.customProviders?.get('chirp');
  if (!definition) throw new Error('the worked example declares no provider "chirp"');
  return definition;
}
