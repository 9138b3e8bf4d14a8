import { InvalidArgumentError } from 'commander';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
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
    expect(() => parseEmulatorCliFlags({ webhookConcurrency: '0' })).toThrow(/--webhook-concurrency/);
    expect(parseEmulatorCliFlags({ webhookConcurrency: '1' }).options.webhookConcurrency).toBe(1);
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

  it('starts before the app is up, keeps trying the handshake, and delivers what waited once it succeeds', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    let output = '';
    const command = buildEmulatorCommand({
      write: (text) => (output += text),
      onStarted: (s) => (server = s),
      handleSignals: false,
    });
    const args = ['--port', '0', '--app-secret', APP_SECRET, '--verify-token', VERIFY_TOKEN];
    await command.parseAsync([...args, '--webhook-url', `http://127.0.0.1:${port}/webhooks/meta`], {
      from: 'user',
    });
    expect(server).toBeDefined();
    expect(output).toMatch(/not verified yet .*trying again every 2 s/);
    // The Graph API and the control API serve meanwhile; the customer's message waits.
    server!.emulator.customerSends('16505550100', { type: 'text', text: { body: 'early bird' } });
    receiver = await WebhookReceiver.start({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, port });
    await vi.waitFor(() => expect(receiver!.handshakes.length).toBeGreaterThan(0), { timeout: 6000 });
    await vi.waitFor(() => expect(JSON.stringify(receiver!.messages())).toContain('early bird'), {
      timeout: 3000,
    });
    expect(output).toContain('verified; delivering webhooks');
  }, 15_000);
});
