import type { WebhookContext } from '@switchboard/whatsapp';
import type { MediaStore } from '../core/media-store.js';
import type { BusinessNumber } from './business-numbers.js';
import type { Customer } from './customer-directory.js';
import type { ParsedCustomerMessage } from './customer-message-input.js';
import { EmulatorInputError } from './emulator-input-error.js';
import { storeInboundMedia } from './inbound-media.js';
import type { ThreadEntry } from './thread-item.js';

export interface InboundBuildContext {
  readonly business: BusinessNumber;
  readonly customer: Customer;
  readonly wamid: string;
  /** Unix seconds, as Meta's string timestamps. */
  readonly timestamp: string;
  readonly media: MediaStore;
  readonly mediaUrl?: (id: string) => string | undefined;
  /** Finds a message of this conversation by wamid. */
  readonly find: (wamid: string) => ThreadEntry | undefined;
}

/** The webhook message, and what it does to earlier messages of the conversation. */
export interface BuiltInboundMessage {
  readonly message: Record<string, unknown>;
  /** Reactions, edits and revokes change their target instead of appearing as messages. */
  readonly target?: { readonly entry: ThreadEntry; readonly effect: 'react' | 'edit' | 'revoke' };
  readonly replyTo?: string;
}

/**
 * Builds an inbound message exactly as the Cloud API delivers it in `value.messages[]`
 * (docs/whatsapp-cloud-api.md §3): `from`, `id`, `timestamp` (seconds, string), `type`, the body
 * under the type's key, and `context` for replies. Throws {@link EmulatorInputError} when the input
 * refers to a message that is not in the conversation.
 */
export function buildInboundMessage(
  input: ParsedCustomerMessage,
  c: InboundBuildContext,
): BuiltInboundMessage {
  const context = buildContext(input, c);
  const head = {
    ...(context && { context }),
    from: c.customer.waId,
    id: c.wamid,
    timestamp: c.timestamp,
    type: input.type,
  };
  const referral = input.referral ? { referral: input.referral } : {};
  const replyTo = context?.id;
  const withReply = (message: Record<string, unknown>): BuiltInboundMessage =>
    replyTo !== undefined ? { message, replyTo } : { message };

  switch (input.type) {
    case 'text':
      return withReply({ ...head, text: { body: input.text.body }, ...referral });
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker':
      return withReply({ ...head, [input.type]: mediaBody(input, c), ...referral });
    case 'location':
      return withReply({ ...head, location: { ...input.location } });
    case 'contacts':
      return withReply({ ...head, contacts: input.contacts });
    case 'interactive': {
      const interactive =
        input.interactive.type === 'nfm_reply'
          ? {
              type: 'nfm_reply',
              nfm_reply: {
                name: input.interactive.nfm_reply.name ?? 'flow',
                body: input.interactive.nfm_reply.body ?? 'Sent',
                response_json: jsonString(input.interactive.nfm_reply.response_json),
              },
            }
          : input.interactive;
      return withReply({ ...head, interactive });
    }
    case 'button':
      return withReply({
        ...head,
        button: { payload: input.button.payload ?? input.button.text, text: input.button.text },
      });
    case 'reaction': {
      const entry = target(c, input.reaction.message_id, 'any', 'reaction.message_id');
      const reaction = {
        message_id: input.reaction.message_id,
        ...(input.reaction.emoji !== undefined && { emoji: input.reaction.emoji }),
      };
      return { message: { ...head, reaction }, target: { entry, effect: 'react' } };
    }
    case 'edit': {
      const originalId =
        'original_message_id' in input.edit ? input.edit.original_message_id : input.edit.message_id;
      const text = 'message' in input.edit ? input.edit.message.text : input.edit.text;
      const entry = target(c, originalId, 'own', 'edit.original_message_id');
      if (entry.type !== 'text') throw new EmulatorInputError('only text messages can be edited here');
      const edit = { original_message_id: originalId, message: { type: 'text', text: { body: text.body } } };
      return { message: { ...head, edit }, target: { entry, effect: 'edit' } };
    }
    case 'revoke': {
      const originalId =
        'original_message_id' in input.revoke ? input.revoke.original_message_id : input.revoke.message_id;
      const entry = target(c, originalId, 'own', 'revoke.original_message_id');
      return {
        message: { ...head, revoke: { original_message_id: originalId } },
        target: { entry, effect: 'revoke' },
      };
    }
    case 'unsupported':
      return withReply({
        ...head,
        errors: [
          {
            code: 131051,
            title: 'Message type unknown',
            message: 'Message type unknown',
            error_data: { details: 'Message type is currently not supported.' },
          },
        ],
        ...(input.unsupported?.type !== undefined && { unsupported: { type: input.unsupported.type } }),
      });
    case 'system':
      return { message: { ...head, system: systemBody(input.system, c.customer) } };
    case 'order':
      return withReply({ ...head, order: input.order });
  }
}

function buildContext(input: ParsedCustomerMessage, c: InboundBuildContext): WebhookContext | undefined {
  const given = input.context;
  const needsReplyTarget = input.type === 'interactive';
  if (
    input.type === 'reaction' ||
    input.type === 'edit' ||
    input.type === 'revoke' ||
    input.type === 'system'
  ) {
    if (given) throw new EmulatorInputError(`a ${input.type} message carries no context`);
    return undefined;
  }
  if (!given?.message_id) {
    if (needsReplyTarget) {
      throw new EmulatorInputError(
        'an interactive reply needs context.message_id: the interactive message answered',
      );
    }
    if (!given) return undefined;
  }
  const context: WebhookContext = {};
  if (given.forwarded) context.forwarded = true;
  if (given.frequently_forwarded) context.frequently_forwarded = true;
  if (given.message_id) {
    const quoted = target(
      c,
      given.message_id,
      input.type === 'text' ? 'any' : 'business',
      'context.message_id',
    );
    // The author of the quoted message: the business's display number, or the customer.
    context.from = quoted.direction === 'out' ? c.business.displayPhoneNumber : c.customer.waId;
    context.id = given.message_id;
  }
  if (given.referred_product) context.referred_product = { ...given.referred_product };
  return context;
}

type Ownership = 'any' | 'own' | 'business';

function target(c: InboundBuildContext, wamid: string, ownership: Ownership, field: string): ThreadEntry {
  const entry = c.find(wamid);
  if (!entry || entry.waId !== c.customer.waId || entry.phoneNumberId !== c.business.phoneNumberId) {
    throw new EmulatorInputError(`${field}: ${wamid} is not a message of this conversation`);
  }
  if (ownership === 'own' && entry.direction !== 'in') {
    throw new EmulatorInputError(`${field}: a customer can only change their own messages`);
  }
  if (ownership === 'business' && entry.direction !== 'out') {
    throw new EmulatorInputError(`${field}: ${wamid} is not a message from the business`);
  }
  if (entry.revoked) throw new EmulatorInputError(`${field}: ${wamid} was deleted`);
  return entry;
}

function mediaBody(
  input: Extract<ParsedCustomerMessage, { type: 'image' | 'video' | 'audio' | 'document' | 'sticker' }>,
  c: InboundBuildContext,
): Record<string, unknown> {
  const voice = input.type === 'audio' ? (input.audio?.voice ?? false) : undefined;
  const { body, filename } = storeInboundMedia({
    store: c.media,
    phoneNumberId: c.business.phoneNumberId,
    kind: input.type,
    file: input.file,
    ...(voice !== undefined && { voice }),
    ...(c.mediaUrl && { mediaUrl: c.mediaUrl }),
  });
  // Field order follows Meta's examples (§3.2): caption/filename first, then the file fields.
  switch (input.type) {
    case 'image':
    case 'video': {
      const caption = (input.type === 'image' ? input.image : input.video)?.caption;
      return { ...(caption !== undefined && { caption }), ...body };
    }
    case 'document': {
      const caption = input.document?.caption;
      const name = input.document?.filename ?? filename ?? 'document';
      return { ...(caption !== undefined && { caption }), filename: name, ...body };
    }
    case 'audio':
      return { ...body, voice: voice ?? false };
    case 'sticker':
      return { ...body, animated: input.sticker?.animated ?? false };
  }
}

function systemBody(
  system: Extract<ParsedCustomerMessage, { type: 'system' }>['system'],
  customer: Customer,
): Record<string, unknown> {
  if (system.type === 'user_changed_number') {
    const newWaId = system.wa_id ?? system.new_wa_id;
    if (!newWaId) throw new EmulatorInputError('user_changed_number needs system.new_wa_id (the new number)');
    return {
      body: system.body ?? `User ${customer.name} changed from ${customer.waId} to ${newWaId}`,
      wa_id: newWaId,
      type: system.type,
    };
  }
  const { new_wa_id: _ignored, ...rest } = system;
  return { ...rest, ...(system.body === undefined && { body: `System message: ${system.type}` }) };
}

function jsonString(value: string | Record<string, unknown>): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
