import type { TemplateDefinition } from '@switchboard/emulator';

/**
 * The templates of the demo's business account, synced at start: positional and named
 * parameters, a text and a document header, URL, copy-code and quick-reply buttons — what a
 * bank's loan team would have approved, so that the inbox's template form shows every part.
 */
export const demoTemplates: readonly TemplateDefinition[] = [
  {
    name: 'loan_status_update',
    language: 'en_US',
    category: 'UTILITY',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Case {{1}}', example: { header_text: ['CASE-1001'] } },
      {
        type: 'BODY',
        text: 'Hello {{1}}, your loan application is now {{2}}. Reply here if you have any questions.',
        example: { body_text: [['Anna', 'approved']] },
      },
      { type: 'FOOTER', text: 'Demo Bank · loans team' },
      {
        type: 'BUTTONS',
        buttons: [
          {
            type: 'URL',
            text: 'View my case',
            url: 'https://bank.example/cases/{{1}}',
            example: ['https://bank.example/cases/CASE-1001'],
          },
          { type: 'QUICK_REPLY', text: 'Call me back' },
        ],
      },
    ],
  },
  {
    name: 'document_request',
    language: 'en_US',
    category: 'UTILITY',
    parameterFormat: 'NAMED',
    components: [
      { type: 'HEADER', format: 'DOCUMENT' },
      {
        type: 'BODY',
        text: 'Dear {{customer_name}}, please sign the attached {{document_name}} and send it back by {{due_date}}.',
        example: {
          body_text_named_params: [
            { param_name: 'customer_name', example: 'Anna Weber' },
            { param_name: 'document_name', example: 'loan agreement' },
            { param_name: 'due_date', example: '12 December' },
          ],
        },
      },
    ],
  },
  {
    name: 'appointment_reminder',
    language: 'de_DE',
    category: 'UTILITY',
    components: [
      { type: 'BODY', text: 'Ihr Termin ist morgen um {{1}} Uhr.', example: { body_text: [['10:30']] } },
      {
        type: 'BUTTONS',
        buttons: [
          { type: 'QUICK_REPLY', text: 'Bestätigen' },
          { type: 'QUICK_REPLY', text: 'Verschieben' },
        ],
      },
    ],
  },
  {
    name: 'welcome_offer',
    language: 'en_US',
    category: 'MARKETING',
    components: [
      {
        type: 'BODY',
        text: 'Welcome, {{1}}! Use this code for a free first consultation.',
        example: { body_text: [['Jordan']] },
      },
      { type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: 'WELCOME10' }] },
    ],
  },
];
