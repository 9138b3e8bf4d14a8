import type { Message, SendMessageBody } from '@switchboard/protocol';
import { AppError } from '../../errors/app-error.js';
import type { Store } from '../../store/store.js';
import { checkTemplateSend, type TemplateSendObject } from '../../templates/check-template-send.js';

/**
 * Where a send goes: an existing conversation, or (`id` null) the one a send to a new number will
 * create, which has no window open and no message to quote yet.
 */
export interface SendTarget {
  id: string | null;
  channelId: string;
  windowExpiresAt: string | null;
}

/**
 * Checks a send can be queued now, before anything is stored: the 24-hour window for free-form
 * messages, a template against its synced definition (where the channel's provider lists its
 * templates: `withTemplates`), and that quoted and reacted-to messages belong to the same
 * conversation.
 */
export async function checkSendable(
  store: Store,
  conversation: SendTarget,
  body: SendMessageBody,
  now: number,
  withTemplates = true,
): Promise<void> {
  if (body.type !== 'template') checkWindow(conversation, now);
  else if (withTemplates) await checkTemplate(store, conversation, body.template);
  if ('replyTo' in body && body.replyTo)
    await messageInConversation(store, conversation, body.replyTo, 'replyTo');
  if (body.type === 'reaction') {
    const target = await messageInConversation(
      store,
      conversation,
      body.reaction.messageId,
      'reaction.messageId',
    );
    if (target.type === 'reaction') {
      throw new AppError('validation_failed', 'reaction.messageId names a reaction; react to a message.');
    }
  }
}

// A template send must fit the synced definition: WhatsApp would otherwise accept it and fail it
// later (132000-range errors), after the agent has moved on.
async function checkTemplate(
  store: Store,
  conversation: SendTarget,
  template: TemplateSendObject,
): Promise<void> {
  const ref = { name: template.name, language: template.language.code };
  const definition = await store.findTemplate(conversation.channelId, ref.name, ref.language);
  const problems = checkTemplateSend(definition, template, ref);
  if (problems.length === 0) return;
  throw new AppError(
    'validation_failed',
    `Template ${ref.name} (${ref.language}) does not fit the synced template: ${problems.join('; ')}`,
    { problems },
  );
}

function checkWindow(conversation: SendTarget, now: number): void {
  const expiresAt = conversation.windowExpiresAt;
  if (expiresAt !== null && Date.parse(expiresAt) > now) return;
  const message =
    expiresAt === null
      ? 'The customer has not written yet, so no 24-hour window is open: send an approved template.'
      : `The 24-hour customer service window closed at ${expiresAt}: send an approved template, or wait for the customer to write.`;
  throw new AppError('window_closed', message, { windowExpiresAt: expiresAt, allowed: ['template'] });
}

/** The message `id` if it belongs to `conversation`; else a 400 naming `field`. */
export async function messageInConversation(
  store: Store,
  conversation: SendTarget,
  id: string,
  field: string,
): Promise<Message> {
  const message = await store.getMessage(id);
  if (!message || message.conversationId !== conversation.id) {
    const where = conversation.id === null ? 'a new conversation' : `conversation ${conversation.id}`;
    throw new AppError('validation_failed', `${field}: no message ${id} in ${where}.`);
  }
  return message;
}
