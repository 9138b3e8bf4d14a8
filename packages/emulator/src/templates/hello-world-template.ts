import type { TemplateDefinition } from '../core/emulator-options.js';

/** The sample template Meta puts in every new WhatsApp Business Account (no parameters). */
export const HELLO_WORLD_TEMPLATE: TemplateDefinition = {
  name: 'hello_world',
  language: 'en_US',
  category: 'UTILITY',
  status: 'APPROVED',
  parameterFormat: 'POSITIONAL',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Hello World' },
    {
      type: 'BODY',
      text:
        'Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message ' +
        'notification from the Cloud API, hosted by Meta. Thank you for taking the time to test with us.',
    },
    { type: 'FOOTER', text: 'WhatsApp Business Platform sample message' },
  ],
};
