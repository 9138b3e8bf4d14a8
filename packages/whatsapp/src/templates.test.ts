import { describe, expect, it } from 'vitest';
import { templateButtonParameter, templateShape } from './templates.js';

describe('template shape', () => {
  it('reads header, body, footer and buttons in any case, ignoring fields of the wrong type', () => {
    const shape = templateShape([
      { type: 'header', format: 'image' },
      { type: 'BODY', text: 'Hi {{1}}, order {{2}}' },
      { type: 'Footer', text: 'Bye' },
      {
        type: 'BUTTONS',
        buttons: [{ type: 'url', url: 'https://x.test/{{1}}' }, { type: 7 }, null],
      },
    ]);
    expect(shape).toEqual({
      header: { format: 'IMAGE', text: undefined, variables: [] },
      body: { text: 'Hi {{1}}, order {{2}}', variables: ['1', '2'] },
      footer: true,
      buttons: [
        { type: 'URL', variables: ['1'] },
        { type: undefined, variables: [] },
        { type: undefined, variables: [] },
      ],
    });
  });

  it('knows what each button kind takes, and nothing for the rest', () => {
    expect(templateButtonParameter('COPY_CODE')).toEqual({
      subType: 'copy_code',
      parameterType: 'coupon_code',
      required: true,
    });
    expect(templateButtonParameter('PHONE_NUMBER')).toBeUndefined();
    expect(templateButtonParameter('constructor')).toBeUndefined();
  });
});
