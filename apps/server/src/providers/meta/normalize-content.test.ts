import { describe, expect, it } from 'vitest';
import {
  displayPhoneNumber,
  from,
  inbound,
  normalizeMessageOf,
  normalizeOne,
  wamid,
} from './test-payloads.js';

const sha256 = 'SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=';

describe('normalizeMetaWebhook: content of each message type', () => {
  it('location, full and current-location only', () => {
    const place = normalizeMessageOf({
      ...from(),
      type: 'location',
      location: {
        latitude: 37.4611978,
        longitude: -122.2164385,
        name: 'Facebook HQ',
        address: '1 Hacker Way, Menlo Park, CA 94025',
        url: 'https://maps.google.com/?cid=1',
      },
    });
    expect(place.content).toEqual({
      latitude: 37.4611978,
      longitude: -122.2164385,
      name: 'Facebook HQ',
      address: '1 Hacker Way, Menlo Park, CA 94025',
      url: 'https://maps.google.com/?cid=1',
    });
    const here = normalizeMessageOf({ ...from(), type: 'location', location: { latitude: 0, longitude: 0 } });
    expect(here.content).toEqual({ latitude: 0, longitude: 0, name: null, address: null, url: null });
  });

  it('a location with non-numeric coordinates is unsupported', () => {
    const m = normalizeMessageOf({
      ...from(),
      type: 'location',
      location: { latitude: '37.4', longitude: -122 } as unknown as { latitude: number; longitude: number },
    });
    expect(m.type).toBe('unsupported');
    expect(m.content).toMatchObject({ originalType: 'location', raw: { latitude: '37.4', longitude: -122 } });
  });

  it('shared contacts keep the vCards in the Cloud API shape', () => {
    const card = {
      name: { formatted_name: 'John Smith', first_name: 'John', last_name: 'Smith' },
      phones: [{ phone: '+1 (650) 555-1234', wa_id: '16505551234', type: 'MOBILE' }],
      emails: [{ email: 'john@example.com', type: 'WORK' }],
      addresses: [{ street: '1 Hacker Way', city: 'Menlo Park', country_code: 'US', type: 'WORK' }],
      org: { company: 'Meta', title: 'Engineer' },
      urls: [{ url: 'https://example.com', type: 'WORK' }],
      birthday: '1990-01-31',
    };
    const m = normalizeMessageOf({ ...from(), type: 'contacts', contacts: [card, 'junk', null] as never });
    expect(m.type).toBe('contacts');
    expect(m.content).toEqual({ contacts: [card] });
  });

  it('interactive button_reply and list_reply, with the context of the interactive message', () => {
    const asked = wamid();
    const button = normalizeMessageOf({
      ...from(),
      context: { from: displayPhoneNumber, id: asked },
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id: 'yes-btn', title: 'Yes' } },
    });
    expect(button.content).toEqual({ type: 'button_reply', id: 'yes-btn', title: 'Yes' });
    expect(button.context).toEqual({
      providerMessageId: asked,
      from: displayPhoneNumber,
      referredProduct: null,
    });

    const list = normalizeMessageOf({
      ...from(),
      context: { from: displayPhoneNumber, id: asked },
      type: 'interactive',
      interactive: { type: 'list_reply', list_reply: { id: 'row-2', title: 'Tuesday', description: '9–12' } },
    });
    expect(list.content).toEqual({ type: 'list_reply', id: 'row-2', title: 'Tuesday', description: '9–12' });
  });

  it('interactive nfm_reply (Flow) keeps response_json and parses it', () => {
    const responseJson = '{"flow_token":"tok-1","screen_0_name":"Ana","nested":{"a":[1,2]}}';
    const m = normalizeMessageOf({
      ...from(),
      context: { from: displayPhoneNumber, id: wamid() },
      type: 'interactive',
      interactive: {
        type: 'nfm_reply',
        nfm_reply: { name: 'flow', body: 'Sent', response_json: responseJson },
      },
    });
    expect(m.content).toEqual({
      type: 'flow_reply',
      name: 'flow',
      body: 'Sent',
      responseJson,
      response: { flow_token: 'tok-1', screen_0_name: 'Ana', nested: { a: [1, 2] } },
    });
  });

  it('an nfm_reply whose response_json is not JSON has response null', () => {
    const m = normalizeMessageOf({
      ...from(),
      type: 'interactive',
      interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json: '{oops' } },
    });
    expect(m.content).toMatchObject({ type: 'flow_reply', responseJson: '{oops', response: null });
  });

  it('other interactive subtypes keep their object in raw', () => {
    const interactive = {
      type: 'call_permission_reply',
      call_permission_reply: { response: 'accept' },
    } as const;
    const m = normalizeMessageOf({ ...from(), type: 'interactive', interactive });
    expect(m.type).toBe('interactive');
    expect(m.content).toEqual({ type: 'call_permission_reply', raw: interactive });
  });

  it('template quick-reply button', () => {
    const m = normalizeMessageOf({
      ...from(),
      context: { from: displayPhoneNumber, id: wamid() },
      type: 'button',
      button: { payload: 'STOP_PROMOS', text: 'Stop promotions' },
    });
    expect(m.content).toEqual({ text: 'Stop promotions', payload: 'STOP_PROMOS' });
  });

  it('reaction, and its removal with "" or without emoji', () => {
    const target = wamid();
    const added = normalizeMessageOf({
      ...from(),
      type: 'reaction',
      reaction: { message_id: target, emoji: '😀' },
    });
    expect(added).toMatchObject({
      type: 'reaction',
      content: { emoji: '😀' },
      targetProviderMessageId: target,
    });
    const cleared = normalizeMessageOf({
      ...from(),
      type: 'reaction',
      reaction: { message_id: target, emoji: '' },
    });
    expect(cleared).toMatchObject({
      type: 'reaction',
      content: { emoji: null },
      targetProviderMessageId: target,
    });
    const absent = normalizeMessageOf({ ...from(), type: 'reaction', reaction: { message_id: target } });
    expect(absent).toMatchObject({
      type: 'reaction',
      content: { emoji: null },
      targetProviderMessageId: target,
    });
  });

  it('order, with numbers sent as strings or numbers', () => {
    const m = normalizeMessageOf({
      ...from(),
      type: 'order',
      order: {
        catalog_id: '194836987003835',
        text: 'Please deliver fast',
        product_items: [
          { product_retailer_id: 'di9ozbzfi4', quantity: '2', item_price: '10.5', currency: 'USD' },
          { product_retailer_id: 'x1', quantity: 1, item_price: 3, currency: 'USD' },
          { product_retailer_id: 'x2', quantity: 'many', item_price: '', currency: 'USD' },
        ],
      },
    });
    expect(m.content).toEqual({
      catalogId: '194836987003835',
      text: 'Please deliver fast',
      productItems: [
        { productRetailerId: 'di9ozbzfi4', quantity: 2, itemPrice: 10.5, currency: 'USD' },
        { productRetailerId: 'x1', quantity: 1, itemPrice: 3, currency: 'USD' },
        { productRetailerId: 'x2', quantity: null, itemPrice: null, currency: 'USD' },
      ],
    });
  });

  it('system message, which comes without contacts', () => {
    const payload = inbound(
      {
        ...from(),
        type: 'system',
        system: {
          body: 'User A changed from 972987654321 to 972912345678',
          wa_id: '972912345678',
          type: 'user_changed_number',
        },
      },
      [],
    );
    delete (payload.entry[0]!.changes[0]!.value as { contacts?: unknown }).contacts;
    const { batch, message: m } = normalizeOne(payload);
    expect(batch.problems).toEqual([]);
    expect(batch.changes[0]!.contacts).toEqual([]);
    expect(m.type).toBe('system');
    expect(m.content).toEqual({
      systemType: 'user_changed_number',
      body: 'User A changed from 972987654321 to 972912345678',
      waId: '972912345678',
      newWaId: null,
      userId: null,
      identity: null,
    });
  });

  it('legacy customer_changed_number reads new_wa_id', () => {
    const m = normalizeMessageOf({
      ...from(),
      type: 'system',
      system: { body: 'changed', new_wa_id: '16505550000', type: 'customer_changed_number' },
    });
    expect(m.content).toMatchObject({ systemType: 'customer_changed_number', newWaId: '16505550000' });
  });

  it('edit of a text, and of a captioned image (with its media)', () => {
    const original = wamid();
    const text = normalizeMessageOf({
      ...from(),
      type: 'edit',
      edit: { original_message_id: original, message: { type: 'text', text: { body: 'fixed typo' } } },
    });
    expect(text).toMatchObject({
      type: 'edit',
      content: { newType: 'text', newContent: { body: 'fixed typo' } },
      media: null,
      targetProviderMessageId: original,
    });
    const image = normalizeMessageOf({
      ...from(),
      type: 'edit',
      edit: {
        original_message_id: original,
        message: {
          type: 'image',
          image: { id: '777', mime_type: 'image/jpeg', sha256, caption: 'new caption' },
        },
      },
    });
    expect(image.content).toEqual({ newType: 'image', newContent: { caption: 'new caption' } });
    expect(image.media?.providerMediaId).toBe('777');
  });

  it('an edit of an edit is not followed: the new version is unsupported', () => {
    const inner = { original_message_id: 'a', message: { type: 'text', text: { body: 'x' } } };
    const m = normalizeMessageOf({
      ...from(),
      type: 'edit',
      edit: { original_message_id: 'b', message: { type: 'edit', edit: inner } as never },
    });
    expect(m.content).toEqual({
      newType: 'unsupported',
      newContent: { originalType: 'edit', errors: [], raw: inner },
    });
  });

  it('revoke', () => {
    const original = wamid();
    const m = normalizeMessageOf({ ...from(), type: 'revoke', revoke: { original_message_id: original } });
    expect(m).toMatchObject({ type: 'revoke', content: {}, targetProviderMessageId: original });
  });
});
