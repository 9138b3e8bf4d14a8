import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CUSTOMER,
  DISPLAY_NUMBER,
  PHONE_NUMBER_ID,
  startTestEmulator,
  text,
  WABA_ID,
  type TestEmulator,
} from '../webhooks/test-support/test-emulator.js';

let t: TestEmulator;
beforeEach(async () => {
  t = await startTestEmulator();
});
afterEach(async () => {
  await t.close();
});

/** The customer sends `input`; returns the one webhook POST it produced. */
async function say(input: Record<string, unknown>) {
  const before = t.receiver.received.length;
  const result = t.emulator.customerSends(CUSTOMER.waId, input as never);
  await t.emulator.webhooksIdle();
  const post = t.receiver.received[before];
  if (!post) throw new Error('no webhook');
  expect(post.signatureValid).toBe(true);
  const value = post.body.entry[0]!.changes[0]!.value as Record<string, any>;
  return { result, post, value, message: value.messages[0] as Record<string, any> };
}

const ts = () => String(Math.floor(t.clock.now() / 1000));

describe('inbound messages, as the Cloud API delivers them', () => {
  it('text: the full envelope with metadata, contacts (name, wa_id, BSUID) and string timestamps', async () => {
    const { result, post } = await say({ type: 'text', text: { body: 'Does it come in another color?' } });
    expect(result.id).toMatch(/^wamid\.[A-Za-z0-9+/=]+$/);
    expect(post.body).toEqual({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: WABA_ID,
          changes: [
            {
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: DISPLAY_NUMBER, phone_number_id: PHONE_NUMBER_ID },
                contacts: [
                  {
                    profile: { name: CUSTOMER.name },
                    wa_id: CUSTOMER.waId,
                    user_id: expect.stringMatching(/^US\.\d{20}$/),
                  },
                ],
                messages: [
                  {
                    from: CUSTOMER.waId,
                    id: result.id,
                    timestamp: ts(),
                    type: 'text',
                    text: { body: 'Does it come in another color?' },
                  },
                ],
              },
              field: 'messages',
            },
          ],
        },
      ],
    });
  });

  it('escapes non-ASCII names and emoji as \\uXXXX surrogate pairs in the raw bytes', async () => {
    t.emulator.addCustomer({ waId: CUSTOMER.waId, name: 'Zoë 😀' });
    const { post } = await say({ type: 'text', text: { body: '👍' } });
    const raw = post.raw.toString('utf8');
    expect(raw).toContain('"name":"Zo\\u00eb \\ud83d\\ude00"');
    expect(raw).toContain('"body":"\\ud83d\\udc4d"');
  });

  it('image with caption: real bytes behind the id, base64 sha256', async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const { message } = await say({
      type: 'image',
      image: { caption: 'Taj Mahal' },
      file: { base64: bytes.toString('base64'), mimeType: 'image/jpeg' },
    });
    expect(message.image).toEqual({
      caption: 'Taj Mahal',
      mime_type: 'image/jpeg',
      sha256: createHash('sha256').update(bytes).digest('base64'),
      id: expect.stringMatching(/^\d+$/),
    });
    expect(t.emulator.media.get(message.image.id)?.bytes.equals(bytes)).toBe(true);
  });

  it('voice note, audio file, video, document and sticker with sample files when no bytes are given', async () => {
    const voice = (await say({ type: 'audio', audio: { voice: true } })).message;
    expect(voice.audio).toEqual({
      mime_type: 'audio/ogg; codecs=opus',
      sha256: expect.any(String),
      id: expect.any(String),
      voice: true,
    });
    expect(t.emulator.media.get(voice.audio.id)?.bytes.subarray(0, 4).toString()).toBe('OggS');
    const file = (await say({ type: 'audio', file: { base64: 'SUQz', mimeType: 'audio/mpeg' } })).message;
    expect(file.audio).toMatchObject({ mime_type: 'audio/mpeg', voice: false });
    const video = (await say({ type: 'video', video: { caption: 'clip' } })).message;
    expect(video.video).toMatchObject({ caption: 'clip', mime_type: 'video/mp4' });
    const doc = (await say({ type: 'document', document: { caption: 'Invoice' } })).message;
    expect(doc.document).toMatchObject({
      caption: 'Invoice',
      filename: 'sample.pdf',
      mime_type: 'application/pdf',
    });
    expect(t.emulator.media.get(doc.document.id)?.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const sticker = (await say({ type: 'sticker', sticker: { animated: false } })).message;
    expect(sticker.sticker).toEqual({
      mime_type: 'image/webp',
      sha256: expect.any(String),
      id: expect.any(String),
      animated: false,
    });
    const image = (await say({ type: 'image' })).message;
    expect(t.emulator.media.get(image.image.id)?.bytes.subarray(1, 4).toString()).toBe('PNG');
  });

  it('location, shared contacts and an order', async () => {
    const location = {
      latitude: 37.4611978,
      longitude: -122.2164385,
      name: 'Facebook HQ',
      address: '1 Hacker Way',
    };
    expect((await say({ type: 'location', location })).message.location).toEqual(location);
    const contacts = [
      {
        name: { formatted_name: 'Ann Lee', first_name: 'Ann' },
        phones: [{ phone: '+1 555', wa_id: '1555', type: 'CELL' }],
      },
    ];
    expect((await say({ type: 'contacts', contacts })).message.contacts).toEqual(contacts);
    const order = {
      catalog_id: 'c1',
      text: 'please',
      product_items: [{ product_retailer_id: 'p1', quantity: 1, item_price: 10, currency: 'USD' }],
    };
    expect((await say({ type: 'order', order })).message.order).toEqual(order);
  });

  it('interactive button, list and flow replies carry context {from: business number, id}', async () => {
    const sent = await t.emulator.gate.accept(text('pick one'));
    if (!sent.ok) throw new Error('send failed');
    const context = { from: DISPLAY_NUMBER, id: sent.wamid };
    const button = await say({
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes' } },
      context: { message_id: sent.wamid },
    });
    expect(button.message).toEqual({
      context,
      from: CUSTOMER.waId,
      id: button.result.id,
      timestamp: ts(),
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes' } },
    });
    const list = await say({
      type: 'interactive',
      interactive: { type: 'list_reply', list_reply: { id: 'r1', title: 'Row', description: 'Desc' } },
      context: { message_id: sent.wamid },
    });
    expect(list.message.interactive.list_reply).toEqual({ id: 'r1', title: 'Row', description: 'Desc' });
    const flow = await say({
      type: 'interactive',
      interactive: { type: 'nfm_reply', nfm_reply: { response_json: { flow_token: 'T', size: 'L' } } },
      context: { message_id: sent.wamid },
    });
    expect(flow.message.interactive.nfm_reply).toEqual({
      name: 'flow',
      body: 'Sent',
      response_json: '{"flow_token":"T","size":"L"}',
    });
    expect(flow.message.context).toEqual(context);
  });

  it('template quick-reply button with payload and context', async () => {
    const sent = await t.emulator.gate.accept(text('template stand-in'));
    if (!sent.ok) throw new Error('send failed');
    const { message } = await say({
      type: 'button',
      button: { text: 'Stop promotions', payload: 'STOP' },
      context: { message_id: sent.wamid },
    });
    expect(message.context).toEqual({ from: DISPLAY_NUMBER, id: sent.wamid });
    expect(message.button).toEqual({ payload: 'STOP', text: 'Stop promotions' });
  });

  it('a text reply quoting the customer’s own message names the customer in context.from', async () => {
    const first = await say({ type: 'text', text: { body: 'one' } });
    const reply = await say({
      type: 'text',
      text: { body: 'two' },
      context: { message_id: first.result.id },
    });
    expect(reply.message.context).toEqual({ from: CUSTOMER.waId, id: first.result.id });
    const forwarded = await say({ type: 'text', text: { body: 'fwd' }, context: { forwarded: true } });
    expect(forwarded.message.context).toEqual({ forwarded: true });
  });

  it('reactions and their removal, without context; the thread shows them on the message', async () => {
    const sent = await t.emulator.gate.accept(text('hello'));
    if (!sent.ok) throw new Error('send failed');
    const react = await say({ type: 'reaction', reaction: { message_id: sent.wamid, emoji: '😀' } });
    expect(react.message).toEqual({
      from: CUSTOMER.waId,
      id: react.result.id,
      timestamp: ts(),
      type: 'reaction',
      reaction: { message_id: sent.wamid, emoji: '😀' },
    });
    expect(react.post.raw.toString()).toContain('"emoji":"\\ud83d\\ude00"');
    expect(t.emulator.thread(CUSTOMER.waId).items[0]?.reactions).toEqual([{ from: 'customer', emoji: '😀' }]);
    const removal = await say({ type: 'reaction', reaction: { message_id: sent.wamid, emoji: '' } });
    expect(removal.message.reaction).toEqual({ message_id: sent.wamid, emoji: '' });
    expect(t.emulator.thread(CUSTOMER.waId).items[0]?.reactions).toBeUndefined();
    const absent = await say({ type: 'reaction', reaction: { message_id: sent.wamid } });
    expect(absent.message.reaction).toEqual({ message_id: sent.wamid });
  });

  it('edit and revoke in their documented shapes', async () => {
    const original = await say({ type: 'text', text: { body: 'helo' } });
    const edit = await say({
      type: 'edit',
      edit: { message_id: original.result.id, text: { body: 'hello' } },
    });
    expect(edit.message).toEqual({
      from: CUSTOMER.waId,
      id: edit.result.id,
      timestamp: ts(),
      type: 'edit',
      edit: { original_message_id: original.result.id, message: { type: 'text', text: { body: 'hello' } } },
    });
    const revoke = await say({ type: 'revoke', revoke: { original_message_id: original.result.id } });
    expect(revoke.message.revoke).toEqual({ original_message_id: original.result.id });
    const [item] = t.emulator.thread(CUSTOMER.waId).items;
    expect(item).toMatchObject({ id: original.result.id, edited: true, revoked: true });
    expect(t.emulator.thread(CUSTOMER.waId).items).toHaveLength(1);
  });

  it('unsupported messages carry errors[] with 131051', async () => {
    const { message } = await say({ type: 'unsupported', unsupported: { type: 'poll_creation' } });
    expect(message).toEqual({
      from: CUSTOMER.waId,
      id: expect.any(String),
      timestamp: ts(),
      type: 'unsupported',
      errors: [
        {
          code: 131051,
          title: 'Message type unknown',
          message: 'Message type unknown',
          error_data: { details: 'Message type is currently not supported.' },
        },
      ],
      unsupported: { type: 'poll_creation' },
    });
  });

  it('system messages come without contacts and do not open the window', async () => {
    const { value, message } = await say({
      type: 'system',
      system: { type: 'user_changed_number', new_wa_id: '16505550000' },
    });
    expect(value.contacts).toBeUndefined();
    expect(message.system).toEqual({
      body: `User ${CUSTOMER.name} changed from ${CUSTOMER.waId} to 16505550000`,
      wa_id: '16505550000',
      type: 'user_changed_number',
    });
    expect(t.emulator.thread(CUSTOMER.waId).windowExpiresAt).toBeNull();
  });

  it('a referral (Click-to-WhatsApp ad) is passed on the message', async () => {
    const referral = {
      source_url: 'https://fb.me/x',
      source_id: '1',
      source_type: 'ad',
      headline: 'H',
      body: 'B',
      media_type: 'image',
      image_url: 'https://x',
      ctwa_clid: 'c',
    };
    const { message } = await say({ type: 'text', text: { body: 'from ad' }, referral });
    expect(message.referral).toEqual(referral);
  });

  it('refuses replies to unknown messages and interactive replies without context', () => {
    expect(() =>
      t.emulator.customerSends(CUSTOMER.waId, {
        type: 'text',
        text: { body: 'x' },
        context: { message_id: 'wamid.nope' },
      }),
    ).toThrow(/not a message of this conversation/);
    expect(() =>
      t.emulator.customerSends(CUSTOMER.waId, {
        type: 'interactive',
        interactive: { type: 'button_reply', button_reply: { id: 'a', title: 'A' } },
      }),
    ).toThrow(/context\.message_id/);
    expect(() => t.emulator.customerSends(CUSTOMER.waId, { type: 'text', text: {} } as never)).toThrow(
      /text\.body/,
    );
  });
});
