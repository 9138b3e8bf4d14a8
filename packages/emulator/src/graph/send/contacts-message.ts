import { CONTACTS_PER_MESSAGE_MAX } from '@switchboard/whatsapp';
import { invalidValue, type Params } from './params.js';

/**
 * The string fields of each list of a contact card, and the one each entry must have (Meta's
 * contacts object reference; OpenAPI `PhoneObject`, `EmailObject`, `UrlObject`). `type` is free
 * text: the reference lists CELL, MAIN and IPHONE besides the HOME and WORK of the OpenAPI enum.
 */
const CARD_LISTS: Readonly<Record<string, { fields: readonly string[]; required?: string }>> = {
  addresses: { fields: ['street', 'city', 'state', 'zip', 'country', 'country_code', 'type'] },
  emails: { fields: ['email', 'type'], required: 'email' },
  phones: { fields: ['phone', 'type', 'wa_id'], required: 'phone' },
  urls: { fields: ['url', 'type'], required: 'url' },
};
const NAME_FIELDS = ['formatted_name', 'first_name', 'last_name', 'middle_name', 'suffix', 'prefix'];
const ORG_FIELDS = ['company', 'department', 'title'];

/** `"contacts":[{name{formatted_name,…},phones[],emails[],addresses[],org{},urls[],birthday}]`. */
export function checkContactsMessage(message: Params): void {
  for (const card of message.objects('contacts', { min: 1, max: CONTACTS_PER_MESSAGE_MAX })) {
    card.allowOnly(['name', 'birthday', 'org', ...Object.keys(CARD_LISTS)]);
    const name = card.object('name').allowOnly(NAME_FIELDS);
    name.string('formatted_name');
    stringsOnly(name, NAME_FIELDS);
    const org = card.optionalObject('org');
    if (org) stringsOnly(org.allowOnly(ORG_FIELDS), ORG_FIELDS);
    for (const [key, { fields, required }] of Object.entries(CARD_LISTS)) {
      for (const entry of card.optionalObjects(key)) {
        stringsOnly(entry.allowOnly(fields), fields);
        if (required !== undefined) entry.string(required);
      }
    }
    const birthday = card.optionalString('birthday');
    if (birthday !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(birthday)) {
      throw invalidValue(card.pathOf('birthday'), 'must be a date in YYYY-MM-DD format');
    }
  }
}

function stringsOnly(params: Params, fields: readonly string[]): void {
  for (const field of fields) params.optionalString(field);
}
