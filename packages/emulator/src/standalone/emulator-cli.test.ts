import { InvalidArgumentError } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_SECRET, VERIFY_TOKEN } from '../webhooks/test-support/test-emulator.js';
import { WebhookReceiver } from '../webhooks/test-support/webhook-receiver.js';
import { parseEmulatorCliFlags } from './emulator-cli-options.js';
import { buildEmulatorCommand } from './emulator-command.js';
import type { EmulatorServer } from './start-emulator-server.js';

let server: EmulatorServer | undefined;
let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await server?.close();
  await receiver?.close();
  server = undefined;
  receiver = undefined;
});

describe('emulator CLI flags', () => {
  it('maps the flags to server options with the product defaults', () => {
    const { options, generated } = parseEmulatorCliFlags({
      port: '4005',
      webhookUrl: 'http://127.0.0.1:8080/webhooks/meta',
      appSecret: 's3cret',
      accessToken: ['t1', 't2'],
      phoneNumberId: '123456',
      verifyToken: 'vt',
      customer: ['16505551234:Sheena Nelson', '447700900123:Bob:undeliverable'],
      retrySchedule: '100, 200',
      seed: '9',
      faults: '{"duplicateRate":0.1}',
    });
    expect(options).toMatchObject({
      port: 4005,
      host: '127.0.0.1',
      appSecret: 's3cret',
      accessTokens: [{ token: 't1' }, { token: 't2' }],
      webhookUrl: 'http://127.0.0.1:8080/webhooks/meta',
      verifyToken: 'vt',
      businessNumbers: [{ phoneNumberId: '123456', displayPhoneNumber: '15550001234' }],
      customers: [
        { waId: '16505551234', name: 'Sheena Nelson' },
        { waId: '447700900123', name: 'Bob', undeliverable: true },
      ],
      anyNumberReachable: true,
      webhookRetryScheduleMs: [100, 200],
      seed: 9,
      faults: { duplicateRate: 0.1 },
    });
    expect(generated).toEqual({});
  });

  it('generates an app secret when none is given and rejects malformed values', () => {
    const { options, generated } = parseEmulatorCliFlags({});
    expect(generated.appSecret).toBe(options.appSecret);
    expect(options.accessTokens).toEqual([{ token: 'emulator-access-token' }]);
    expect(() => parseEmulatorCliFlags({ port: 'x' })).toThrow(InvalidArgumentError);
    expect(() => parseEmulatorCliFlags({ webhookUrl: 'ftp://x' })).toThrow(/--webhook-url/);
    expect(() => parseEmulatorCliFlags({ customer: ['123'] })).toThrow(/--customer/);
    expect(() => parseEmulatorCliFlags({ faults: '{"nope":1}' })).toThrow(/--faults/);
  });

  it('the command starts a server that performs the handshake and serves the control API', async () => {
    receiver = await WebhookReceiver.start({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN });
    let output = '';
    const command = buildEmulatorCommand({
      write: (text) => (output += text),
      onStarted: (s) => (server = s),
      handleSignals: false,
    });
    await command.parseAsync(
      [
        '--port',
        '0',
        '--webhook-url',
        receiver.url,
        '--app-secret',
        APP_SECRET,
        '--verify-token',
        VERIFY_TOKEN,
        '--no-any-number',
      ],
      { from: 'user' },
    );
    expect(server).toBeDefined();
    expect(receiver.handshakes).toHaveLength(1);
    expect(output).toContain('not real WhatsApp');
    expect(output).toContain(`${server!.url}/phone/`);
    const state = (await (await fetch(`${server!.url}/_control/state`)).json()) as any;
    expect(state.businessNumbers[0].phoneNumberId).toBe('100000000000001');
    // The root redirects to the phone page.
    const root = await fetch(server!.url, { redirect: 'manual' });
    expect(root.headers.get('location')).toBe('/phone/');
  });
});
