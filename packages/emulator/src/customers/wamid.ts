import { randomBytes } from 'node:crypto';

/**
 * A message id in the form Meta uses: `wamid.` + base64 of a small binary record holding the
 * customer's number, a direction marker and a random hex id (decoding a real outbound wamid gives
 * `\x1c\x18\x0b16503879439\x15\x02\x00\x11\x18\x12<18 hex>\x00`; inbound ones use `\x12` and 20 hex
 * digits). Receivers must treat it as opaque; it can contain `+`, `/` and `=`.
 */
export function newWamid(waId: string, direction: 'in' | 'out'): string {
  const hex = randomBytes(10).toString('hex').toUpperCase();
  const id = direction === 'out' ? hex.slice(0, 18) : `3A${hex.slice(0, 18)}`;
  const number = Buffer.from(waId.slice(0, 255), 'latin1');
  const record = Buffer.concat([
    Buffer.from([0x1c, 0x18, number.length]),
    number,
    Buffer.from([0x15, 0x02, 0x00, direction === 'out' ? 0x11 : 0x12, 0x18, id.length]),
    Buffer.from(id, 'latin1'),
    Buffer.from([0x00]),
  ]);
  return `wamid.${record.toString('base64')}`;
}
