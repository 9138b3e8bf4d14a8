import type { Template } from '@switchboard/protocol';
import { describe, expect, it } from 'vitest';
import { templateErrors, templateFields, templatePreview, templateSendBody } from './template-form.js';

const template = (components: unknown[], name = 'loan_update'): Template => ({
  channelId: 'ch_1',
  name,
  language: 'en_US',
  providerTemplateId: '1',
  status: 'APPROVED',
  category: 'UTILITY',
  parameterFormat: null,
  components,
  syncedAt: '2026-12-01T00:00:00.000Z',
});

const full = template([
  { type: 'HEADER', format: 'TEXT', text: 'Case {{1}}', example: { header_text: ['CASE-1'] } },
  {
    type: 'BODY',
    text: 'Hello {{1}}, your loan of {{2}} is ready.',
    example: { body_text: [['Anna', '€10,000']] },
  },
  { type: 'FOOTER', text: 'Your bank' },
  {
    type: 'BUTTONS',
    buttons: [
      { type: 'QUICK_REPLY', text: 'Call me' },
      {
        type: 'URL',
        text: 'Open case',
        url: 'https://bank.example/case/{{1}}',
        example: ['https://bank.example/case/1'],
      },
      { type: 'COPY_CODE', text: 'Copy code', example: 'SAVE10' },
    ],
  },
]);

describe('a template as a form', () => {
  it('has a field for every header, body and button parameter, with the examples as hints', () => {
    const fields = templateFields(full);
    expect(fields.map((f) => f.key)).toEqual(['header:1', 'body:1', 'body:2', 'button:1', 'button:2']);
    expect(fields.find((f) => f.key === 'body:2')?.example).toBe('€10,000');
    expect(fields.find((f) => f.key === 'button:2')?.buttonType).toBe('copy_code');
  });

  it('refuses to send until every field is filled, and names WhatsApp’s rules for parameter text', () => {
    expect(Object.keys(templateErrors(full, {}))).toHaveLength(5);
    const values = {
      'header:1': 'CASE-7',
      'body:1': 'Anna\nWeber',
      'body:2': 'x     y',
      'button:1': '7',
      'button:2': 'A1',
    };
    const errors = templateErrors(full, values);
    expect(errors['body:1']).toMatch(/line breaks/);
    expect(errors['body:2']).toMatch(/four spaces/);
    expect(errors['header:1']).toBeUndefined();
  });

  it('previews the message with what was filled in, placeholders left visible', () => {
    const preview = templatePreview(full, { 'body:1': 'Anna' });
    expect(preview.header).toBe('Case {{1}}');
    expect(preview.body).toBe('Hello Anna, your loan of {{2}} is ready.');
    expect(preview.footer).toBe('Your bank');
    expect(preview.buttons).toEqual(['Call me', 'Open case', 'Copy code']);
  });

  it('builds the Cloud API components of the send', () => {
    const values = {
      'header:1': 'CASE-7',
      'body:1': 'Anna',
      'body:2': '€10,000',
      'button:1': '7',
      'button:2': 'SAVE10',
    };
    expect(templateSendBody(full, values)).toEqual({
      type: 'template',
      template: {
        name: 'loan_update',
        language: { code: 'en_US' },
        components: [
          { type: 'header', parameters: [{ type: 'text', text: 'CASE-7' }] },
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Anna' },
              { type: 'text', text: '€10,000' },
            ],
          },
          { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: '7' }] },
          {
            type: 'button',
            sub_type: 'copy_code',
            index: '2',
            parameters: [{ type: 'coupon_code', coupon_code: 'SAVE10' }],
          },
        ],
      },
    });
  });

  it('names named parameters and sends a media header as an uploaded file or a link', () => {
    const named = template([
      { type: 'HEADER', format: 'IMAGE' },
      {
        type: 'BODY',
        text: 'Hi {{first_name}}',
        example: { body_text_named_params: [{ param_name: 'first_name', example: 'Jo' }] },
      },
    ]);
    expect(templateFields(named).map((f) => [f.key, f.kind, f.name])).toEqual([
      ['header:media', 'media', null],
      ['body:first_name', 'text', 'first_name'],
    ]);
    expect(
      templateErrors(named, { 'header:media': 'http://insecure', 'body:first_name': 'Jo' })['header:media'],
    ).toMatch(/https/);
    expect(templateSendBody(named, { 'header:media': 'media:med_1', 'body:first_name': 'Jo' })).toMatchObject(
      {
        template: {
          components: [
            { type: 'header', parameters: [{ type: 'image', image: { id: 'med_1' } }] },
            { type: 'body', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Jo' }] },
          ],
        },
      },
    );
  });

  it('sends a template without parameters without components', () => {
    const plain = template([{ type: 'BODY', text: 'Hello world' }], 'hello_world');
    expect(templateFields(plain)).toEqual([]);
    expect(templateSendBody(plain, {})).toEqual({
      type: 'template',
      template: { name: 'hello_world', language: { code: 'en_US' } },
    });
  });
});
