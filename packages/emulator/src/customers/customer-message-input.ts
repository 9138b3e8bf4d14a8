import { z } from 'zod';

/**
 * What a simulated customer can send (`POST /_control/customers/:waId/messages`,
 * `emulator.customerSends`): the Cloud API inbound fields for each `type`
 * (docs/whatsapp-cloud-api.md §3) minus what the platform fills in (`from`, `id`, `timestamp`,
 * media ids and hashes), plus `file` for real media bytes and `context.message_id` for replies.
 */
const context = z
  .object({
    /** The quoted message (a reply), or the interactive/template message answered. */
    message_id: z.string().min(1).optional(),
    forwarded: z.boolean().optional(),
    frequently_forwarded: z.boolean().optional(),
    referred_product: z
      .object({ catalog_id: z.string(), product_retailer_id: z.string() })
      .strict()
      .optional(),
  })
  .strict();

const file = z
  .object({
    base64: z.string().min(1),
    mimeType: z.string().min(1),
    filename: z.string().min(1).optional(),
  })
  .strict();

const common = {
  /** The business number written to; defaults to the first. */
  phoneNumberId: z.string().min(1).optional(),
  context: context.optional(),
  /** A Click-to-WhatsApp ad the customer came from (`referral` on the message). */
  referral: z.record(z.string(), z.unknown()).optional(),
};

const caption = z.string().max(1024).optional();
/** Media types take real bytes in `file`; without it the emulator sends a small sample file. */
const media = { ...common, file: file.optional() };
const textMessage = z.object({ body: z.string().min(1).max(65_536) }).strict();
const targetId = z.string().min(1);

export const customerMessageInputSchema = z.discriminatedUnion('type', [
  z.object({ ...common, type: z.literal('text'), text: textMessage }).strict(),
  z.object({ ...media, type: z.literal('image'), image: z.object({ caption }).strict().optional() }).strict(),
  z.object({ ...media, type: z.literal('video'), video: z.object({ caption }).strict().optional() }).strict(),
  z
    .object({
      ...media,
      type: z.literal('audio'),
      audio: z.object({ voice: z.boolean().optional() }).strict().optional(),
    })
    .strict(),
  z
    .object({
      ...media,
      type: z.literal('document'),
      document: z
        .object({ caption, filename: z.string().min(1).optional() })
        .strict()
        .optional(),
    })
    .strict(),
  z
    .object({
      ...media,
      type: z.literal('sticker'),
      sticker: z.object({ animated: z.boolean().optional() }).strict().optional(),
    })
    .strict(),
  z
    .object({
      ...common,
      type: z.literal('location'),
      location: z
        .object({
          latitude: z.number().min(-90).max(90),
          longitude: z.number().min(-180).max(180),
          name: z.string().optional(),
          address: z.string().optional(),
          url: z.string().optional(),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      ...common,
      type: z.literal('contacts'),
      contacts: z.array(z.record(z.string(), z.unknown())).min(1),
    })
    .strict(),
  z
    .object({
      ...common,
      type: z.literal('interactive'),
      interactive: z.discriminatedUnion('type', [
        z
          .object({
            type: z.literal('button_reply'),
            button_reply: z.object({ id: z.string().min(1), title: z.string().min(1) }).strict(),
          })
          .strict(),
        z
          .object({
            type: z.literal('list_reply'),
            list_reply: z
              .object({ id: z.string().min(1), title: z.string().min(1), description: z.string().optional() })
              .strict(),
          })
          .strict(),
        z
          .object({
            type: z.literal('nfm_reply'),
            nfm_reply: z
              .object({
                name: z.string().optional(),
                body: z.string().optional(),
                // Meta sends a JSON *string*; an object is accepted here and stringified.
                response_json: z.union([z.string(), z.record(z.string(), z.unknown())]),
              })
              .strict(),
          })
          .strict(),
      ]),
    })
    .strict(),
  z
    .object({
      ...common,
      type: z.literal('button'),
      button: z.object({ text: z.string().min(1), payload: z.string().optional() }).strict(),
    })
    .strict(),
  z
    .object({
      ...common,
      type: z.literal('reaction'),
      // An empty or absent emoji removes the customer's reaction.
      reaction: z.object({ message_id: targetId, emoji: z.string().optional() }).strict(),
    })
    .strict(),
  z
    .object({
      ...common,
      type: z.literal('edit'),
      edit: z.union([
        z
          .object({
            original_message_id: targetId,
            message: z.object({ type: z.literal('text'), text: textMessage }).strict(),
          })
          .strict(),
        z.object({ message_id: targetId, text: textMessage }).strict(),
      ]),
    })
    .strict(),
  z
    .object({
      ...common,
      type: z.literal('revoke'),
      revoke: z.union([
        z.object({ original_message_id: targetId }).strict(),
        z.object({ message_id: targetId }).strict(),
      ]),
    })
    .strict(),
  z
    .object({
      ...common,
      type: z.literal('unsupported'),
      unsupported: z
        .object({ type: z.string().min(1).optional() })
        .strict()
        .optional(),
    })
    .strict(),
  z
    .object({
      ...common,
      type: z.literal('system'),
      system: z
        .object({
          type: z.string().min(1),
          body: z.string().optional(),
          wa_id: z.string().optional(),
          new_wa_id: z.string().optional(),
          user_id: z.string().optional(),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      ...common,
      type: z.literal('order'),
      order: z
        .object({
          catalog_id: z.string().min(1),
          text: z.string().optional(),
          product_items: z
            .array(
              z
                .object({
                  product_retailer_id: z.string().min(1),
                  quantity: z.union([z.number(), z.string()]),
                  item_price: z.union([z.number(), z.string()]),
                  currency: z.string().min(1),
                })
                .strict(),
            )
            .min(1),
        })
        .strict(),
    })
    .strict(),
]);

export type CustomerMessageInput = z.input<typeof customerMessageInputSchema>;
export type ParsedCustomerMessage = z.output<typeof customerMessageInputSchema>;
