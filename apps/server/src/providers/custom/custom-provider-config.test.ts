import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config/load-config.js';
import { workedExampleConfig, workedExampleEnv } from './test-support/worked-example.js';

const env = workedExampleEnv;

/** The worked example with one change made to its parsed JSON. */
function example(change: (file: any) => void = () => undefined): string {
  const file = JSON.parse(workedExampleConfig());
  change(file);
  return JSON.stringify(file);
}

function problemsOf(file: string, overrides: Record<string, string | undefined> = {}): string[] {
  try {
    loadConfig({ ...env, ...overrides }, () => file);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('custom providers in the config file', () => {
  it('compiles the worked example, with its secrets from the environment', () => {
    const config = loadConfig(env, () => example());
    expect(config.provider).toBe('custom');
    const chirp = config.customProviders?.get('chirp');
    expect(chirp?.send.url).toBe('https://api.chirp.example/v1/messages');
    expect(chirp?.send.headers.authorization).toBe('Bearer chirp-key-0123456789');
    expect(chirp?.receive.signature).toMatchObject({
      algorithm: 'sha256',
      header: 'chirp-signature',
      secret: 'chirp-webhook-secret-0123456789',
      timestamp: { header: 'chirp-timestamp', toleranceSeconds: 300, payload: '{timestamp}.{body}' },
    });
    expect(config.channels).toEqual([
      expect.objectContaining({ provider: 'custom', customProvider: 'chirp' }),
    ]);
  });

  it('names the provider, the field and the position (line and column) of an expression that does not compile', () => {
    const problems = problemsOf(
      example((f) => {
        f.customProviders.chirp.send.messageId = 'body.message.(uuid';
        f.customProviders.chirp.receive.statuses = ['events.{', "  'id': ]", '}'];
      }),
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /^customProviders\.chirp\.send\.messageId: the JSONata expression does not compile at position \d+ \(S0\d{3}\): /,
    );
    expect(problems[1]).toMatch(
      /^customProviders\.chirp\.receive\.statuses: the JSONata expression does not compile at position \d+ \(line 2, column \d+\) \(S0\d{3}\): /,
    );
  });

  it('names an environment variable that is not set, and never takes a secret written in the file', () => {
    expect(problemsOf(example(), { CHIRP_API_KEY: undefined })).toEqual([
      'customProviders.chirp.send.headers.Authorization: the environment variable CHIRP_API_KEY is not set',
      'customProviders.chirp.markRead.headers.Authorization: the environment variable CHIRP_API_KEY is not set',
      'customProviders.chirp.mediaHeaders.Authorization: the environment variable CHIRP_API_KEY is not set',
    ]);
    expect(
      problemsOf(
        example((f) => (f.customProviders.chirp.receive.signature.secret = 'written-in-the-file-secret')),
      ),
    ).toEqual([
      expect.stringMatching(/^customProviders\.chirp\.receive\.signature\.secret: must be \$\{NAME\}/),
    ]);
    expect(problemsOf(example(), { CHIRP_WEBHOOK_SECRET: 'short' })).toEqual([
      'CHIRP_WEBHOOK_SECRET: the webhook secret of customProviders.chirp must be at least 16 characters',
    ]);
  });

  it('refuses wrong fields, a URL that is not absolute, a channel of an undeclared provider, and unknown keys', () => {
    const problems = problemsOf(
      example((f) => {
        f.customProviders.chirp.send.url = '/v1/messages';
        f.channels.push({ provider: 'custom', customProvider: 'nobody', phoneNumber: '4930111' });
      }),
    );
    expect(problems).toEqual([
      'customProviders.chirp.send.url: must be an absolute http(s) URL (got "/v1/messages")',
      'SWITCHBOARD_CONFIG channels.1.customProvider: "nobody" is not declared under customProviders',
    ]);
    const shapes = problemsOf(
      example((f) => {
        f.customProviders.chirp.receive.signature.algorithm = 'md5';
        f.customProviders.chirp.send.bodyTemplate = 'typo';
        delete f.customProviders.chirp.send.messageId;
      }),
    );
    expect(shapes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SWITCHBOARD_CONFIG customProviders\.chirp\.send\.messageId: /),
        expect.stringMatching(/^SWITCHBOARD_CONFIG customProviders\.chirp\.send: .*bodyTemplate/),
        expect.stringMatching(/^SWITCHBOARD_CONFIG customProviders\.chirp\.receive\.signature\.algorithm: /),
      ]),
    );
    // A signed payload without the body, or without the time, would prove too little.
    for (const payload of ['{timestamp}', '{body}', '{timestamp}.{body}.{body}']) {
      expect(
        problemsOf(example((f) => (f.customProviders.chirp.receive.signature.timestamp.payload = payload))),
      ).toEqual([
        expect.stringMatching(
          /timestamp\.payload: payload must contain \{body\} exactly once and \{timestamp\}/,
        ),
      ]);
    }
    expect(
      problemsOf(example((f) => (f.customProviders = { 'Bad Name!': f.customProviders.chirp }))),
    ).toEqual([
      expect.stringMatching(
        /^SWITCHBOARD_CONFIG customProviders\.Bad Name!: .*lower-case letters, digits and dashes/,
      ),
    ]);
  });

  it('needs a custom channel when WHATSAPP_PROVIDER=custom, and runs custom channels beside a Meta one', () => {
    expect(problemsOf(example((f) => (f.channels = [])))).toEqual([
      expect.stringMatching(/^WHATSAPP_PROVIDER=custom needs SWITCHBOARD_CONFIG/),
    ]);
    const config = loadConfig(
      {
        ...env,
        WHATSAPP_PROVIDER: 'meta',
        META_ACCESS_TOKEN: 'EAAG-token',
        META_APP_SECRET: 'app-secret-0123',
        META_VERIFY_TOKEN: 'v',
        META_PHONE_NUMBER_ID: '1065403522',
      },
      () => example(),
    );
    expect(config.channels.map((c) => c.provider)).toEqual(['custom', 'meta']);
  });
});
