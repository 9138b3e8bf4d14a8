import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInboundBatch } from '../../domain/inbound-batch-schema.js';
import type { InboundMessage, InboundStatus } from '../../domain/inbound-batch.js';
import { MediaTooLargeError, type Provider, type SendOutcome } from '../provider.js';
import type { ProviderWebhooks, WebhookRequest } from '../provider-webhooks.js';

/** What one adapter's contract run needs: the adapter, its provider (real, emulated or fake), probes. */
export interface ProviderContractSubject {
  provider: Provider;
  webhooks: ProviderWebhooks;
  /** What `webhooks.verify` checks the provider's webhooks with. */
  secrets: readonly string[];
  /**
   * Whether the proof covers the body (an HMAC of it: Meta, Twilio) or only comes with it (a
   * shared token in a header, over TLS: 360dialog), in which case a changed body still verifies.
   */
  signsBody: boolean;
  /** The business number the provider's webhooks name. */
  phoneNumberId: string;
  /** A fresh customer number per call, so that one test's limits never touch another's. */
  newCustomer(): string;
  /** The customer writes; resolves with the webhook the provider delivered for it. */
  customerWrites(waId: string, text: string): Promise<WebhookRequest>;
  /** The customer sends a picture; resolves with the webhook. */
  customerSendsImage(waId: string, image: { bytes: Buffer; mimeType: string }): Promise<WebhookRequest>;
  /** What the provider received from us for this customer, oldest first, in plain terms. */
  sentTo(waId: string): Promise<SentProbe[]>;
  /** The provider's status webhook for one of our messages, once it reports `status`. */
  statusWebhook(
    providerMessageId: string,
    status: 'sent' | 'delivered' | 'read' | 'failed',
  ): Promise<WebhookRequest>;
  /** A number the provider cannot deliver to. */
  undeliverable: string;
  /** Whether the provider has templates to list. */
  templates: boolean;
  /** Whether the provider's API can send a reply that quotes a message (Twilio's cannot). */
  quotesReplies: boolean;
  close(): Promise<void>;
}

export interface SentProbe {
  providerMessageId: string;
  type: string;
  text: string | null;
  /** The provider id of the message it quotes. */
  quoted: string | null;
}

/** A small but real PNG (1×1), what the media tests send and receive. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function normalized(subject: ProviderContractSubject, request: WebhookRequest) {
  expect(subject.webhooks.verify(request, subject.secrets)).toBe(true);
  // The one schema every adapter's output matches (checkInboundBatch throws otherwise).
  return checkInboundBatch(await subject.webhooks.normalize(request.body, Date.now()));
}

async function onlyMessage(
  subject: ProviderContractSubject,
  request: WebhookRequest,
): Promise<InboundMessage> {
  const batch = await normalized(subject, request);
  const messages = batch.changes.flatMap((c) => c.messages);
  expect(messages).toHaveLength(1);
  expect(batch.changes[0]!.phoneNumberId).toBe(subject.phoneNumberId);
  return messages[0]!;
}

async function statusesOf(
  subject: ProviderContractSubject,
  request: WebhookRequest,
): Promise<InboundStatus[]> {
  return (await normalized(subject, request)).changes.flatMap((c) => c.statuses);
}

/** Whether a status is about the message the send answer named (a provider may have re-named it since). */
function names(status: InboundStatus, providerMessageId: string): boolean {
  return (
    status.providerMessageId === providerMessageId || status.previousProviderMessageId === providerMessageId
  );
}

function accepted(outcome: SendOutcome): string {
  if (outcome.kind !== 'accepted') throw new Error(`expected accepted, got ${JSON.stringify(outcome)}`);
  expect(outcome.providerMessageId).not.toBe('');
  return outcome.providerMessageId;
}

const sameDigest = (announced: string, bytes: Buffer) => {
  const digest = createHash('sha256').update(bytes);
  const hex = digest.copy().digest('hex');
  return announced.toLowerCase() === hex || announced === digest.digest('base64');
};

/**
 * The contract every provider adapter passes (docs/providers.md), against its provider: the real
 * API's emulator, or a fake that checks the provider's exact wire format. `make` starts it.
 */
export function describeProviderContract(name: string, make: () => Promise<ProviderContractSubject>): void {
  describe(`the ${name} provider adapter (contract)`, () => {
    let s: ProviderContractSubject;
    beforeAll(async () => {
      s = await make();
    }, 60_000);
    afterAll(() => s?.close());

    const text = (to: string, body: string, replyTo: string | null = null) =>
      s.provider.send({
        to,
        body: { type: 'text', text: { body } },
        messageId: `msg_contract_${Math.random().toString(36).slice(2)}`,
        replyToProviderMessageId: replyTo,
        reactionTargetProviderMessageId: null,
        providerMediaId: null,
      });

    it('verifies a customer message webhook and normalizes it to one message from that customer', async () => {
      const waId = s.newCustomer();
      const message = await onlyMessage(s, await s.customerWrites(waId, 'Guten Tag, Frau Weber hier'));
      expect(message).toMatchObject({ type: 'text', content: { body: 'Guten Tag, Frau Weber hier' } });
      expect(message.from.waId).toBe(waId);
      expect(message.providerMessageId).not.toBe('');
    });

    it('refuses a webhook whose proof is missing or belongs to another secret, and a changed body where the proof covers it', async () => {
      const request = await s.customerWrites(s.newCustomer(), 'Is this signed?');
      expect(s.webhooks.verify(request, s.secrets)).toBe(true);
      const tampered = Buffer.from(request.body);
      tampered[tampered.length - 2] = tampered[tampered.length - 2]! ^ 1;
      expect(s.webhooks.verify({ ...request, body: tampered }, s.secrets)).toBe(!s.signsBody);
      const bare = Object.fromEntries(
        Object.entries(request.headers).filter(([k]) => !/signature|token|auth/i.test(k)),
      );
      expect(s.webhooks.verify({ ...request, headers: bare }, s.secrets)).toBe(false);
      expect(s.webhooks.verify(request, ['another-secret-entirely'])).toBe(false);
      expect(s.webhooks.verify(request, [])).toBe(false);
    });

    it('sends a text that reaches the customer as text, and reports its statuses in order', async () => {
      const waId = s.newCustomer();
      await s.customerWrites(waId, 'Hello?');
      const id = accepted(await text(waId, 'Your documents are complete.'));
      const sent = await s.sentTo(waId);
      expect(sent.at(-1)).toMatchObject({
        providerMessageId: id,
        type: 'text',
        text: 'Your documents are complete.',
      });
      // Each status is reported for our message, at times in the order of their rank.
      const times: number[] = [];
      for (const status of ['sent', 'delivered', 'read'] as const) {
        const statuses = (await statusesOf(s, await s.statusWebhook(id, status))).filter((x) => names(x, id));
        const reported = statuses.find((x) => x.status === status);
        expect(reported).toBeDefined();
        expect(reported!.recipient.waId === null || reported!.recipient.waId === waId).toBe(true);
        times.push(reported!.timestamp);
      }
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    });

    it('sends a reply that quotes the customer message (or, where the API cannot quote, the reply alone)', async () => {
      const waId = s.newCustomer();
      const question = await onlyMessage(s, await s.customerWrites(waId, 'Which documents?'));
      const id = accepted(await text(waId, 'Two payslips.', question.providerMessageId));
      const sent = (await s.sentTo(waId)).find((m) => m.providerMessageId === id);
      expect(sent?.text).toBe('Two payslips.');
      expect(sent?.quoted).toBe(s.quotesReplies ? question.providerMessageId : null);
    });

    it('sends one of our images (uploaded, or linked) that reaches the customer as an image', async () => {
      const waId = s.newCustomer();
      await s.customerWrites(waId, 'Send me the form, please');
      const { id: mediaId } = await s.provider.uploadMedia({
        mediaId: 'med_contract_form',
        mimeType: 'image/png',
        filename: 'form.png',
        bytes: png,
      });
      expect(mediaId).not.toBe('');
      const id = accepted(
        await s.provider.send({
          to: waId,
          body: { type: 'image', media: { id: 'med_contract_form', caption: 'The form' } },
          messageId: 'msg_contract_image',
          replyToProviderMessageId: null,
          reactionTargetProviderMessageId: null,
          providerMediaId: mediaId,
        }),
      );
      expect((await s.sentTo(waId)).find((m) => m.providerMessageId === id)?.type).toBe('image');
    });

    it("fetches a customer's picture with its bytes intact, and refuses one over the size limit", async () => {
      const waId = s.newCustomer();
      const message = await onlyMessage(
        s,
        await s.customerSendsImage(waId, { bytes: png, mimeType: 'image/png' }),
      );
      expect(message.type).toBe('image');
      expect(message.media).not.toBeNull();
      const ref = { providerMediaId: message.media!.providerMediaId, url: message.media!.url };
      const fetched = await s.provider.fetchMedia(ref, { maxBytes: 1024 * 1024 });
      expect(fetched.bytes.equals(png)).toBe(true);
      for (const digest of [fetched.sha256, message.media!.sha256]) {
        if (digest) expect(sameDigest(digest, png)).toBe(true);
      }
      await expect(s.provider.fetchMedia(ref, { maxBytes: 10 })).rejects.toBeInstanceOf(MediaTooLargeError);
    });

    it('marks a customer message read and shows typing in answer to it', async () => {
      const waId = s.newCustomer();
      const message = await onlyMessage(s, await s.customerWrites(waId, 'Are you there?'));
      await expect(s.provider.markRead(message.providerMessageId)).resolves.toBeUndefined();
      await expect(s.provider.sendTyping(message.providerMessageId)).resolves.toBeUndefined();
    });

    it('lands a send to a number that cannot receive WhatsApp as a failure with its class', async () => {
      const outcome = await text(s.undeliverable, 'Anyone there?');
      if (outcome.kind === 'rejected') {
        expect(outcome.error.kind).toBe('undeliverable');
        expect(outcome.error.retryable).toBe(false);
        return;
      }
      // Providers that accept first report the failure by status, with their code.
      const id = accepted(outcome);
      const failed = (await statusesOf(s, await s.statusWebhook(id, 'failed'))).find((x) => names(x, id));
      expect(failed?.status).toBe('failed');
      expect(failed?.error?.code).toBeDefined();
      expect(failed?.error?.retryable).toBe(false);
    });

    it('lists its templates when it has them, in our fields', async () => {
      if (!s.templates) {
        expect('listTemplates' in s.provider && s.provider.listTemplates !== undefined).toBe(false);
        return;
      }
      const templates = await s.provider.listTemplates!();
      expect(templates.length).toBeGreaterThan(0);
      for (const t of templates) {
        expect(t.name).not.toBe('');
        expect(t.language).not.toBe('');
        expect(t.status).toBe(t.status.toUpperCase());
        expect(Array.isArray(t.components)).toBe(true);
      }
    });
  });
}
