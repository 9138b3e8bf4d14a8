import type { MessageError } from '@switchboard/protocol';
import { z } from 'zod';
import type {
  InboundBatch,
  InboundChange,
  InboundMessage,
  InboundStatus,
} from '../../domain/inbound-batch.js';

/**
 * What a custom provider's `receive.messages` and `receive.statuses` expressions must produce:
 * plain objects in the provider-neutral shape of docs/custom-providers.md, one per message or
 * status. They are validated here, item by item: a wrong item is a problem of that webhook, the
 * items beside it still count.
 */
const text = (max: number) => z.string().max(max);
const optionalText = (max: number) => text(max).nullish();
/** `+49 151 …`, `whatsapp:+49151…`, `49151…` → digits. */
const number = z
  .union([z.string(), z.number()])
  .transform((value) =>
    String(value)
      .replace(/^whatsapp:/, '')
      .replace(/[\s+()-]/g, ''),
  )
  .pipe(z.string().regex(/^\d{4,20}$/, 'a phone number (4 to 20 digits)'));
const providerId = z.union([text(512).min(1), z.number().transform(String)]);
/** Epoch seconds, epoch milliseconds (13 digits) or an ISO 8601 string. */
const timestamp = z.union([z.number().nonnegative(), z.string().min(1).max(40)]).nullish();

const mediaItem = z.object({
  url: text(4096)
    .url()
    .refine((u) => /^https?:\/\//i.test(u), 'an http(s) URL'),
  mimeType: optionalText(255),
  filename: optionalText(1024),
  sha256: optionalText(128),
  /** The provider's own id of the file: accepted, not needed (the URL is what is fetched). */
  id: optionalText(512),
});

export const customMessageItemSchema = z.object({
  id: providerId,
  from: number,
  to: number,
  timestamp,
  type: z
    .enum(['text', 'image', 'video', 'audio', 'document', 'sticker', 'location', 'reaction', 'button'])
    .nullish(),
  text: optionalText(65_536),
  caption: optionalText(4096),
  media: mediaItem.nullish(),
  location: z
    .object({
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
      name: optionalText(1024),
      address: optionalText(1024),
    })
    .nullish(),
  reaction: z.object({ emoji: optionalText(64), messageId: providerId }).nullish(),
  button: z.object({ text: optionalText(1024), payload: optionalText(4096) }).nullish(),
  replyTo: providerId.nullish(),
  profileName: optionalText(1024),
  forwarded: z.boolean().nullish(),
});
export type CustomMessageItem = z.infer<typeof customMessageItemSchema>;

export const customStatusItemSchema = z.object({
  /** The id the message is known by now. */
  id: providerId,
  /** An id the message was known by before (the provider's own, when `id` is WhatsApp's). */
  previousId: providerId.nullish(),
  status: z.enum(['sent', 'delivered', 'read', 'failed']),
  /** The business number the status is for. */
  from: number,
  to: number.nullish(),
  timestamp,
  error: z
    .object({
      code: z.union([z.number(), text(64)]),
      message: optionalText(2048),
      retryable: z.boolean().nullish(),
    })
    .nullish(),
  /** Our message id (`msg_…`), when the provider echoes the reference we sent. */
  reference: optionalText(64),
});
export type CustomStatusItem = z.infer<typeof customStatusItemSchema>;

/** The batch for what the expressions produced; `receivedAt` stands in for missing times. */
export function customItemsToBatch(
  messageItems: unknown,
  statusItems: unknown,
  receivedAt: number,
): InboundBatch {
  const batch: InboundBatch = { changes: [], ignored: [], problems: [] };
  const changes = new Map<string, InboundChange>();
  const changeFor = (business: string): InboundChange => {
    let change = changes.get(business);
    if (!change) {
      change = {
        phoneNumberId: business,
        displayPhoneNumber: business,
        contacts: [],
        messages: [],
        statuses: [],
        errors: [],
      };
      changes.set(business, change);
    }
    return change;
  };
  asList(messageItems).forEach((raw, i) => {
    const parsed = customMessageItemSchema.safeParse(raw);
    if (!parsed.success) {
      batch.problems.push(`messages[${i}]: ${describe(parsed.error)}`);
      return;
    }
    const item = parsed.data;
    const change = changeFor(item.to);
    change.messages.push(toMessage(item, receivedAt));
    if (!change.contacts.some((c) => c.waId === item.from)) {
      change.contacts.push({
        waId: item.from,
        userId: null,
        parentUserId: null,
        username: null,
        profileName: item.profileName ?? null,
      });
    }
  });
  asList(statusItems).forEach((raw, i) => {
    const parsed = customStatusItemSchema.safeParse(raw);
    if (!parsed.success) {
      batch.problems.push(`statuses[${i}]: ${describe(parsed.error)}`);
      return;
    }
    changeFor(parsed.data.from).statuses.push(toStatus(parsed.data, receivedAt));
  });
  batch.changes.push(...changes.values());
  if (batch.changes.length === 0 && batch.problems.length === 0) {
    batch.ignored.push({ reason: 'the expressions found no messages or statuses in this webhook' });
  }
  return batch;
}

function toMessage(item: CustomMessageItem, receivedAt: number): InboundMessage {
  const base = {
    providerMessageId: item.id,
    from: { waId: item.from, userId: null },
    timestamp: epochMs(item.timestamp, receivedAt),
    media: null,
    context: item.replyTo ? { providerMessageId: item.replyTo, from: null, referredProduct: null } : null,
    forwarded: item.forwarded ?? false,
    frequentlyForwarded: false,
    referral: null,
    targetProviderMessageId: null,
  };
  const type = item.type ?? inferType(item);
  if (type === 'reaction' && item.reaction) {
    const emoji = item.reaction.emoji ?? '';
    return {
      ...base,
      type,
      content: { emoji: emoji === '' ? null : emoji },
      targetProviderMessageId: item.reaction.messageId,
    };
  }
  if (type === 'location' && item.location) {
    const { latitude, longitude } = item.location;
    const content = {
      latitude,
      longitude,
      name: item.location.name ?? null,
      address: item.location.address ?? null,
      url: null,
    };
    return { ...base, type, content };
  }
  if (type === 'button') {
    return {
      ...base,
      type,
      content: { text: item.button?.text ?? item.text ?? null, payload: item.button?.payload ?? null },
    };
  }
  if (type !== 'text' && item.media) {
    const caption = item.caption ?? item.text ?? null;
    const content: Record<string, unknown> =
      type === 'audio'
        ? { voice: item.media.mimeType === 'audio/ogg' }
        : type === 'sticker'
          ? { animated: false }
          : type === 'document'
            ? { caption, filename: item.media.filename ?? null }
            : { caption };
    return {
      ...base,
      type,
      content,
      media: {
        // The URL is what the download fetches (the provider's own media id is not addressable).
        providerMediaId: item.media.url,
        mimeType: item.media.mimeType ?? null,
        sha256: item.media.sha256 ?? null,
        filename: item.media.filename ?? null,
        url: item.media.url,
      },
    };
  }
  return { ...base, type: 'text', content: { body: item.text ?? item.caption ?? '' } };
}

function toStatus(item: CustomStatusItem, receivedAt: number): InboundStatus {
  const error: MessageError | null =
    item.status === 'failed'
      ? {
          code: item.error?.code ?? 'failed',
          title: item.error?.message ?? 'The provider reported the message as failed',
          message: item.error?.message ?? 'The provider reported the message as failed',
          details: null,
          retryable: item.error?.retryable ?? false,
        }
      : null;
  return {
    providerMessageId: item.id,
    previousProviderMessageId: item.previousId && item.previousId !== item.id ? item.previousId : null,
    status: item.status,
    timestamp: epochMs(item.timestamp, receivedAt),
    recipient: { waId: item.to ?? null, userId: null },
    error,
    pricing: null,
    bizOpaqueCallbackData: item.reference ?? null,
  };
}

function inferType(item: CustomMessageItem): NonNullable<CustomMessageItem['type']> {
  if (item.reaction) return 'reaction';
  if (item.location) return 'location';
  if (item.button) return 'button';
  const mime = item.media?.mimeType ?? null;
  if (!item.media) return 'text';
  if (mime === 'image/webp') return 'sticker';
  if (mime?.startsWith('image/')) return 'image';
  if (mime?.startsWith('video/')) return 'video';
  if (mime?.startsWith('audio/')) return 'audio';
  return 'document';
}

function epochMs(value: number | string | null | undefined, fallback: number): number {
  if (value === null || value === undefined) return fallback;
  const numeric = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(numeric) || numeric < 0) return fallback;
  return Math.round(numeric > 1e12 ? numeric : numeric * 1000);
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(item)'}: ${issue.message}`)
    .join('; ');
}
