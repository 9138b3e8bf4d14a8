import { describe, expect, it } from 'vitest';
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
    expect(config.channels.map((c) => c.phoneNumberId)).toEqual([demoPhoneNumberId]);
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
    expect(problemsOf({ WHATSAPP_PROVIDER: 'twilio' })[0]).toContain('not supported by this version yet');
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
});
