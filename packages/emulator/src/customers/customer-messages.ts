import type { WebhookContact, WebhookMessage, WebhookValue } from '@switchboard/whatsapp';
import type { Clock } from '../core/clock.js';
import type { MediaStore } from '../core/media-store.js';
import type { CustomerServiceWindows } from '../rules/customer-service-window.js';
import type { WebhookSink } from '../webhooks/webhook-event.js';
import { buildInboundMessage } from './build-inbound-message.js';
import { unixSeconds } from './build-status.js';
import type { BusinessNumber } from './business-numbers.js';
import type { ChangeFeed } from './change-feed.js';
import { isWellFormedWaId, type Customer, type CustomerDirectory } from './customer-directory.js';
import { customerMessageInputSchema } from './customer-message-input.js';
import { EmulatorInputError } from './emulator-input-error.js';
import { messagePreview } from './message-preview.js';
import { applyReaction, type ThreadEntry } from './thread-item.js';
import type { ThreadStore } from './thread-store.js';
import { newWamid } from './wamid.js';

export interface CustomerMessagesOptions {
  readonly clock: Clock;
  readonly businessNumber: (phoneNumberId: string | undefined) => BusinessNumber;
  readonly customers: CustomerDirectory;
  readonly threads: ThreadStore;
  readonly windows: CustomerServiceWindows;
  readonly media: MediaStore;
  readonly mediaUrl?: (id: string) => string | undefined;
  readonly sink: WebhookSink;
  readonly feed: ChangeFeed;
  /** Whether `contacts[]` carries `user_id` (the BSUID, sent by Meta since 2026). */
  readonly bsuid: boolean;
}

/** What a customer's message produced: its wamid and the webhook delivery carrying it. */
export interface CustomerMessageResult {
  readonly id: string;
  readonly webhookId: string;
}

/**
 * A simulated customer writes to a business: the message is recorded in the thread, opens or
 * refreshes the customer service window, and goes to the app as a signed `messages` webhook with
 * the sender in `contacts` (none for system messages, as Meta sends them).
 */
export class CustomerMessages {
  constructor(private readonly o: CustomerMessagesOptions) {}

  /** `input` is validated here (a `CustomerMessageInput` from typed callers, JSON from HTTP). */
  send(waId: string, input: unknown): CustomerMessageResult {
    const parsed = customerMessageInputSchema.safeParse(input);
    if (!parsed.success) throw new EmulatorInputError(parsed.error.issues.map(describeIssue).join('; '));
    const message = parsed.data;
    const business = this.o.businessNumber(message.phoneNumberId);
    const customer = this.#customer(waId);
    const now = this.o.clock.now();
    const wamid = newWamid(customer.waId, 'in');
    const built = buildInboundMessage(message, {
      business,
      customer,
      wamid,
      timestamp: unixSeconds(now),
      media: this.o.media,
      ...(this.o.mediaUrl && { mediaUrl: this.o.mediaUrl }),
      find: (id) => this.o.threads.find(id),
    });
    const entry: ThreadEntry = {
      id: wamid,
      phoneNumberId: business.phoneNumberId,
      waId: customer.waId,
      direction: 'in',
      type: message.type,
      timestamp: now,
      preview: messagePreview(built.message),
      message: built.message,
      readByBusiness: false,
      ...(built.replyTo !== undefined && { replyTo: built.replyTo }),
      reactions: [],
      edited: false,
      revoked: false,
    };
    this.o.threads.add(entry, built.target === undefined);
    if (built.target) applyEffect(built.target.entry, built.target.effect, built.message);
    // Any message the user sends opens the window; system notices are not the user writing.
    if (message.type !== 'system') {
      this.o.windows.refresh(business.phoneNumberId, customer.waId, {
        fromAd: message.referral !== undefined,
      });
    }
    const value: WebhookValue = {
      messaging_product: 'whatsapp',
      metadata: {
        display_phone_number: business.displayPhoneNumber,
        phone_number_id: business.phoneNumberId,
      },
      ...(message.type !== 'system' && { contacts: [this.#contact(customer)] }),
      messages: [built.message as unknown as WebhookMessage],
    };
    const webhookId = this.o.sink.emit({ wabaId: business.wabaId, value });
    this.o.feed.thread(business.phoneNumberId, customer.waId);
    return { id: wamid, webhookId };
  }

  #customer(waId: string): Customer {
    const known = this.o.customers.get(waId);
    if (known) return known;
    // Anyone on WhatsApp can write to a business, configured or not.
    if (!isWellFormedWaId(waId))
      throw new EmulatorInputError(`"${waId}" is not a wa_id (digits with country code)`);
    return this.o.customers.upsert({ waId, name: `Customer ${waId.slice(-4)}` });
  }

  #contact(customer: Customer): WebhookContact {
    return {
      profile: { name: customer.name },
      wa_id: customer.waId,
      ...(this.o.bsuid && { user_id: customer.userId }),
    };
  }
}

function applyEffect(
  target: ThreadEntry,
  effect: 'react' | 'edit' | 'revoke',
  message: Record<string, unknown>,
): void {
  if (effect === 'react') {
    const emoji = (message.reaction as { emoji?: string }).emoji;
    applyReaction(target, 'customer', emoji);
  } else if (effect === 'edit') {
    const edited = (message.edit as { message: Record<string, unknown> }).message;
    target.preview = messagePreview(edited);
    target.edited = true;
  } else {
    target.revoked = true;
    target.preview = '🚫 This message was deleted';
  }
}

function describeIssue(issue: { path: PropertyKey[]; message: string }): string {
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
