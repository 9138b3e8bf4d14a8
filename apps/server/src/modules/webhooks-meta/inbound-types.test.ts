import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testPhoneNumberId, type TestServer } from '../../test-support/test-server.js';
import { storeKinds } from '../../test-support/test-databases.js';

const customer = '4915112345678';
let n = 0;
const id = () => `wamid.HBgNNDkxNTExMjM0NTY3OBUCABIYFjNFQjBDMTJGNUM3QjJFMz${String(++n).padStart(4, '0')}A==`;
const ts = () => String(Math.floor(Date.now() / 1000) - 60 + n);

function envelope(
  messages: object[],
  contacts: object[] = [{ profile: { name: 'Jürgen Groß' }, wa_id: customer }],
) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: testPhoneNumberId },
              contacts,
              messages,
            },
          },
        ],
      },
    ],
  };
}

const media = {
  mime_type: 'image/jpeg',
  sha256: 'SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=',
  id: '1003383421387256',
};

/** Each inbound type as the Cloud API sends it, and what the API must show for it. */
const cases: { name: string; message: (target: string) => object; expect: Record<string, unknown> }[] = [
  {
    name: 'text',
    message: () => ({ type: 'text', text: { body: 'Grüße 😀 — ok?' } }),
    expect: { type: 'text', content: { body: 'Grüße 😀 — ok?' } },
  },
  {
    name: 'image with caption',
    message: () => ({ type: 'image', image: { caption: 'Gehaltsnachweis', ...media } }),
    expect: {
      type: 'image',
      content: expect.objectContaining({ caption: 'Gehaltsnachweis' }),
      media: expect.objectContaining({
        providerMediaId: media.id,
        mimeType: 'image/jpeg',
        sha256: media.sha256,
        status: 'pending',
      }),
    },
  },
  {
    name: 'voice note',
    message: () => ({
      type: 'audio',
      audio: { mime_type: 'audio/ogg; codecs=opus', sha256: 'abc=', id: '2001', voice: true },
    }),
    expect: {
      type: 'audio',
      content: expect.objectContaining({ voice: true }),
      media: expect.objectContaining({ providerMediaId: '2001' }),
    },
  },
  {
    name: 'audio file',
    message: () => ({
      type: 'audio',
      audio: { mime_type: 'audio/mpeg', sha256: 'abc=', id: '2002', voice: false },
    }),
    expect: { type: 'audio', content: expect.objectContaining({ voice: false }) },
  },
  {
    name: 'video',
    message: () => ({
      type: 'video',
      video: { caption: 'clip', mime_type: 'video/mp4', sha256: 'v=', id: '2003' },
    }),
    expect: { type: 'video', media: expect.objectContaining({ mimeType: 'video/mp4' }) },
  },
  {
    name: 'document',
    message: () => ({
      type: 'document',
      document: {
        caption: 'Vertrag',
        filename: 'vertrag.pdf',
        mime_type: 'application/pdf',
        sha256: 'd=',
        id: '2004',
      },
    }),
    expect: {
      type: 'document',
      content: expect.objectContaining({ filename: 'vertrag.pdf' }),
      media: expect.objectContaining({ filename: 'vertrag.pdf' }),
    },
  },
  {
    name: 'animated sticker',
    message: () => ({
      type: 'sticker',
      sticker: { mime_type: 'image/webp', sha256: 's=', id: '2005', animated: true },
    }),
    expect: { type: 'sticker', content: expect.objectContaining({ animated: true }) },
  },
  {
    name: 'location',
    message: () => ({
      type: 'location',
      location: { latitude: 52.52, longitude: 13.405, name: 'Filiale Mitte', address: 'Unter den Linden 1' },
    }),
    expect: {
      type: 'location',
      content: expect.objectContaining({ latitude: 52.52, longitude: 13.405, name: 'Filiale Mitte' }),
    },
  },
  {
    name: 'contacts',
    message: () => ({
      type: 'contacts',
      contacts: [
        {
          name: { formatted_name: 'Eva Meier', first_name: 'Eva' },
          phones: [{ phone: '+49 30 1234', type: 'WORK', wa_id: '49301234' }],
        },
      ],
    }),
    expect: {
      type: 'contacts',
      content: {
        contacts: [
          expect.objectContaining({ name: expect.objectContaining({ formatted_name: 'Eva Meier' }) }),
        ],
      },
    },
  },
  {
    name: 'interactive button reply',
    message: () => ({
      type: 'interactive',
      context: { from: '15550783881', id: 'wamid.biz1' },
      interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Ja' } },
    }),
    expect: { type: 'interactive', content: { type: 'button_reply', id: 'yes', title: 'Ja' } },
  },
  {
    name: 'interactive list reply',
    message: () => ({
      type: 'interactive',
      context: { from: '15550783881', id: 'wamid.biz2' },
      interactive: { type: 'list_reply', list_reply: { id: 'row1', title: 'Termin', description: 'Morgen' } },
    }),
    expect: {
      type: 'interactive',
      content: { type: 'list_reply', id: 'row1', title: 'Termin', description: 'Morgen' },
    },
  },
  {
    name: 'flow reply',
    message: () => ({
      type: 'interactive',
      context: { from: '15550783881', id: 'wamid.biz3' },
      interactive: {
        type: 'nfm_reply',
        nfm_reply: { name: 'flow', body: 'Sent', response_json: '{"flow_token":"t1","income":"4200"}' },
      },
    }),
    expect: {
      type: 'interactive',
      content: expect.objectContaining({
        type: 'flow_reply',
        response: { flow_token: 't1', income: '4200' },
      }),
    },
  },
  {
    name: 'template button reply',
    message: () => ({
      type: 'button',
      context: { from: '15550783881', id: 'wamid.tpl' },
      button: { payload: 'CONFIRM', text: 'Bestätigen' },
    }),
    expect: { type: 'button', content: { text: 'Bestätigen', payload: 'CONFIRM' } },
  },
  {
    name: 'order',
    message: () => ({
      type: 'order',
      order: {
        catalog_id: 'cat1',
        text: 'bitte',
        product_items: [{ product_retailer_id: 'sku1', quantity: '2', item_price: '10.5', currency: 'EUR' }],
      },
    }),
    expect: {
      type: 'order',
      content: expect.objectContaining({
        catalogId: 'cat1',
        productItems: [expect.objectContaining({ productRetailerId: 'sku1', quantity: 2, itemPrice: 10.5 })],
      }),
    },
  },
  {
    name: 'unsupported with its error',
    message: () => ({
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
    }),
    expect: {
      type: 'unsupported',
      content: expect.objectContaining({
        originalType: 'poll_creation',
        errors: [
          expect.objectContaining({ code: 131051, details: 'Message type is currently not supported.' }),
        ],
      }),
    },
  },
  {
    name: 'an unknown future type',
    message: () => ({ type: 'hologram', hologram: { depth: 3 } }),
    expect: { type: 'unsupported', content: expect.objectContaining({ originalType: 'hologram' }) },
  },
  {
    name: 'forwarded text with referral',
    message: () => ({
      type: 'text',
      text: { body: 'from the ad' },
      context: { frequently_forwarded: true },
      referral: {
        source_url: 'https://fb.me/x',
        source_id: '123',
        source_type: 'ad',
        headline: 'Kredit',
        body: '3,9 %',
        media_type: 'image',
        image_url: 'https://x/i.jpg',
        ctwa_clid: 'clid',
      },
    }),
    expect: {
      forwarded: true,
      frequentlyForwarded: true,
      referral: expect.objectContaining({ sourceType: 'ad', headline: 'Kredit', ctwaClid: 'clid' }),
    },
  },
];

for (const kind of storeKinds) {
  describe(`every inbound type through the API (${kind})`, () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer(kind);
    });
    afterAll(() => t.close());

    async function conversationOf(waId: string) {
      const list = await t.api(`/v1/conversations?q=${waId}`);
      return list.json.data[0] as { id: string; unreadCount: number };
    }
    async function messageByWamid(wamid: string) {
      const conversation = await conversationOf(customer);
      const page = await t.api(`/v1/conversations/${conversation.id}/messages?limit=200`);
      return (page.json.data as { providerMessageId: string }[]).find(
        (m) => m.providerMessageId === wamid,
      ) as any;
    }

    for (const c of cases) {
      it(`stores and shows ${c.name}`, async () => {
        const wamid = id();
        const message = { from: customer, id: wamid, timestamp: ts(), ...c.message(wamid) };
        expect((await t.postWebhook(envelope([message]))).status).toBe(200);
        const stored = await messageByWamid(wamid);
        expect(stored).toMatchObject({ direction: 'inbound', status: 'received', ...c.expect });
        expect((await t.api(`/v1/messages/${stored.id}`)).json).toEqual(stored);
      });
    }

    it('resolves a reply to our id, and applies reactions (and their removal), edits and revokes', async () => {
      const original = id();
      await t.postWebhook(
        envelope([{ from: customer, id: original, timestamp: ts(), type: 'text', text: { body: 'Antrag' } }]),
      );
      const reply = id();
      const react = id();
      const edit = id();
      await t.postWebhook(
        envelope([
          {
            from: customer,
            id: reply,
            timestamp: ts(),
            type: 'text',
            text: { body: 'siehe oben' },
            context: { from: customer, id: original },
          },
          {
            from: customer,
            id: react,
            timestamp: ts(),
            type: 'reaction',
            reaction: { message_id: original, emoji: '👍' },
          },
          {
            from: customer,
            id: edit,
            timestamp: ts(),
            type: 'edit',
            edit: { original_message_id: original, message: { type: 'text', text: { body: 'Antrag v2' } } },
          },
        ]),
      );
      const target = await messageByWamid(original);
      expect((await messageByWamid(reply)).replyTo).toBe(target.id);
      expect(target.reactions).toEqual([expect.objectContaining({ emoji: '👍', from: 'contact' })]);
      expect(target.content).toEqual({ body: 'Antrag v2' });
      expect(target.editedAt).not.toBeNull();
      await t.postWebhook(
        envelope([
          { from: customer, id: id(), timestamp: ts(), type: 'reaction', reaction: { message_id: original } },
        ]),
      );
      await t.postWebhook(
        envelope([
          {
            from: customer,
            id: id(),
            timestamp: ts(),
            type: 'revoke',
            revoke: { original_message_id: original },
          },
        ]),
      );
      const after = await messageByWamid(original);
      expect(after.reactions).toEqual([]);
      expect(after.revokedAt).not.toBeNull();
    });

    it('stores system messages, which come without contacts', async () => {
      const wamid = id();
      const system = {
        from: customer,
        id: wamid,
        timestamp: ts(),
        type: 'system',
        system: { body: 'User changed number', wa_id: '4915199999999', type: 'user_changed_number' },
      };
      expect((await t.postWebhook(envelope([system], []))).status).toBe(200);
      expect(await messageByWamid(wamid)).toMatchObject({
        type: 'system',
        content: expect.objectContaining({ systemType: 'user_changed_number' }),
      });
    });
  });
}
