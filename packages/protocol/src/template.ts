import { z } from 'zod';

/**
 * A message template as synced from the channel's WhatsApp Business Account (docs/sending.md, templates).
 * `components` are Meta's (HEADER, BODY, FOOTER, BUTTONS) as the provider listed them: the inbox
 * reads their placeholders to build the parameter form.
 */
export const templateSchema = z.object({
  channelId: z.string(),
  name: z.string(),
  language: z.string(),
  providerTemplateId: z.string().nullable(),
  status: z.string(),
  category: z.string().nullable(),
  parameterFormat: z.string().nullable(),
  components: z.array(z.unknown()),
  syncedAt: z.string(),
});
export type Template = z.infer<typeof templateSchema>;

export const templateListSchema = z.object({ data: z.array(templateSchema) });
