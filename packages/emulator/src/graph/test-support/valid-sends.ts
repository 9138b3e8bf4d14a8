import type { GraphTestApp } from './graph-test-app.js';
import { CUSTOMER } from './graph-test-app.js';

/**
 * One accepted send per message type and variant, with media uploaded to the test app first.
 * Route tests check each is accepted; the OpenAPI conformance test checks each against Meta's
 * request schema. Needs the app built with `TEST_TEMPLATES`.
 */
export function validSends(t: GraphTestApp): Record<string, Record<string, unknown>> {
  const id = {
    image: t.storeMedia('image/jpeg'),
    audio: t.storeMedia('audio/ogg; codecs=opus'),
    video: t.storeMedia('video/mp4'),
    document: t.storeMedia('application/pdf'),
    sticker: t.storeMedia('image/webp'),
  };
  const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to: CUSTOMER };
  const send = (type: string, content: Record<string, unknown>) => ({ ...base, type, ...content });
  return {
    text: send('text', { text: { body: 'Does it come in another color?', preview_url: false } }),
    'text with preview and reply context': {
      ...send('text', { text: { body: 'See https://example.com', preview_url: true } }),
      context: { message_id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUYzMjEzNDM2RTZGQ0MzMDJBRgA=' },
    },
    'image by id with caption': send('image', { image: { id: id.image, caption: 'Our new model' } }),
    'image by link': send('image', { image: { link: 'https://cdn.example.com/a.jpg' } }),
    'audio by id': send('audio', { audio: { id: id.audio } }),
    'audio by link': send('audio', { audio: { link: 'https://cdn.example.com/a.mp3' } }),
    'video by id with caption': send('video', { video: { id: id.video, caption: 'Unboxing' } }),
    'document by id': send('document', {
      document: { id: id.document, caption: 'Invoice', filename: 'invoice.pdf' },
    }),
    'document by link': send('document', {
      document: { link: 'https://cdn.example.com/a.pdf', filename: 'a.pdf' },
    }),
    'sticker by id': send('sticker', { sticker: { id: id.sticker } }),
    location: send('location', {
      location: { latitude: 37.758056, longitude: -122.425332, name: 'META HQ', address: '1 Hacker Way' },
    }),
    contacts: send('contacts', {
      contacts: [
        {
          name: { formatted_name: 'John Smith', first_name: 'John', last_name: 'Smith' },
          phones: [{ phone: '+1 (650) 555-1234', type: 'WORK', wa_id: '16505551234' }],
          emails: [{ email: 'john@example.com', type: 'WORK' }],
          addresses: [{ street: '1 Hacker Way', city: 'Menlo Park', country_code: 'us', type: 'WORK' }],
          org: { company: 'Acme', title: 'Manager' },
          urls: [{ url: 'https://example.com', type: 'WORK' }],
          birthday: '1990-08-18',
        },
      ],
    }),
    reaction: send('reaction', { reaction: { message_id: 'wamid.ABC=', emoji: '👍🏽' } }),
    'reaction removal': send('reaction', { reaction: { message_id: 'wamid.ABC=', emoji: '' } }),
    'interactive reply buttons': send('interactive', {
      interactive: {
        type: 'button',
        header: { type: 'image', image: { id: id.image } },
        body: { text: 'Pick one' },
        footer: { text: 'Acme' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'yes', title: 'Yes' } },
            { type: 'reply', reply: { id: 'no', title: 'No' } },
          ],
        },
      },
    }),
    'interactive list': send('interactive', {
      interactive: {
        type: 'list',
        header: { type: 'text', text: 'Menu' },
        body: { text: 'What would you like?' },
        action: {
          button: 'Options',
          sections: [
            { title: 'Drinks', rows: [{ id: 'tea', title: 'Tea', description: 'Hot' }] },
            { title: 'Food', rows: [{ id: 'cake', title: 'Cake' }] },
          ],
        },
      },
    }),
    'interactive cta_url': send('interactive', {
      interactive: {
        type: 'cta_url',
        header: { type: 'text', text: 'Order ready' },
        body: { text: 'Track your order' },
        action: { name: 'cta_url', parameters: { display_text: 'Track', url: 'https://shop.example/t/1' } },
      },
    }),
    'interactive flow': send('interactive', {
      interactive: {
        type: 'flow',
        body: { text: 'Sign up' },
        action: {
          name: 'flow',
          parameters: {
            flow_message_version: '3',
            flow_token: 'token-1',
            flow_id: '1234567890',
            flow_cta: 'Open form',
            flow_action: 'navigate',
            flow_action_payload: { screen: 'WELCOME', data: { plan: 'pro' } },
          },
        },
      },
    }),
    'template hello_world': send('template', {
      template: { name: 'hello_world', language: { code: 'en_US' } },
    }),
    'template positional with media header and buttons': send('template', {
      template: {
        name: 'order_update',
        language: { code: 'en_US', policy: 'deterministic' },
        components: [
          {
            type: 'header',
            parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/p.jpg' } }],
          },
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Ana' },
              { type: 'text', text: 'A-1001' },
              { type: 'currency', currency: { fallback_value: '$100.99', code: 'USD', amount_1000: 100990 } },
              { type: 'date_time', date_time: { fallback_value: 'February 25, 1977' } },
            ],
          },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '0',
            parameters: [{ type: 'payload', payload: 'STOP' }],
          },
          { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'A-1001' }] },
        ],
      },
    }),
    'template named parameters': send('template', {
      template: {
        name: 'welcome_named',
        language: { code: 'en' },
        components: [
          { type: 'header', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Ana' }] },
          {
            type: 'body',
            parameters: [
              { type: 'text', parameter_name: 'promo_code', text: 'SPRING' },
              { type: 'text', parameter_name: 'first_name', text: 'Ana' },
            ],
          },
        ],
      },
    }),
    'template authentication': send('template', {
      template: {
        name: 'login_code',
        language: { code: 'en_US' },
        components: [
          { type: 'body', parameters: [{ type: 'text', text: '123456' }] },
          { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '123456' }] },
        ],
      },
    }),
    'template copy code': send('template', {
      template: {
        name: 'spring_sale',
        language: { code: 'en_US' },
        components: [
          {
            type: 'button',
            sub_type: 'copy_code',
            index: 0,
            parameters: [{ type: 'coupon_code', coupon_code: 'SPRING25' }],
          },
        ],
      },
    }),
    'with biz_opaque_callback_data': {
      ...send('text', { text: { body: 'tracked' } }),
      biz_opaque_callback_data: 'campaign=spring',
    },
  };
}
