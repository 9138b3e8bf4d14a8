/**
 * A new clientMessageId (the send's Idempotency-Key): 128 random bits. `getRandomValues` works on
 * plain-http pages too, where `crypto.randomUUID` does not exist.
 */
export function newClientMessageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let id = 'cm_';
  for (const byte of bytes) id += byte.toString(16).padStart(2, '0');
  return id;
}
