import { ManualClock } from '../../core/clock.js';
import type { ValidatedSend } from '../../core/outbound-gate.js';
import { createEmulator, type CreateEmulatorOptions, type Emulator } from '../../emulator.js';
import { WebhookReceiver } from './webhook-receiver.js';

export const APP_SECRET = 'test-app-secret';
export const VERIFY_TOKEN = 'test-verify-token';
export const PHONE_NUMBER_ID = '106540352242922';
export const DISPLAY_NUMBER = '15550783881';
export const WABA_ID = '419561257915477';
export const CUSTOMER = { waId: '16505551234', name: 'Sheena Nelson' };

export interface TestEmulator {
  readonly emulator: Emulator;
  readonly clock: ManualClock;
  readonly receiver: WebhookReceiver;
  /** Advances the clock, then waits until every webhook due by then was answered. */
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * An emulator on a ManualClock delivering to a loopback receiver, with a compressed retry
 * schedule (1 s, 2 s, 4 s) and one configured customer.
 */
export async function startTestEmulator(
  overrides: Partial<CreateEmulatorOptions> = {},
): Promise<TestEmulator> {
  const clock = new ManualClock();
  const receiver = await WebhookReceiver.start({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN });
  const emulator = createEmulator({
    appSecret: APP_SECRET,
    verifyToken: VERIFY_TOKEN,
    webhookUrl: receiver.url,
    clock,
    businessNumbers: [
      {
        phoneNumberId: PHONE_NUMBER_ID,
        displayPhoneNumber: DISPLAY_NUMBER,
        verifiedName: 'Acme',
        wabaId: WABA_ID,
      },
    ],
    customers: [CUSTOMER],
    webhookRetryScheduleMs: [1000, 2000, 4000],
    seed: 42,
    ...overrides,
  });
  await emulator.start();
  return {
    emulator,
    clock,
    receiver,
    async advance(ms) {
      clock.advance(ms);
      await emulator.webhooksIdle();
    },
    async close() {
      await emulator.close();
      await receiver.close();
    },
  };
}

/** A send as the Graph layer hands it to the gate after validation. */
export function validatedSend(
  body: Record<string, unknown> & { type: ValidatedSend['type'] },
  overrides: Partial<ValidatedSend> = {},
): ValidatedSend {
  const to = typeof body.to === 'string' ? body.to : CUSTOMER.waId;
  const context = body.context as { message_id?: string } | undefined;
  const audio = body.audio as { voice?: boolean } | undefined;
  return {
    phoneNumberId: PHONE_NUMBER_ID,
    to,
    waId: to.replace(/\D/g, ''),
    type: body.type,
    body: { messaging_product: 'whatsapp', recipient_type: 'individual', to, ...body },
    replyTo: context?.message_id,
    bizOpaqueCallbackData:
      typeof body.biz_opaque_callback_data === 'string' ? body.biz_opaque_callback_data : undefined,
    voice: audio?.voice === true,
    ...overrides,
  };
}

export const text = (body: string, extra: Record<string, unknown> = {}) =>
  validatedSend({ type: 'text', text: { body }, ...extra });

export const helloWorld = (extra: Record<string, unknown> = {}) =>
  validatedSend({
    type: 'template',
    template: { name: 'hello_world', language: { code: 'en_US' } },
    ...extra,
  });
