import { Params, wrongType } from './params.js';

export interface MarkReadRequest {
  readonly messageId: string;
  /** Whether the customer should also see "typing…" (`typing_indicator: {type: "text"}`). */
  readonly typing: boolean;
}

/** Whether a `POST /{phone-number-id}/messages` body is a read receipt rather than a send. */
export function isMarkReadBody(body: unknown): boolean {
  return typeof body === 'object' && body !== null && Object.hasOwn(body, 'status');
}

/** `{"messaging_product":"whatsapp","status":"read","message_id","typing_indicator"?:{"type":"text"}}`. */
export function validateMarkRead(body: unknown): MarkReadRequest {
  const request = Params.of(body, '');
  request.allowOnly(['messaging_product', 'status', 'message_id', 'typing_indicator']);
  const product = request.string('messaging_product');
  if (product !== 'whatsapp') throw wrongType('messaging_product', `"whatsapp"; got "${product}"`);
  request.enumValue('status', ['read']);
  const messageId = request.string('message_id');
  const typing = request.optionalObject('typing_indicator');
  typing?.allowOnly(['type']).enumValue('type', ['text']);
  return { messageId, typing: typing !== undefined };
}
