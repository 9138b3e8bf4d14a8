import { randomBytes } from 'node:crypto';
import type {
  InboundChange,
  InboundMessage,
  InboundStatus,
  InboundStatusValue,
} from '../domain/inbound-batch.js';

export const wamid = (): string => 'wamid.' + randomBytes(12).toString('base64');

export function textMessage(
  from: string,
  body: string,
  overrides: Partial<InboundMessage> = {},
): InboundMessage {
  return {
    providerMessageId: wamid(),
    from: { waId: from, userId: null },
    timestamp: Date.now(),
    type: 'text',
    content: { body },
    media: null,
    context: null,
    forwarded: false,
    frequentlyForwarded: false,
    referral: null,
    targetProviderMessageId: null,
    ...overrides,
  };
}

export function statusUpdate(
  providerMessageId: string,
  status: InboundStatusValue,
  timestamp = Date.now(),
  overrides: Partial<InboundStatus> = {},
): InboundStatus {
  return {
    providerMessageId,
    status,
    timestamp,
    recipient: { waId: '4915112345678', userId: null },
    error:
      status === 'failed'
        ? {
            code: 131047,
            title: 'Re-engagement message',
            message: 'Re-engagement message',
            details: null,
            retryable: false,
          }
        : null,
    pricing: null,
    bizOpaqueCallbackData: null,
    ...overrides,
  };
}

export function change(parts: Partial<InboundChange> & { phoneNumberId: string }): InboundChange {
  return { displayPhoneNumber: null, contacts: [], messages: [], statuses: [], errors: [], ...parts };
}
