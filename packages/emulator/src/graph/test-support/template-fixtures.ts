import type { TemplateDefinition } from '../../core/emulator-options.js';

/** A positional utility template with every parameter-taking part: image header, body, buttons. */
export const ORDER_UPDATE: TemplateDefinition = {
  name: 'order_update',
  language: 'en_US',
  category: 'UTILITY',
  components: [
    { type: 'HEADER', format: 'IMAGE' },
    { type: 'BODY', text: 'Hi {{1}}, your order {{2}} of {{3}} ships on {{4}}.' },
    { type: 'FOOTER', text: 'Reply STOP to opt out' },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'QUICK_REPLY', text: 'Stop updates' },
        { type: 'URL', text: 'Track', url: 'https://shop.example/track/{{1}}' },
        { type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+15550100' },
      ],
    },
  ],
};

/** A named-parameter marketing template with a text header variable. */
export const WELCOME_NAMED: TemplateDefinition = {
  name: 'welcome_named',
  language: 'en',
  category: 'MARKETING',
  parameterFormat: 'NAMED',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Welcome {{first_name}}' },
    { type: 'BODY', text: 'Hello {{first_name}}, your code is {{promo_code}}.' },
  ],
};

/** An authentication template with a one-tap copy button. */
export const LOGIN_CODE: TemplateDefinition = {
  name: 'login_code',
  language: 'en_US',
  category: 'AUTHENTICATION',
  components: [
    { type: 'BODY', text: '{{1}} is your verification code.', add_security_recommendation: true },
    { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] },
  ],
};

/** A coupon template: the copy-code button needs the coupon on every send. */
export const SPRING_SALE: TemplateDefinition = {
  name: 'spring_sale',
  language: 'en_US',
  category: 'MARKETING',
  components: [
    { type: 'BODY', text: 'Spring sale! Use the code below.' },
    { type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: 'SPRING25' }] },
  ],
};

export const PAUSED_PROMO: TemplateDefinition = {
  name: 'paused_promo',
  language: 'en_US',
  category: 'MARKETING',
  status: 'PAUSED',
  components: [{ type: 'BODY', text: 'Promo' }],
};

export const DISABLED_PROMO: TemplateDefinition = {
  ...PAUSED_PROMO,
  name: 'disabled_promo',
  status: 'DISABLED',
};
export const PENDING_PROMO: TemplateDefinition = {
  ...PAUSED_PROMO,
  name: 'pending_promo',
  status: 'PENDING',
};

export const TEST_TEMPLATES: readonly TemplateDefinition[] = [
  ORDER_UPDATE,
  WELCOME_NAMED,
  LOGIN_CODE,
  SPRING_SALE,
  PAUSED_PROMO,
  DISABLED_PROMO,
  PENDING_PROMO,
];
