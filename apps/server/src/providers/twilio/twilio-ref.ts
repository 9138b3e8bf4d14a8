/**
 * Twilio has no field that echoes a reference of ours in its status callbacks, so the reference
 * goes into the `StatusCallback` URL as this query parameter. Twilio signs the URL it calls, query
 * included, with the form parameters; once verified, the receiver stores the reference with the
 * form as `SwitchboardRef` (`withTwilioRef`), where the normalizer reads it as the status's
 * callback data (docs/providers.md, Twilio).
 */
export const twilioRefParameter = 'sbref';
const storedField = 'SwitchboardRef';

/** Our message id, shape-checked: nothing else is ever taken from the URL. */
const ourMessageId = /^msg_[0-9A-Za-z_-]{1,60}$/;

/** The form to store for a verified Twilio webhook that was posted to `url`. */
export function withTwilioRef(body: Buffer, url: string): Buffer {
  const query = url.indexOf('?');
  if (query === -1) return body;
  const ref = new URLSearchParams(url.slice(query + 1)).get(twilioRefParameter);
  if (ref === null || !ourMessageId.test(ref)) return body;
  const field = new URLSearchParams({ [storedField]: ref }).toString();
  return Buffer.concat([body, Buffer.from(body.length > 0 ? `&${field}` : field)]);
}

/** The reference a stored Twilio form carries (the receiver's is the last `SwitchboardRef`). */
export function twilioRefOf(params: URLSearchParams): string | null {
  const ref = params.getAll(storedField).at(-1) ?? null;
  return ref !== null && ourMessageId.test(ref) ? ref : null;
}
