import { describe, expect, it } from 'vitest';
import { channelNumber } from './config-schema.js';
import { ConfigError, demoPhoneNumberId, loadConfig } from './load-config.js';

const meta = {
  WHATSAPP_PROVIDER: 'meta',
  META_ACCESS_TOKEN: 'EAAG-access-token',
  META_APP_SECRET: 'app-secret-0123456789',
  META_VERIFY_TOKEN: 'verify',
  META_PHONE_NUMBER_ID: '106540352242922',
  SWITCHBOARD_API_KEY: 'api-key-0123456789abc',
  SWITCHBOARD_TOKEN_SECRET: 'token-secret-0123456789abc',
};

function problemsOf(env: Record<string, string>, files: Record<string, string> = {}): string[] {
  try {
    loadConfig(env, (p) => {
      if (!(p in files)) throw new Error(`ENOENT: no such file ${p}`);
      return files[p]!;
    });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('loadConfig', () => {
  it('runs in demo mode without credentials, with generated secrets and a demo channel', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ demo: true, provider: 'emulator', port: 8080, host: '127.0.0.1' });
    expect(config.databaseUrl).toMatch(/^sqlite:.*data\/switchboard\.db$/);
    expect(config.apiKey.length).toBeGreaterThanOrEqual(24);
    expect(config.channels.map((c) => channelNumber(c))).toEqual([demoPhoneNumberId]);
    expect(Object.isFrozen(config)).toBe(true);
    expect(loadConfig({}).apiKey).not.toBe(config.apiKey);
  });

  it('reads the read-receipt policy, on-read by default, and names a wrong one', () => {
    expect(loadConfig({}).readReceipts).toBe('on-read');
    expect(loadConfig({ SWITCHBOARD_READ_RECEIPTS: 'On-Reply' }).readReceipts).toBe('on-reply');
    expect(loadConfig({ SWITCHBOARD_READ_RECEIPTS: 'never' }).readReceipts).toBe('never');
    expect(problemsOf({ SWITCHBOARD_READ_RECEIPTS: 'sometimes' })).toEqual([
      'SWITCHBOARD_READ_RECEIPTS must be one of on-read, on-reply, never (got "sometimes")',
    ]);
  });

  it('reads a Meta channel from the environment', () => {
    const config = loadConfig({ ...meta, PORT: '9090', DATABASE_URL: 'postgres://u:p@db:5432/sb' });
    expect(config).toMatchObject({
      demo: false,
      provider: 'meta',
      port: 9090,
      databaseUrl: 'postgres://u:p@db:5432/sb',
    });
    expect(config.channels).toEqual([
      expect.objectContaining({
        provider: 'meta',
        phoneNumberId: '106540352242922',
        graphUrl: 'https://graph.facebook.com/v23.0',
      }),
    ]);
    expect(config.publicUrl).toBe('http://127.0.0.1:9090');
  });

  it('names every missing or invalid setting', () => {
    const { SWITCHBOARD_TOKEN_SECRET: _t, META_APP_SECRET: _s, ...partial } = meta;
    expect(problemsOf(partial)).toEqual([
      'WHATSAPP_PROVIDER=meta needs META_APP_SECRET',
      'SWITCHBOARD_TOKEN_SECRET is required when provider credentials are configured (it is generated only in demo mode)',
    ]);
    const problems = problemsOf({
      ...meta,
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      META_PHONE_NUMBER_ID: '+1 555',
      SWITCHBOARD_API_KEY: 'short',
    });
    expect(problems).toEqual([
      'PORT must be an integer between 0 and 65535 (got "eighty")',
      'DATABASE_URL must be sqlite:<path> or postgres://user:password@host:port/database',
      expect.stringContaining('META_PHONE_NUMBER_ID'),
      'SWITCHBOARD_API_KEY must be at least 16 characters',
    ]);
    expect(problemsOf({ WHATSAPP_PROVIDER: 'custom' })[0]).toContain(
      'WHATSAPP_PROVIDER=custom needs SWITCHBOARD_CONFIG',
    );
    expect(problemsOf({ WHATSAPP_PROVIDER: 'twilio' })[0]).toBe(
      'WHATSAPP_PROVIDER=twilio needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_WHATSAPP_FROM',
    );
    expect(
      problemsOf({
        ...meta,
        WHATSAPP_PROVIDER: 'twilio',
        TWILIO_ACCOUNT_SID: 'AC123',
        TWILIO_AUTH_TOKEN: 'token-0123456789',
        TWILIO_WHATSAPP_FROM: '+14155238886',
      }),
    ).toEqual([
      expect.stringMatching(/^TWILIO_ACCOUNT_SID: .*AC followed by 32 hex digits/),
      expect.stringMatching(/^TWILIO_WHATSAPP_FROM: .*whatsapp:\+/),
    ]);
    expect(problemsOf({ WHATSAPP_PROVIDER: '360dialog' })[0]).toBe(
      'WHATSAPP_PROVIDER=360dialog needs D360_API_KEY, D360_PHONE_NUMBER_ID, D360_WEBHOOK_TOKEN',
    );
    expect(problemsOf({ WHATSAPP_PROVIDER: 'pigeon' })[0]).toContain('must be one of');
  });

  it('adds channels from a JSON config file and reports its errors by path', () => {
    const file = JSON.stringify({
      channels: [
        {
          provider: 'meta',
          name: 'Loans',
          phoneNumberId: '222',
          accessToken: 'token-0123',
          appSecret: 'secret-0123',
          verifyToken: 'v',
        },
      ],
      eventRetentionDays: 3,
    });
    const config = loadConfig(
      {
        SWITCHBOARD_CONFIG: '/etc/sb.json',
        SWITCHBOARD_API_KEY: meta.SWITCHBOARD_API_KEY,
        SWITCHBOARD_TOKEN_SECRET: meta.SWITCHBOARD_TOKEN_SECRET,
      },
      () => file,
    );
    expect(config.demo).toBe(false);
    expect(config.channels.map((c) => c.name)).toEqual(['Loans']);
    expect(config.eventRetentionDays).toBe(3);
    expect(problemsOf({ SWITCHBOARD_CONFIG: '/nope.json' })[0]).toContain(
      'SWITCHBOARD_CONFIG: cannot read /nope.json',
    );
    const bad = problemsOf(
      { SWITCHBOARD_CONFIG: '/c.json' },
      { '/c.json': '{"channels":[{"provider":"meta","phoneNumberId":"1"}],"extra":1}' },
    );
    expect(bad.some((p) => p.startsWith('SWITCHBOARD_CONFIG channels.0.accessToken'))).toBe(true);
    expect(bad.some((p) => p.includes('extra'))).toBe(true);
  });

  it('reads a 360dialog channel from the environment and names what is missing or wrong', () => {
    const d360 = {
      WHATSAPP_PROVIDER: '360dialog',
      D360_API_KEY: 'd360-key-0123456789',
      D360_PHONE_NUMBER_ID: '106540352242360',
      D360_WEBHOOK_TOKEN: 'a'.repeat(32),
      SWITCHBOARD_API_KEY: meta.SWITCHBOARD_API_KEY,
      SWITCHBOARD_TOKEN_SECRET: meta.SWITCHBOARD_TOKEN_SECRET,
    };
    const config = loadConfig(d360);
    expect(config.provider).toBe('360dialog');
    expect(config.channels).toEqual([
      expect.objectContaining({
        provider: '360dialog',
        phoneNumberId: '106540352242360',
        baseUrl: 'https://waba-v2.360dialog.io',
        webhookToken: 'a'.repeat(32),
      }),
    ]);
    expect(problemsOf({ ...d360, D360_WEBHOOK_TOKEN: '' })).toEqual([
      'WHATSAPP_PROVIDER=360dialog needs D360_WEBHOOK_TOKEN',
    ]);
    expect(problemsOf({ ...d360, D360_WEBHOOK_TOKEN: 'short', D360_BASE_URL: 'not a url' })).toEqual([
      expect.stringMatching(/^D360_BASE_URL: /),
      expect.stringMatching(/^D360_WEBHOOK_TOKEN: .*at least 24 characters/),
    ]);
  });

  it('runs channels of different providers side by side from the config file', () => {
    const file = JSON.stringify({
      channels: [
        {
          provider: 'meta',
          phoneNumberId: '111',
          accessToken: 'token-0123',
          appSecret: 'secret-0123',
          verifyToken: 'v',
        },
        {
          provider: '360dialog',
          phoneNumberId: '222',
          apiKey: 'd360-key-0123',
          webhookToken: 'b'.repeat(24),
        },
      ],
    });
    const env = {
      SWITCHBOARD_CONFIG: '/etc/sb.json',
      SWITCHBOARD_API_KEY: meta.SWITCHBOARD_API_KEY,
      SWITCHBOARD_TOKEN_SECRET: meta.SWITCHBOARD_TOKEN_SECRET,
    };
    expect(loadConfig(env, () => file).channels.map((c) => c.provider)).toEqual(['meta', '360dialog']);
    const bad = problemsOf(env, {
      '/etc/sb.json': JSON.stringify({ channels: [{ provider: '360dialog', phoneNumberId: '222' }] }),
    });
    expect(bad).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SWITCHBOARD_CONFIG channels\.0\.apiKey: /),
        expect.stringMatching(/^SWITCHBOARD_CONFIG channels\.0\.webhookToken: /),
      ]),
    );
  });
});
