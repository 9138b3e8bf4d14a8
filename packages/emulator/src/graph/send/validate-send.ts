import { BIZ_OPAQUE_CALLBACK_DATA_MAX_LENGTH } from '@switchboard/whatsapp';
import { GraphError } from '../../core/graph-error.js';
import type { SendType, ValidatedSend } from '../../core/outbound-gate.js';
import { checkContactsMessage } from './contacts-message.js';
import { checkInteractiveMessage } from './interactive-message.js';
import { checkLocationMessage } from './location-message.js';
import { checkMediaMessage } from './media-message.js';
import { wrongType, Params } from './params.js';
import { checkReactionMessage } from './reaction-message.js';
import { recipientWaId } from './recipient.js';
import type { SendContext } from './send-context.js';
import { checkTemplateMessage } from './template-message.js';
import { checkTextMessage } from './text-message.js';

/** Checks the type's own object; `contacts` is an array and so gets the whole message. */
const TYPE_CHECKS: Readonly<Record<SendType, (message: Params, ctx: SendContext) => void>> = {
  text: (m) => checkTextMessage(m.object('text')),
  image: (m, ctx) => checkMediaMessage('image', m.object('image'), ctx),
  audio: (m, ctx) => checkMediaMessage('audio', m.object('audio'), ctx),
  video: (m, ctx) => checkMediaMessage('video', m.object('video'), ctx),
  document: (m, ctx) => checkMediaMessage('document', m.object('document'), ctx),
  sticker: (m, ctx) => checkMediaMessage('sticker', m.object('sticker'), ctx),
  location: (m) => checkLocationMessage(m.object('location')),
  contacts: (m) => checkContactsMessage(m),
  interactive: (m, ctx) => checkInteractiveMessage(m.object('interactive'), ctx),
  template: (m, ctx) => checkTemplateMessage(m.object('template'), ctx),
  reaction: (m) => checkReactionMessage(m.object('reaction')),
};

const isSendType = (type: string): type is SendType => Object.hasOwn(TYPE_CHECKS, type);

/**
 * Validates a send request (`POST /{phone-number-id}/messages`) the way the Cloud API does and
 * returns what the outbound gate needs; throws the GraphError Meta would answer. `type` defaults
 * to `text` when absent, as in Meta's own "text with preview URL" example. Keys beyond the
 * envelope and the type's own object are refused with 100, which catches a gateway sending, say,
 * an `image` object with `type: "text"`.
 */
export function validateSend(body: unknown, ctx: SendContext): ValidatedSend {
  const message = Params.of(body, '');
  const product = message.string('messaging_product');
  if (product !== 'whatsapp') throw wrongType('messaging_product', `"whatsapp"; got "${product}"`);
  if (message.has('recipient_type')) {
    const recipientType = message.enumValue('recipient_type', ['individual', 'group']);
    if (recipientType === 'group') {
      throw new GraphError(
        131009,
        'Param recipient_type "group" is not supported: the emulator has no groups.',
      );
    }
  }
  const to = message.string('to');
  const waId = recipientWaId(to);
  if (waId === ctx.displayPhoneNumber.replace(/\D/g, '')) {
    throw new GraphError(131021, `Recipient ${to} is the sending business number itself.`);
  }
  const type = message.optionalString('type') ?? 'text';
  if (!isSendType(type)) throw new GraphError(131051, `Message type "${type}" is not supported for sending.`);
  message.allowOnly([
    'messaging_product',
    'recipient_type',
    'to',
    'type',
    'context',
    'biz_opaque_callback_data',
    type,
  ]);
  const replyTo = message.optionalObject('context')?.allowOnly(['message_id']).string('message_id');
  const bizOpaqueCallbackData = message.optionalString('biz_opaque_callback_data', {
    max: BIZ_OPAQUE_CALLBACK_DATA_MAX_LENGTH,
    limitCode: 100,
  });
  TYPE_CHECKS[type](message, ctx);
  return {
    phoneNumberId: ctx.phoneNumberId,
    to,
    waId,
    type,
    body: message.raw,
    replyTo,
    bizOpaqueCallbackData,
    voice: type === 'audio' && message.object('audio').raw.voice === true,
  };
}
