import { createHash } from 'node:crypto';
import type { CustomerMessageInput } from '@switchboard/emulator';
import type { Message } from '@switchboard/protocol';
import { expect } from 'vitest';
import { appointmentTemplate, business, type OutboundSpec } from './server-with-emulator.js';

// Every inbound message type a customer can send through the emulator (its customer message input
// schema), and what the server's API must show for it (docs/inbound-types.md).
export const customer = { waId: '4915112345678', name: 'Jürgen Groß' };

/** The business messages the customer's interactive and template replies answer. */
export const businessMessages = {
  buttons: {
    type: 'interactive',
    content: { type: 'button', body: 'Is your net income above 4,000 €?' },
    send: {
      interactive: {
        type: 'button',
        body: { text: 'Is your net income above 4,000 €?' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'income-yes', title: 'Yes' } },
            { type: 'reply', reply: { id: 'income-no', title: 'No' } },
          ],
        },
      },
    },
  },
  list: {
    type: 'interactive',
    content: { type: 'list', body: 'When may we call you?' },
    send: {
      interactive: {
        type: 'list',
        body: { text: 'When may we call you?' },
        action: {
          button: 'Choose a time',
          sections: [
            {
              title: 'Tomorrow',
              rows: [
                { id: 'slot-am', title: 'Morning', description: '9:00–12:00' },
                { id: 'slot-pm', title: 'Afternoon' },
              ],
            },
          ],
        },
      },
    },
  },
  flow: {
    type: 'interactive',
    content: { type: 'flow', body: 'Tell us about your income' },
    send: {
      interactive: {
        type: 'flow',
        body: { text: 'Tell us about your income' },
        action: {
          name: 'flow',
          parameters: {
            flow_message_version: '3',
            flow_token: 'income-flow-1',
            flow_id: '1234567890',
            flow_cta: 'Open form',
            flow_action: 'navigate',
            flow_action_payload: { screen: 'INCOME' },
          },
        },
      },
    },
  },
  template: {
    type: 'template',
    content: { name: appointmentTemplate.name, language: appointmentTemplate.language },
    send: {
      template: {
        name: appointmentTemplate.name,
        language: { code: appointmentTemplate.language },
        components: [
          { type: 'body', parameters: [{ type: 'text', text: '10:00' }] },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '0',
            parameters: [{ type: 'payload', payload: 'CONFIRM' }],
          },
        ],
      },
    },
  },
} satisfies Record<string, OutboundSpec>;

export type Sent = { message: Message; wamid: string };
export interface Context {
  /** The customer's first message, which opened the window. */
  first: Message;
  sent: Record<keyof typeof businessMessages, Sent>;
}

/** A reply to one of our messages: resolved to our id, with the quoted wamid and its author. */
const replyTo = (target: Sent) => ({
  replyTo: target.message.id,
  context: { providerMessageId: target.wamid, from: business.displayPhoneNumber, referredProduct: null },
});

const jpegBytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('e2e payslip scan')]);
export const base64Sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64');
const sameDigest = (bytes: Buffer) => {
  const digest = createHash('sha256').update(bytes).digest();
  const either = [digest.toString('base64'), digest.toString('hex')].map((d) => d.replace(/[+/=]/g, '\\$&'));
  return expect.stringMatching(new RegExp(`^(${either.join('|')})$`));
};

/** Each inbound type as a customer sends it through the emulator, and what the API must show. */
export const cases: {
  name: string;
  input: (ctx: Context) => CustomerMessageInput;
  expected: (ctx: Context) => Record<string, unknown>;
}[] = [
  {
    name: 'text (non-ASCII, signed over the escaped bytes)',
    input: () => ({ type: 'text', text: { body: 'Grüße 😀 — ist mein Kredit genehmigt?' } }),
    expected: () => ({ type: 'text', content: { body: 'Grüße 😀 — ist mein Kredit genehmigt?' } }),
  },
  {
    name: 'text quoting an earlier message of the customer',
    input: (ctx) => ({
      type: 'text',
      text: { body: 'see above' },
      context: { message_id: ctx.first.providerMessageId! },
    }),
    expected: (ctx) => ({
      type: 'text',
      content: { body: 'see above' },
      replyTo: ctx.first.id,
      context: { providerMessageId: ctx.first.providerMessageId, from: customer.waId, referredProduct: null },
    }),
  },
  {
    name: 'frequently forwarded text',
    input: () => ({ type: 'text', text: { body: 'fwd: rates' }, context: { frequently_forwarded: true } }),
    expected: () => ({ type: 'text', forwarded: true, frequentlyForwarded: true }),
  },
  {
    name: 'text from a Click-to-WhatsApp ad',
    input: () => ({
      type: 'text',
      text: { body: 'I saw your ad' },
      referral: {
        source_url: 'https://fb.me/loan',
        source_id: 'ad-1',
        source_type: 'ad',
        headline: 'Kredit ab 3,9 %',
        ctwa_clid: 'clid-1',
      },
    }),
    expected: () => ({
      type: 'text',
      referral: expect.objectContaining({
        sourceUrl: 'https://fb.me/loan',
        sourceType: 'ad',
        headline: 'Kredit ab 3,9 %',
        ctwaClid: 'clid-1',
      }),
    }),
  },
  {
    name: 'image with a caption and its own bytes',
    input: () => ({
      type: 'image',
      image: { caption: 'Gehaltsnachweis' },
      file: { base64: jpegBytes.toString('base64'), mimeType: 'image/jpeg', filename: 'payslip.jpg' },
    }),
    expected: () => ({
      type: 'image',
      content: { caption: 'Gehaltsnachweis' },
      // WhatsApp's base64 digest until the download worker stores the file (then ours, in hex).
      media: expect.objectContaining({ mimeType: 'image/jpeg', sha256: sameDigest(jpegBytes) }),
    }),
  },
  {
    name: 'audio file',
    input: () => ({ type: 'audio', audio: { voice: false } }),
    expected: () => ({
      type: 'audio',
      content: { voice: false },
      media: expect.objectContaining({ mimeType: 'audio/ogg' }),
    }),
  },
  {
    name: 'voice note',
    input: () => ({ type: 'audio', audio: { voice: true } }),
    expected: () => ({
      type: 'audio',
      content: { voice: true },
      media: expect.objectContaining({ mimeType: 'audio/ogg; codecs=opus' }),
    }),
  },
  {
    name: 'video with a caption',
    input: () => ({ type: 'video', video: { caption: 'my flat' } }),
    expected: () => ({
      type: 'video',
      content: { caption: 'my flat' },
      media: expect.objectContaining({ mimeType: 'video/mp4' }),
    }),
  },
  {
    name: 'document with a caption and a filename',
    input: () => ({ type: 'document', document: { caption: 'Vertrag', filename: 'vertrag.pdf' } }),
    expected: () => ({
      type: 'document',
      content: { caption: 'Vertrag', filename: 'vertrag.pdf' },
      media: expect.objectContaining({ mimeType: 'application/pdf', filename: 'vertrag.pdf' }),
    }),
  },
  {
    name: 'sticker',
    input: () => ({ type: 'sticker', sticker: { animated: false } }),
    expected: () => ({
      type: 'sticker',
      content: { animated: false },
      media: expect.objectContaining({ mimeType: 'image/webp' }),
    }),
  },
  {
    name: 'location',
    input: () => ({
      type: 'location',
      location: { latitude: 52.52, longitude: 13.405, name: 'Filiale Mitte', address: 'Unter den Linden 1' },
    }),
    expected: () => ({
      type: 'location',
      content: {
        latitude: 52.52,
        longitude: 13.405,
        name: 'Filiale Mitte',
        address: 'Unter den Linden 1',
        url: null,
      },
    }),
  },
  {
    name: 'contacts',
    input: () => ({
      type: 'contacts',
      contacts: [
        {
          name: { formatted_name: 'Eva Meier', first_name: 'Eva' },
          phones: [{ phone: '+49 30 1234', type: 'WORK', wa_id: '49301234' }],
        },
      ],
    }),
    expected: () => ({
      type: 'contacts',
      content: {
        contacts: [
          {
            name: { formatted_name: 'Eva Meier', first_name: 'Eva' },
            phones: [{ phone: '+49 30 1234', type: 'WORK', wa_id: '49301234' }],
          },
        ],
      },
    }),
  },
  {
    name: 'interactive button reply',
    input: (ctx) => ({
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id: 'income-yes', title: 'Yes' } },
      context: { message_id: ctx.sent.buttons.wamid },
    }),
    expected: (ctx) => ({
      type: 'interactive',
      content: { type: 'button_reply', id: 'income-yes', title: 'Yes' },
      ...replyTo(ctx.sent.buttons),
    }),
  },
  {
    name: 'interactive list reply',
    input: (ctx) => ({
      type: 'interactive',
      interactive: {
        type: 'list_reply',
        list_reply: { id: 'slot-am', title: 'Morning', description: '9:00–12:00' },
      },
      context: { message_id: ctx.sent.list.wamid },
    }),
    expected: (ctx) => ({
      type: 'interactive',
      content: { type: 'list_reply', id: 'slot-am', title: 'Morning', description: '9:00–12:00' },
      ...replyTo(ctx.sent.list),
    }),
  },
  {
    name: 'flow reply',
    input: (ctx) => ({
      type: 'interactive',
      interactive: {
        type: 'nfm_reply',
        nfm_reply: { response_json: { flow_token: 'income-flow-1', income: '4200' } },
      },
      context: { message_id: ctx.sent.flow.wamid },
    }),
    expected: (ctx) => ({
      type: 'interactive',
      content: expect.objectContaining({
        type: 'flow_reply',
        response: { flow_token: 'income-flow-1', income: '4200' },
      }),
      ...replyTo(ctx.sent.flow),
    }),
  },
  {
    name: 'template quick-reply button',
    input: (ctx) => ({
      type: 'button',
      button: { text: 'Confirm', payload: 'CONFIRM' },
      context: { message_id: ctx.sent.template.wamid },
    }),
    expected: (ctx) => ({
      type: 'button',
      content: { text: 'Confirm', payload: 'CONFIRM' },
      ...replyTo(ctx.sent.template),
    }),
  },
  {
    name: 'order',
    input: () => ({
      type: 'order',
      order: {
        catalog_id: 'cat-1',
        text: 'bitte liefern',
        product_items: [{ product_retailer_id: 'sku-1', quantity: 2, item_price: 10.5, currency: 'EUR' }],
      },
    }),
    expected: () => ({
      type: 'order',
      content: {
        catalogId: 'cat-1',
        text: 'bitte liefern',
        productItems: [{ productRetailerId: 'sku-1', quantity: 2, itemPrice: 10.5, currency: 'EUR' }],
      },
    }),
  },
  {
    name: 'unsupported (a poll) with its 131051 error',
    input: () => ({ type: 'unsupported', unsupported: { type: 'poll_creation' } }),
    expected: () => ({
      type: 'unsupported',
      content: {
        originalType: 'poll_creation',
        errors: [
          expect.objectContaining({
            code: 131051,
            title: 'Message type unknown',
            details: 'Message type is currently not supported.',
          }),
        ],
        raw: { type: 'poll_creation' },
      },
    }),
  },
  {
    name: 'system message (changed number), which comes without contacts',
    input: () => ({ type: 'system', system: { type: 'user_changed_number', new_wa_id: '4915199999999' } }),
    expected: () => ({
      type: 'system',
      content: expect.objectContaining({ systemType: 'user_changed_number', waId: '4915199999999' }),
    }),
  },
];

/** What every inbound message shows unless its case says otherwise. */
export const plain = {
  direction: 'inbound',
  status: 'received',
  replyTo: null,
  context: null,
  forwarded: false,
  frequentlyForwarded: false,
  referral: null,
  media: null,
  reactions: [],
  editedAt: null,
  originalContent: null,
  revokedAt: null,
};
