import { createEmulator, phonePage, type Emulator } from '@switchboard/emulator';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { MetaChannelConfig } from '../config/config-schema.js';
import { demoTemplates } from './demo-templates.js';

/** The built-in emulator of demo mode, serving the demo channel from inside the server. */
export interface DemoEmulator {
  readonly emulator: Emulator;
  /** Mounts the Graph and control API at `/emulator` and the phone simulator at `/phone`. */
  mount(app: FastifyInstance): Promise<void>;
  /** Once the server listens: the webhook handshake against it, then webhook delivery. */
  start(baseUrl: string): Promise<void>;
  close(): Promise<void>;
}

// Customers a first-time user finds on the phone simulator; any other number works too.
const demoCustomers = [
  { waId: '4915123456789', name: 'Anna Weber' },
  { waId: '4917612345678', name: 'Mehmet Yılmaz' },
  { waId: '15551234567', name: 'Jordan Lee' },
];

/**
 * Demo mode talks to a real (emulated) Cloud API over loopback HTTP, exactly as it would to Meta:
 * signed webhooks to `/webhooks/meta`, Graph calls with the channel's token. Nothing is shortcut
 * in process, so what works in the demo works against WhatsApp.
 */
export function createDemoEmulator(channel: MetaChannelConfig, log: FastifyBaseLogger): DemoEmulator {
  let baseUrl = '';
  const emulator = createEmulator({
    businessNumbers: [
      {
        phoneNumberId: channel.phoneNumberId,
        ...(channel.wabaId !== undefined && { wabaId: channel.wabaId }),
        displayPhoneNumber: '15550100001',
        verifiedName: 'Switchboard Demo',
      },
    ],
    accessTokens: [{ token: channel.accessToken }],
    appSecret: channel.appSecret,
    verifyToken: channel.verifyToken,
    webhookUrl: () => `${baseUrl}/webhooks/meta`,
    customers: demoCustomers,
    templates: demoTemplates,
    phonePage: false,
    onLog: (entry) => log[entry.level]({ component: 'emulator' }, entry.message),
  });
  return {
    emulator,
    async mount(app) {
      await app.register(emulator.plugin, { prefix: '/emulator' });
      await app.register(phonePage({ controlBase: '/emulator/_control', title: 'Switchboard demo phone' }), {
        prefix: '/phone',
      });
    },
    async start(base) {
      baseUrl = base.replace(/\/+$/, '');
      emulator.setPublicUrl(`${baseUrl}/emulator`);
      await emulator.start();
    },
    close: () => emulator.close(),
  };
}
