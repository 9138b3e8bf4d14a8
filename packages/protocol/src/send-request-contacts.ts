import { CONTACTS_PER_MESSAGE_MAX } from '@switchboard/whatsapp';
import { z } from 'zod';
import { fieldError, list, nonEmpty, object, replyTo } from './send-request-fields.js';

/** Contact cards in send bodies (send-request.ts): the Cloud API objects, field names kept. */
// ——— contacts (Cloud API contact cards) ———

const card = 'contacts[]';
const optionalStrings = <Key extends string>(path: string, keys: readonly Key[]) =>
  Object.fromEntries(keys.map((key) => [key, nonEmpty(`${path}.${key}`).optional()])) as Record<
    Key,
    z.ZodOptional<z.ZodString>
  >;

const contactCard = object(card, {
  name: object(`${card}.name`, {
    formatted_name: nonEmpty(`${card}.name.formatted_name`),
    ...optionalStrings(`${card}.name`, ['first_name', 'last_name', 'middle_name', 'suffix', 'prefix']),
  }),
  phones: list(
    `${card}.phones`,
    object(`${card}.phones[]`, {
      phone: nonEmpty(`${card}.phones[].phone`),
      ...optionalStrings(`${card}.phones[]`, ['type', 'wa_id']),
    }),
    0,
  ).optional(),
  emails: list(
    `${card}.emails`,
    object(`${card}.emails[]`, {
      email: nonEmpty(`${card}.emails[].email`),
      ...optionalStrings(`${card}.emails[]`, ['type']),
    }),
    0,
  ).optional(),
  urls: list(
    `${card}.urls`,
    object(`${card}.urls[]`, {
      url: nonEmpty(`${card}.urls[].url`),
      ...optionalStrings(`${card}.urls[]`, ['type']),
    }),
    0,
  ).optional(),
  addresses: list(
    `${card}.addresses`,
    object(
      `${card}.addresses[]`,
      optionalStrings(`${card}.addresses[]`, [
        'street',
        'city',
        'state',
        'zip',
        'country',
        'country_code',
        'type',
      ]),
    ),
    0,
  ).optional(),
  org: object(`${card}.org`, optionalStrings(`${card}.org`, ['company', 'department', 'title'])).optional(),
  birthday: z
    .string({ error: fieldError(`${card}.birthday`, 'a string') })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${card}.birthday must be a date as YYYY-MM-DD`)
    .optional(),
});

export const contactsMember = object('the request body', {
  type: z.literal('contacts'),
  contacts: list('contacts', contactCard, 1, CONTACTS_PER_MESSAGE_MAX),
  replyTo,
});
