import type { MessageType, Referral } from '@switchboard/protocol';
import type {
  InboundBatch,
  InboundChange,
  InboundMessage,
  InboundStatus,
  InboundStatusValue,
} from '../../domain/inbound-batch.js';
import { twilioProviderError } from './twilio-errors.js';
import { twilioRefOf } from './twilio-ref.js';

/** `whatsapp:+4915112345678` → `4915112345678`; null for anything else. */
export function whatsappDigits(address: string | null): string | null {
  const match = /^whatsapp:\+?(\d{4,20})$/.exec(address?.trim() ?? '');
  return match ? match[1]! : null;
}

const statusValues: Readonly<Record<string, InboundStatusValue>> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
  undelivered: 'failed',
};
/** Steps before `sent` that Twilio reports and WhatsApp has no status for. */
const preSendStatuses = new Set(['accepted', 'queued', 'sending', 'scheduled', 'receiving', 'received']);

/**
 * A Twilio webhook (form parameters) as an inbound batch (docs/providers.md, Twilio): an incoming
 * message (`MessageSid` with `Body`/`NumMedia`/`Latitude`/`ButtonPayload`…) for the business
 * number in `To`, or a status callback (`MessageStatus`) for the business number in `From`.
 * Twilio sends no time: `receivedAt` stands in. What cannot be read lands in `problems`.
 */
export function normalizeTwilioWebhook(params: URLSearchParams, receivedAt: number): InboundBatch {
  const batch: InboundBatch = { changes: [], ignored: [], problems: [] };
  const get = (name: string) => {
    const value = params.get(name);
    return value === null || value === '' ? null : value;
  };
  const sid = get('MessageSid') ?? get('SmsMessageSid');
  if (!sid) {
    batch.problems.push('the webhook has no MessageSid');
    return batch;
  }
  // An incoming message says `received` (or nothing); a status callback says where ours is.
  const status = get('MessageStatus') ?? get('SmsStatus');
  if (status !== null && status !== 'received') {
    const business = whatsappDigits(get('From'));
    const value = statusValues[status];
    if (!value) {
      if (preSendStatuses.has(status)) batch.ignored.push({ reason: `status ${status} (before sent)` });
      else batch.problems.push(`unknown MessageStatus "${status}"`);
      return batch;
    }
    if (!business) {
      batch.problems.push('a status callback without a whatsapp: From address');
      return batch;
    }
    const code = get('ErrorCode');
    const error =
      value === 'failed'
        ? twilioProviderError(
            code !== null && /^\d+$/.test(code) ? Number(code) : null,
            get('ErrorMessage'),
            400,
          )
        : null;
    const update: InboundStatus = {
      providerMessageId: sid,
      status: value,
      timestamp: receivedAt,
      recipient: { waId: whatsappDigits(get('To')), userId: null },
      error: error && {
        code: error.code,
        title: error.title,
        message: error.message,
        details: error.details,
        retryable: error.retryable,
      },
      pricing: null,
      bizOpaqueCallbackData: twilioRefOf(params),
    };
    batch.changes.push(change(business, [], [update]));
    return batch;
  }
  const business = whatsappDigits(get('To'));
  const customer = get('WaId') ?? whatsappDigits(get('From'));
  if (!business || !customer) {
    batch.problems.push('an incoming message needs whatsapp: From and To addresses');
    return batch;
  }
  const message = incomingMessage(sid, customer, get, params, batch.problems, receivedAt);
  const contact = {
    waId: customer,
    userId: null,
    parentUserId: null,
    username: null,
    profileName: get('ProfileName'),
  };
  batch.changes.push({ ...change(business, [message], []), contacts: [contact] });
  return batch;
}

function change(business: string, messages: InboundMessage[], statuses: InboundStatus[]): InboundChange {
  return {
    phoneNumberId: business,
    displayPhoneNumber: business,
    contacts: [],
    messages,
    statuses,
    errors: [],
  };
}

function incomingMessage(
  sid: string,
  customer: string,
  get: (name: string) => string | null,
  params: URLSearchParams,
  problems: string[],
  receivedAt: number,
): InboundMessage {
  const body = get('Body');
  const replied = get('OriginalRepliedMessageSid');
  const base = {
    providerMessageId: sid,
    from: { waId: customer, userId: null },
    timestamp: receivedAt,
    media: null,
    context: replied ? { providerMessageId: replied, from: null, referredProduct: null } : null,
    forwarded: params.get('Forwarded') === 'true',
    frequentlyForwarded: params.get('FrequentlyForwarded') === 'true',
    referral: referralOf(get),
    targetProviderMessageId: null,
  };
  const count = Number(get('NumMedia') ?? '0');
  if (Number.isInteger(count) && count > 0) {
    const url = get('MediaUrl0');
    const mimeType = get('MediaContentType0');
    if (count > 1)
      problems.push(`${count - 1} more media in one message were not kept (Twilio sends one for WhatsApp)`);
    if (url) {
      const type = mediaType(mimeType);
      const content: Record<string, unknown> =
        type === 'audio'
          ? { voice: mimeType === 'audio/ogg' }
          : type === 'document'
            ? { caption: body, filename: null }
            : type === 'sticker'
              ? { animated: false }
              : { caption: body };
      return {
        ...base,
        type,
        content,
        media: { providerMediaId: url, mimeType, sha256: null, filename: null, url },
      };
    }
    problems.push('NumMedia without MediaUrl0');
  }
  const latitude = Number(get('Latitude'));
  const longitude = Number(get('Longitude'));
  if (get('Latitude') !== null && Number.isFinite(latitude) && Number.isFinite(longitude)) {
    return {
      ...base,
      type: 'location',
      content: { latitude, longitude, name: get('Label'), address: get('Address'), url: null },
    };
  }
  if (get('ButtonPayload') !== null || get('ButtonText') !== null) {
    return {
      ...base,
      type: 'button',
      content: { text: get('ButtonText') ?? body, payload: get('ButtonPayload') },
    };
  }
  return { ...base, type: 'text', content: { body: body ?? '' } };
}

function mediaType(
  mimeType: string | null,
): Extract<MessageType, 'image' | 'video' | 'audio' | 'document' | 'sticker'> {
  if (mimeType === 'image/webp') return 'sticker';
  if (mimeType?.startsWith('image/')) return 'image';
  if (mimeType?.startsWith('video/')) return 'video';
  if (mimeType?.startsWith('audio/')) return 'audio';
  return 'document';
}

function referralOf(get: (name: string) => string | null): Referral | null {
  const sourceUrl = get('ReferralSourceUrl');
  const sourceId = get('ReferralSourceId');
  if (!sourceUrl && !sourceId && !get('ReferralCtwaClid')) return null;
  const mediaType = get('ReferralMediaContentType');
  const mediaUrl = get('ReferralMediaUrl');
  return {
    sourceUrl,
    sourceId,
    sourceType: get('ReferralSourceType'),
    headline: get('ReferralHeadline'),
    body: get('ReferralBody'),
    mediaType: mediaType?.split('/')[0] ?? null,
    imageUrl: mediaType?.startsWith('image/') ? mediaUrl : null,
    videoUrl: mediaType?.startsWith('video/') ? mediaUrl : null,
    thumbnailUrl: null,
    ctwaClid: get('ReferralCtwaClid'),
    welcomeMessage: null,
  };
}
